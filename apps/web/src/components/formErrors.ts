import { errorCode, errorMessage, fieldErrors } from '../trpc.ts';
import type { ErrorItem } from './ErrorSummary.tsx';

/** What a form shows after a refusal: the error summary's items, and the inline message per field id. */
export interface FormErrors {
  summary: ErrorItem[];
  /** Inline messages, keyed by the id of the field they belong to. */
  fields: Record<string, string>;
}

export const NO_ERRORS: FormErrors = { summary: [], fields: {} };

export const hasErrors = (errors: FormErrors) => errors.summary.length > 0;

/** One problem the page found itself (before asking the API). */
export interface ClientError {
  /** The id of the field to mark and jump to; leave out for a problem with the whole form. */
  id?: string;
  text: string;
}

export function clientErrors(problems: ClientError[]): FormErrors {
  const fields: Record<string, string> = {};
  const summary: ErrorItem[] = [];
  for (const p of problems) {
    if (p.id) {
      if (fields[p.id]) continue;
      fields[p.id] = p.text;
      summary.push({ text: p.text, href: `#${p.id}` });
    } else {
      summary.push({ text: p.text });
    }
  }
  return { summary, fields };
}

/**
 * The API's refusal as form errors. `fieldIds` maps the API's field paths ("title", "criteria.0.weightPercent")
 * to the ids of the fields on the page; a path not listed falls back to its longest listed prefix
 * ("criteria.0" for "criteria.0.name"), and a problem with no field on the page goes in the summary alone.
 */
export function apiFormErrors(error: unknown, fieldIds: Record<string, string> = {}): FormErrors {
  const byField = fieldErrors(error);
  const problems: ClientError[] = [];
  for (const [path, messages] of Object.entries(byField)) {
    const text = messages[0];
    if (!text) continue;
    problems.push({ id: fieldIdFor(path, fieldIds), text });
  }
  if (problems.length === 0) problems.push({ text: errorMessage(error) });
  else if (errorCode(error) !== 'BAD_REQUEST' && errorCode(error) !== 'CONFLICT') problems.unshift({ text: errorMessage(error) });
  const result = clientErrors(problems);
  // The same message twice (a field-less problem whose text is also the message) reads badly.
  const seen = new Set<string>();
  result.summary = result.summary.filter((item) => {
    const key = `${item.href ?? ''}|${item.text}`;
    if (seen.has(key) || (!item.href && result.summary.some((other) => other.href && other.text === item.text))) return false;
    seen.add(key);
    return true;
  });
  return result;
}

function fieldIdFor(path: string, fieldIds: Record<string, string>): string | undefined {
  if (fieldIds[path]) return fieldIds[path];
  const parts = path.split('.');
  for (let n = parts.length - 1; n > 0; n--) {
    const prefix = parts.slice(0, n).join('.');
    if (fieldIds[prefix]) return fieldIds[prefix];
  }
  return undefined;
}
