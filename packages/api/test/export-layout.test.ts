import { describe, expect, it } from 'vitest';
import { fitColumns } from '../src/business-case/pdf.ts';
import { labelPlacer, niceCeil, niceTicks } from '../src/pdf/layout.ts';
import { sheetNamer, shortenAtWord } from '../src/xlsx/sheet-name.ts';

describe('XLSX sheet names (issue 13)', () => {
  it('shortens at a word boundary within 31 characters', () => {
    expect(shortenAtWord('SL-01 Long-term Shared Lives placements', 31)).toBe('SL-01 Long-term Shared Lives');
    expect(shortenAtWord('PLC-01 Placements sourced within the target time', 31)).toBe('PLC-01 Placements sourced');
    expect(shortenAtWord('COST-01 Average weekly cost', 31)).toBe('COST-01 Average weekly cost');
  });

  it('keeps a name whose last word ends exactly at the limit', () => {
    const name = 'A'.repeat(25) + ' BCDEF more';
    expect(shortenAtWord(name, 31)).toBe('A'.repeat(25) + ' BCDEF');
  });

  it('drops the characters Excel refuses and cuts a single long word', () => {
    expect(shortenAtWord('Q1/Q2 [draft]: costs?', 31)).toBe('Q1 Q2 draft costs');
    expect(shortenAtWord('x'.repeat(40), 31)).toBe('x'.repeat(31));
  });

  it('keeps names unique in a workbook, ignoring case, within the limit', () => {
    const name = sheetNamer();
    const a = name('SL-01 Long-term Shared Lives placements');
    const b = name('SL-01 Long-term Shared Lives placements, v2');
    const c = name('sl-01 long-term shared lives');
    expect(a).toBe('SL-01 Long-term Shared Lives');
    expect(b).toBe('SL-01 Long-term Shared (2)');
    expect(c).toBe('sl-01 long-term shared (3)');
    for (const n of [a, b, c]) expect(n.length).toBeLessThanOrEqual(31);
  });
});

describe('chart scales (issue 13)', () => {
  it('rounds a bar chart maximum up to a round number near the data, not to the next power', () => {
    expect(niceCeil(110_565)).toBe(120_000);
    expect(niceCeil(1_091)).toBe(1_200);
    expect(niceCeil(73.5)).toBe(80);
    expect(niceCeil(0)).toBe(1);
  });

  it('scales an SPC axis to its data, not from zero', () => {
    expect(niceTicks(82_699, 111_972, 4, 100)).toEqual([80_000, 90_000, 100_000, 110_000, 120_000]);
    expect(niceTicks(64.2, 71.4, 4, 1)).toEqual([64, 66, 68, 70, 72]);
  });

  it('gives distinct ticks around a flat series, none below zero unless the series is', () => {
    expect(niceTicks(0, 0, 4, 1)).toEqual([0, 1]);
    const negative = niceTicks(-5, -5, 4, 1);
    expect(new Set(negative).size).toBe(negative.length);
    expect(negative[0]).toBeLessThan(-5);
    expect(negative.at(-1)).toBeGreaterThan(-5);
  });
});

describe('chart labels (issue 13)', () => {
  it('places a label clear of those already placed, or not at all', () => {
    const place = labelPlacer([], { x: 0, y: 0, w: 200, h: 100 });
    const first = place(50, 50, 60, 8)!;
    const second = place(52, 50, 60, 8)!;
    expect(first).toEqual({ x: 55, y: 46 });
    const overlap = Math.min(first.x + 60, second.x + 60) > Math.max(first.x, second.x) && Math.min(first.y + 8, second.y + 8) > Math.max(first.y, second.y);
    expect(overlap).toBe(false);
    const crowded = labelPlacer([{ x: 0, y: 0, w: 200, h: 100 }], { x: 0, y: 0, w: 200, h: 100 });
    expect(crowded(50, 50, 60, 8)).toBeNull();
  });
});

describe('business case table columns (issue 13)', () => {
  it('widens a column to its longest word, taking the room from columns with room to spare', () => {
    const widths = fitColumns([100, 40, 200, 141], [60, 55, 40, 40], 481);
    expect(widths.reduce((a, b) => a + b, 0)).toBeCloseTo(481, 9);
    expect(widths[1]).toBeCloseTo(55, 9);
    for (const [i, need] of [60, 55, 40, 40].entries()) expect(widths[i]!).toBeGreaterThanOrEqual(need - 1e-9);
  });

  it('keeps the widths asked for when every word fits', () => {
    expect(fitColumns([100, 381], [50, 50], 481)).toEqual([100, 381]);
  });
});
