import { addMonths } from '../contract/dates.ts';

/**
 * The window of due dates a returns calendar covers (issue 14, item 3). A calendar holds every period of every
 * KPI whose return falls due inside the window, so the work of one request is bounded by the window, whatever
 * the history: by default from 12 months ago to 3 months ahead, at most 5 years long.
 */
export const RETURNS_WINDOW_MONTHS_BACK = 12;
export const RETURNS_WINDOW_MONTHS_AHEAD = 3;
export const RETURNS_WINDOW_MAX_YEARS = 5;

export interface ReturnsWindow {
  /** The first due date shown ('YYYY-MM-DD'), included. */
  from: string;
  /** The last due date shown, included. */
  to: string;
}

const DEFAULT_LENGTH = RETURNS_WINDOW_MONTHS_BACK + RETURNS_WINDOW_MONTHS_AHEAD;

/**
 * The window asked for, its ends filled in: with neither end, 12 months back to 3 months ahead of `today`; with
 * one end only, the window runs 15 months (the default length) from it.
 */
export function returnsWindow(today: string, asked: { from?: string | undefined; to?: string | undefined } = {}): ReturnsWindow {
  if (asked.from && asked.to) return { from: asked.from, to: asked.to };
  if (asked.from) return { from: asked.from, to: addMonths(asked.from, DEFAULT_LENGTH) };
  if (asked.to) return { from: addMonths(asked.to, -DEFAULT_LENGTH), to: asked.to };
  return { from: addMonths(today, -RETURNS_WINDOW_MONTHS_BACK), to: addMonths(today, RETURNS_WINDOW_MONTHS_AHEAD) };
}

/** What is wrong with a window, against the field to correct, or null. */
export function returnsWindowProblem(window: ReturnsWindow): { field: 'from' | 'to'; message: string } | null {
  if (window.from > window.to) return { field: 'to', message: 'The last due date must be the same as or after the first' };
  if (window.to > addMonths(window.from, RETURNS_WINDOW_MAX_YEARS * 12)) return { field: 'to', message: `Choose due dates at most ${RETURNS_WINDOW_MAX_YEARS} years apart` };
  return null;
}
