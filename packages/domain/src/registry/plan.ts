import { AUTHORITY_KIND_LABELS } from '../authority.ts';
import { DomainError } from '../errors.ts';
import { COUNCIL_PREFIX, councilKindOf, kindOfGeography, REGION_NOT_RECORDED, REGIONS, type CouncilKind } from './codes.ts';

/** One data row of an ONS MYE2 file, as read: its row number in the file (for messages), Code, Name, Geography. */
export interface MyeArea {
  rowNo: number;
  code: string;
  name: string;
  geography: string;
}

/** What the registry holds now for one authority. */
export interface RegistryEntry {
  id: string;
  name: string;
  kind: string;
  active: boolean;
}

export interface ImportPlan {
  /** Councils in the file that the registry does not hold: registered on confirm. */
  add: { id: string; name: string; kind: CouncilKind; region: string }[];
  /** Councils the registry holds under another name: renamed to the file's name on confirm. */
  rename: { id: string; from: string; to: string }[];
  /** Councils the registry holds under the same name (inactive ones stay inactive). */
  unchanged: string[];
  /** Rows that are not councils with adult social care responsibility (countries, regions, districts…). */
  ignored: number;
}

const MAX_NAME = 200;

/**
 * From the registry as it is and an MYE2 file's rows, what a confirmed import would change. Pure: the
 * preview shows it, the confirm applies it, and applying it leaves a registry for which the same file plans
 * nothing (every row unchanged), so a second import of the same file changes nothing.
 *
 * A council's kind follows from its code and must agree with the file's Geography: a row that says
 * "Metropolitan District" with an E06 code, or an E08 code called a "Non-metropolitan District", is refused
 * naming its row, and so is a council row listed twice. Nothing of a refused file is planned.
 * Each new council's region is the region row (E12…) above it in the file, London for E09, else "Not recorded".
 */
export function planRegistryImport(registry: readonly RegistryEntry[], rows: readonly MyeArea[]): ImportPlan {
  const held = new Map(registry.map((r) => [r.id, r]));
  const errors: Record<string, string[]> = {};
  const fail = (row: MyeArea, message: string) => (errors[`rows.${row.rowNo}`] ??= []).push(`row ${row.rowNo}: ${message}`);
  const seen = new Set<string>();
  const plan: ImportPlan = { add: [], rename: [], unchanged: [], ignored: 0 };
  let region = REGION_NOT_RECORDED;

  for (const row of rows) {
    const code = row.code.trim().toUpperCase();
    if (REGIONS[code]) region = REGIONS[code]!;
    const byGeography = kindOfGeography(row.geography);
    const byCode = councilKindOf(code);
    if (!byGeography && !byCode) {
      plan.ignored++;
      continue;
    }
    if (byGeography !== byCode) {
      fail(row, byCode ? `${code} is a ${words(byCode)}’s code but the Geography says "${row.geography.trim()}"` : `"${row.code.trim()}" is not a GSS code starting ${COUNCIL_PREFIX[byGeography!]} as a ${words(byGeography!)}’s is`);
      continue;
    }
    const name = row.name.trim();
    if (!name || name.length > MAX_NAME) {
      fail(row, `the Name must be 1 to ${MAX_NAME} characters`);
      continue;
    }
    if (seen.has(code)) {
      fail(row, `${code} is listed more than once`);
      continue;
    }
    seen.add(code);
    const current = held.get(code);
    if (!current) plan.add.push({ id: code, name, kind: byCode!, region: byCode === 'london_borough' ? 'London' : region });
    else if (current.name !== name) plan.rename.push({ id: code, from: current.name, to: name });
    else plan.unchanged.push(code);
  }

  const messages = Object.values(errors).flat();
  if (messages.length > 0) {
    const shown = messages.slice(0, 5).join('; ');
    throw new DomainError('BAD_REQUEST', `The file was not imported: ${shown}${messages.length > 5 ? ` and ${messages.length - 5} more` : ''}`, 'file', { file: messages, ...errors });
  }
  return plan;
}

/** The changes of a plan in one canonical text, for its fingerprint: what the preview showed is what a confirm writes. */
export function canonicalPlan(plan: ImportPlan): string {
  return JSON.stringify({
    add: [...plan.add].sort((a, b) => a.id.localeCompare(b.id)).map((a) => [a.id, a.name, a.kind, a.region]),
    rename: [...plan.rename].sort((a, b) => a.id.localeCompare(b.id)).map((r) => [r.id, r.from, r.to]),
  });
}

function words(kind: CouncilKind): string {
  return AUTHORITY_KIND_LABELS[kind].toLowerCase().replace(' council', '');
}
