/**
 * CSV injection (OWASP): a spreadsheet opening a CSV reads a cell that starts with `=`, `+`, `-`, `@`, a tab
 * or a carriage return as a formula, so a provider named `=HYPERLINK("http://x","y")` or a locality
 * `+1+cmd|' /C calc'!A0` would run when someone opens an export. Every text cell Concord writes to a CSV
 * passes through `inertCsvCell`: such a cell gets a leading apostrophe (shown as text, never evaluated) and
 * the writer quotes it.
 *
 * Numbers stay numbers: a number value is never touched, and neither is text that is only a plain decimal
 * number (`-12.50`, `+3`), since a spreadsheet reads that as the same number, not as a formula.
 */
export type CsvCell = string | number | bigint | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?$/;
const ESCAPED = /^'[=+\-@\t\r]/;

/** True if a spreadsheet could read this text as a formula. */
export function isFormulaLike(text: string): boolean {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text);
}

/** The text made inert for a spreadsheet: `'` before a formula-like start; anything else unchanged. */
export function inertCsvText(text: string): string {
  return isFormulaLike(text) ? `'${text}` : text;
}

/** A cell made inert: text as `inertCsvText`, every other value (numbers above all) unchanged. */
export function inertCsvCell<T extends CsvCell>(cell: T): T | string {
  return typeof cell === 'string' ? inertCsvText(cell) : cell;
}

/**
 * Undoes `inertCsvText` when a CSV Concord wrote comes back (the placements export is made to be edited and
 * imported again): a leading apostrophe before a formula-like start is dropped.
 */
export function restoreCsvText(text: string): string {
  return ESCAPED.test(text) && isFormulaLike(text.slice(1)) ? text.slice(1) : text;
}
