import { COST_MODEL_PARAMETERS, computeCostModel, DomainError, formatPence, parsePounds, type CostModelKind, type CostModelResult } from '@concord/domain';
import { clientErrors, type ClientError, type FormErrors } from '../../components/formErrors.ts';

/**
 * The parameters of each kind of cost model as a form: which fields, in what words and units, and how the text
 * typed converts to the JSON the domain checks and computes. Money is typed in pounds and held in pence;
 * percentages, hours and weeks are typed as numbers.
 */
export type FieldType = 'pence' | 'number' | 'text' | 'sizes';

export interface FieldSpec {
  key: string;
  label: string;
  type: FieldType;
  hint?: string;
  suffix?: string;
  optional?: boolean;
}

export interface KindSpec {
  top: FieldSpec[];
  /** A list of bands or schemes, each with the same fields. */
  list?: { key: 'bands' | 'schemes'; itemName: string; nameKey: string; fields: FieldSpec[] };
}

const nightFields: FieldSpec[] = [
  { key: 'wakingNightsPerWeek', label: 'Waking nights a week', type: 'number', hint: 'Staff-nights: two waking staff every night is 14', suffix: 'nights' },
  { key: 'wakingNightRatePence', label: 'Waking night rate per night', type: 'pence' },
  { key: 'sleepInNightsPerWeek', label: 'Sleep-in nights a week', type: 'number', suffix: 'nights' },
  { key: 'sleepInRatePence', label: 'Sleep-in rate per night', type: 'pence' },
];

export const KIND_SPECS: Record<CostModelKind, KindSpec> = {
  home_care: {
    top: [
      { key: 'careWorkerPayPence', label: 'Care worker hourly pay', type: 'pence' },
      { key: 'travelTimePercent', label: 'Travel time', type: 'number', suffix: '%', hint: 'Paid travel between visits, as a share of contact time' },
      { key: 'trainingAndSupervisionPercent', label: 'Training and supervision time', type: 'number', suffix: '%', hint: 'Paid time away from visits, as a share of contact time' },
      { key: 'employerNiPercent', label: 'Employer National Insurance', type: 'number', suffix: '%', hint: 'Of paid-time pay; the effective rate' },
      { key: 'pensionPercent', label: 'Employer pension', type: 'number', suffix: '%', hint: 'Of paid-time pay' },
      { key: 'holidayPercent', label: 'Holiday pay', type: 'number', suffix: '%', hint: 'Of paid-time pay; 12.07% for 5.6 weeks' },
      { key: 'mileagePencePerContactHour', label: 'Mileage per contact hour', type: 'pence' },
      { key: 'backOfficePencePerContactHour', label: 'Back-office cost per contact hour', type: 'pence' },
      { key: 'surplusPercent', label: 'Surplus', type: 'number', suffix: '%', hint: 'Of the whole cost' },
    ],
  },
  supported_living: {
    top: [
      { key: 'hourlyRatePence', label: 'Hourly rate', type: 'pence', hint: 'The support worker rate the hours are priced at' },
      { key: 'schemeSizes', label: 'Scheme sizes (people sharing)', type: 'sizes', hint: 'Separated by commas, for example 4, 5, 6' },
    ],
    list: {
      key: 'bands',
      itemName: 'Complexity band',
      nameKey: 'name',
      fields: [
        { key: 'name', label: 'Band name', type: 'text' },
        { key: 'sharedHoursPerWeek', label: 'Shared staffing hours a week', type: 'number', suffix: 'hours', hint: 'Across the whole scheme' },
        { key: 'oneToOneHoursPerWeek', label: '1:1 hours a week', type: 'number', suffix: 'hours', hint: 'For the person' },
        ...nightFields,
      ],
    },
  },
  shared_lives: {
    top: [{ key: 'paidBreakWeeks', label: 'Paid break weeks a year', type: 'number', suffix: 'weeks' }],
    list: {
      key: 'bands',
      itemName: 'Band',
      nameKey: 'name',
      fields: [
        { key: 'name', label: 'Band name', type: 'text' },
        { key: 'weeklyPence', label: 'Weekly carer payment', type: 'pence' },
      ],
    },
  },
  extra_care: {
    top: [],
    list: {
      key: 'schemes',
      itemName: 'Scheme',
      nameKey: 'scheme',
      fields: [
        { key: 'scheme', label: 'Scheme name', type: 'text' },
        { key: 'units', label: 'Number of units (optional)', type: 'number', optional: true, suffix: 'units' },
        { key: 'hourlyRatePence', label: 'Hourly rate', type: 'pence' },
        { key: 'dayHoursPerWeek', label: 'Day hours a week', type: 'number', suffix: 'hours' },
        ...nightFields,
      ],
    },
  },
};

