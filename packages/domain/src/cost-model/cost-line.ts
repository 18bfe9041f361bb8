import type { Pence } from '../money.ts';

/**
 * One step of a built-up cost, for a breakdown table: what it is, how it was worked out (in words and
 * figures), and the amount. Each line is already rounded to the penny, and the lines add up exactly to the
 * total they explain, so a screen never shows a breakdown that is a penny out.
 */
export interface CostLine {
  label: string;
  basis: string;
  pence: Pence;
}

export const sumLines = (lines: readonly CostLine[]): Pence => lines.reduce((total, line) => total + line.pence, 0);

/** "11.5%" / "12.07%" — a percentage held in hundredths, shown as entered. */
export const showPercent = (hundredths: number): string => `${hundredths / 100}%`;

/** "37.5 hours" / "1 hour". */
export const showHours = (hundredths: number): string => `${hundredths / 100} hour${hundredths === 100 ? '' : 's'}`;
