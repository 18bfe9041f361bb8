import { describe, expect, it } from 'vitest';
import { inertCsvCell, inertCsvText, isFormulaLike, restoreCsvText } from '../src/csv-cell.ts';

describe('CSV cells inert for spreadsheets (OWASP CSV injection)', () => {
  it('puts an apostrophe before every formula-like start: = + - @ tab and carriage return', () => {
    expect(inertCsvText('=HYPERLINK("http://x","y")')).toBe(`'=HYPERLINK("http://x","y")`);
    expect(inertCsvText("+1+cmd|' /C calc'!A0")).toBe("'+1+cmd|' /C calc'!A0");
    expect(inertCsvText('-2+3')).toBe("'-2+3");
    expect(inertCsvText('@SUM(A1:A9)')).toBe("'@SUM(A1:A9)");
    expect(inertCsvText('\t=1+1')).toBe("'\t=1+1");
    expect(inertCsvText('\r=1+1')).toBe("'\r=1+1");
  });

  it('leaves ordinary text, and formula characters after the start, alone', () => {
    for (const text of ['Plymouth', 'Care Homes (South) Ltd', 'a=b', 'x+1', ' =1', '', "'quoted already"]) expect(inertCsvText(text)).toBe(text);
  });

  it('numbers stay numbers: a number value, or text that is only a decimal number', () => {
    expect(inertCsvCell(-12.5)).toBe(-12.5);
    expect(inertCsvCell(0)).toBe(0);
    expect(inertCsvCell(null)).toBeNull();
    expect(inertCsvCell(true)).toBe(true);
    for (const text of ['-12.50', '+3', '-0', '1250.00']) expect(inertCsvText(text)).toBe(text);
    // …but not something that only starts like one.
    expect(inertCsvText('-1e5')).toBe("'-1e5");
    expect(inertCsvText('-12.50+A1')).toBe("'-12.50+A1");
    expect(isFormulaLike('-12.50')).toBe(false);
  });

  it('restoring undoes the escape exactly, and nothing else', () => {
    for (const text of ['=HYPERLINK("http://x","y")', "+1+cmd|' /C calc'!A0", '@x', '-2+3', 'Plymouth', "'plain", "'-12.50", '-12.50']) {
      expect(restoreCsvText(inertCsvText(text))).toBe(text);
    }
    expect(restoreCsvText("'Plymouth")).toBe("'Plymouth");
  });
});