/** What the form holds: the top-level fields and each band's or scheme's, as typed. */
export interface ParameterFields {
  top: Record<string, string>;
  items: Record<string, string>[];
}

function toText(type: FieldType, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (type === 'pence' && typeof value === 'number' && Number.isInteger(value)) return (value / 100).toFixed(2);
  if (type === 'sizes' && Array.isArray(value)) return value.join(', ');
  return String(value);
}

export function fieldsOf(kind: CostModelKind, parameters: unknown): ParameterFields {
  const spec = KIND_SPECS[kind];
  const p = (parameters ?? {}) as Record<string, unknown>;
  const top = Object.fromEntries(spec.top.map((f) => [f.key, toText(f.type, p[f.key])]));
  const list = spec.list ? ((p[spec.list.key] as Record<string, unknown>[] | undefined) ?? []) : [];
  const items = spec.list ? list.map((item) => Object.fromEntries(spec.list!.fields.map((f) => [f.key, toText(f.type, item[f.key])]))) : [];
  return { top, items };
}

export function emptyItem(kind: CostModelKind): Record<string, string> {
  const list = KIND_SPECS[kind].list;
  return list ? Object.fromEntries(list.fields.map((f) => [f.key, f.type === 'pence' ? '0.00' : f.type === 'number' && !f.optional ? '0' : ''])) : {};
}

/** Field ids: "pm-careWorkerPayPence", "pm-bands-1-sharedHoursPerWeek". */
export const topId = (key: string) => `pm-${key}`;
export const itemId = (list: string, index: number, key: string) => `pm-${list}-${index}-${key}`;

/** The id of the field a domain or API path names ("bands[1].sharedHoursPerWeek", "parameters.schemes.0.scheme"). */
export function idForPath(kind: CostModelKind, path: string): string | undefined {
  const parts = path
    .replace(/^parameters\.?/, '')
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter(Boolean);
  const spec = KIND_SPECS[kind];
  if (parts.length === 0) return spec.top[0] ? topId(spec.top[0].key) : spec.list ? itemId(spec.list.key, 0, spec.list.fields[0]!.key) : undefined;
  const [first, index, key] = parts;
  if (spec.list && first === spec.list.key) {
    if (index === undefined) return `pm-${spec.list.key}`;
    return itemId(spec.list.key, Number(index), key ?? spec.list.fields[1]!.key);
  }
  return spec.top.some((f) => f.key === first) ? topId(first!) : undefined;
}

function convert(f: FieldSpec, text: string, id: string, problems: ClientError[]): unknown {
  const t = text.trim();
  const name = f.label.replace(/ \(optional\)$/, '');
  switch (f.type) {
    case 'text':
      return text;
    case 'pence':
      if (!t) {
        problems.push({ id, text: `Enter the ${name.toLowerCase()}, in pounds` });
        return undefined;
      }
      try {
        return parsePounds(t);
      } catch {
        problems.push({ id, text: `${name} must be an amount of money with at most 2 decimal places, like £16.50` });
        return undefined;
      }
    case 'number':
      if (!t) {
        if (f.optional) return undefined;
        problems.push({ id, text: `Enter the ${name.toLowerCase()}` });
        return undefined;
      }
      if (!/^-?\d+(\.\d+)?$/.test(t.replace(/,/g, ''))) {
        problems.push({ id, text: `${name} must be a number` });
        return undefined;
      }
      return Number(t.replace(/,/g, ''));
    case 'sizes': {
      const bits = t.split(/[\s,]+/).filter(Boolean);
      if (bits.length === 0 || bits.some((b) => !/^\d+$/.test(b))) {
        problems.push({ id, text: `${name} must be whole numbers separated by commas, like 4, 5, 6` });
        return undefined;
      }
      return bits.map(Number);
    }
  }
}

export interface Checked {
  parameters: unknown;
  /** The model's rates, when every figure passes the domain's checks. */
  result: CostModelResult | null;
  errors: FormErrors;
}

/**
 * The typed figures as parameters, checked by the domain's own zod schema (every problem, each on its field)
 * and then computed by the domain (which refuses, for example, a band with no staffing) — exactly what the API
 * will do when the draft is saved.
 */
export function checkParameters(kind: CostModelKind, fields: ParameterFields): Checked {
  const spec = KIND_SPECS[kind];
  const problems: ClientError[] = [];
  const parameters: Record<string, unknown> = {};
  for (const f of spec.top) {
    const v = convert(f, fields.top[f.key] ?? '', topId(f.key), problems);
    if (v !== undefined) parameters[f.key] = v;
  }
  if (spec.list) {
    parameters[spec.list.key] = fields.items.map((item, i) => {
      const out: Record<string, unknown> = {};
      for (const f of spec.list!.fields) {
        const v = convert(f, item[f.key] ?? '', itemId(spec.list!.key, i, f.key), problems);
        if (v !== undefined) out[f.key] = v;
      }
      return out;
    });
  }
  const typedIds = new Set(problems.map((p) => p.id));
  const parsed = COST_MODEL_PARAMETERS[kind].safeParse(parameters);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const id = idForPath(kind, issue.path.map(String).join('.'));
      // A field that is not a number yet already says so.
      if (id && typedIds.has(id)) continue;
      problems.push(id ? { id, text: issue.message } : { text: issue.message });
    }
  }
  if (problems.length > 0) return { parameters, result: null, errors: clientErrors(problems) };
  try {
    return { parameters, result: computeCostModel(kind, parameters), errors: clientErrors([]) };
  } catch (error) {
    if (error instanceof DomainError) {
      const id = error.field ? idForPath(kind, error.field) : undefined;
      return { parameters, result: null, errors: clientErrors([id ? { id, text: error.message } : { text: error.message }]) };
    }
    throw error;
  }
}

/** A parameter path in words, for the list of changes: "Sefton: Bootle scheme: Day hours a week". */
export function describePath(kind: CostModelKind, path: string, parameters: unknown): string {
  const spec = KIND_SPECS[kind];
  const parts = path.replace(/\[(\d+)\]/g, '.$1').split('.');
  const [first, index, key] = parts;
  if (spec.list && first === spec.list.key && index !== undefined) {
    const items = ((parameters as Record<string, unknown> | null)?.[spec.list.key] ?? []) as Record<string, unknown>[];
    const name = items[Number(index)]?.[spec.list.nameKey];
    const field = spec.list.fields.find((f) => f.key === key);
    return `${typeof name === 'string' ? name : `${spec.list.itemName} ${Number(index) + 1}`}: ${field?.label.replace(/ \(optional\)$/, '') ?? key}`;
  }
  const field = spec.top.find((f) => f.key === first);
  return field ? (index !== undefined ? `${field.label} (${Number(index) + 1})` : field.label) : path;
}

/** A parameter's value in words: pence as pounds, percentages with %. */
export function describeValue(path: string, value: unknown): string {
  if (value === undefined || value === null) return 'None';
  if (typeof value === 'number' && /Pence$/.test(path) && Number.isInteger(value)) return formatPence(value);
  if (typeof value === 'number' && /Percent$/.test(path)) return `${value}%`;
  return String(value);
}

/** What a new model starts from: plausible figures of the right shape, for the lead to change in the editor. */
export const STARTER_PARAMETERS: Record<CostModelKind, unknown> = {
  home_care: {
    careWorkerPayPence: 1_200,
    travelTimePercent: 20,
    trainingAndSupervisionPercent: 5,
    employerNiPercent: 6.5,
    pensionPercent: 3,
    holidayPercent: 12.07,
    mileagePencePerContactHour: 150,
    backOfficePencePerContactHour: 450,
    surplusPercent: 3,
  },
  supported_living: {
    hourlyRatePence: 2_150,
    schemeSizes: [4, 5, 6],
    bands: [{ name: 'Standard', sharedHoursPerWeek: 112, oneToOneHoursPerWeek: 0, sleepInNightsPerWeek: 7, sleepInRatePence: 9_500, wakingNightsPerWeek: 0, wakingNightRatePence: 0 }],
  },
  shared_lives: { paidBreakWeeks: 4, bands: [{ name: 'Long-term', weeklyPence: 25_000 }] },
  extra_care: {
    schemes: [{ scheme: 'Scheme 1', hourlyRatePence: 1_700, dayHoursPerWeek: 400, wakingNightsPerWeek: 14, wakingNightRatePence: 12_500, sleepInNightsPerWeek: 0, sleepInRatePence: 0 }],
  },
};
