import { PLACEMENT_CSV_COLUMNS } from '@concord/domain';
import fc from 'fast-check';

/**
 * fast-check arbitraries derived from a procedure's input JSON schema (zod's `toJSONSchema`, input side):
 * mostly values the schema accepts, so calls reach the domain and the database, mixed with the hostile
 * leaves that once caused HTTP 500s (NUL, lone surrogates, 2^31, 2^53, 1e13 pence, 9999-12-31 …).
 */
export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: JsonSchema | boolean;
  items?: JsonSchema;
  prefixItems?: JsonSchema[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
};

export const HOSTILE_TEXT = [
  '\u0000',
  'a\u0000b',
  '\ud800',
  'tail \udc00',
  '',
  '   ',
  'x'.repeat(70_000),
  '=HYPERLINK("http://evil.example","click")',
  '+1+cmd|/C calc!A0',
  '9999-12-31',
  '0001-01-01',
  "'); DROP TABLE contract; --",
  '\u202e\u200b',
  '1e13',
  '2147483648',
];
export const HOSTILE_NUMBERS = [2 ** 31, 2 ** 31 - 1, -(2 ** 31) - 1, 2 ** 53, 2 ** 53 + 2, -1, 0, 1e13, -1e13, 1e15, 0.5, 1e308, -0];
export const HOSTILE_DATES = ['9999-12-31', '0001-01-01', '1899-12-31', '2200-01-01', '1900-01-01', '2199-12-31', '2024-02-30', '0000-00-00'];

const hostileText = fc.constantFrom(...HOSTILE_TEXT);
const hostileNumber = fc.constantFrom(...HOSTILE_NUMBERS);
const validDay = fc.date({ min: new Date('2015-01-01T00:00:00Z'), max: new Date('2032-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
/** Whether the arbitrary being built mixes in hostile leaves (set while building; see `inputArbitrary`). */
let hostileLeaves = true;
const mostly = <T>(valid: fc.Arbitrary<T>, hostile: fc.Arbitrary<unknown>, weight = 1): fc.Arbitrary<unknown> =>
  hostileLeaves ? fc.oneof({ arbitrary: valid as fc.Arbitrary<unknown>, weight: 4 }, { arbitrary: hostile, weight }) : valid;

/**
 * Half the inputs are built only from values of the right shape (so calls get past validation and reach the
 * domain and the database with real ids and boundary amounts), half with hostile leaves mixed in everywhere.
 */
export function inputArbitrary(schema: JsonSchema, ctx: FuzzContext, procedure: string): fc.Arbitrary<unknown> {
  hostileLeaves = false;
  const valid = arbitraryFor(schema, schema, ctx, procedure);
  hostileLeaves = true;
  const hostile = arbitraryFor(schema, schema, ctx, procedure);
  return fc.oneof(valid, hostile);
}

const PLACEMENT_CELLS: Record<string, fc.Arbitrary<string>> = {
  reference: fc.stringMatching(/^P-[0-9]{1,6}$/),
  service_type: fc.constantFrom('home_care', 'supported_living', 'extra_care'),
  in_area: fc.constantFrom('yes', 'no'),
  funding_route: fc.constantFrom('council_commissioned', 'direct_payment', 'nhs_funded'),
  nhs_share_percent: fc.constantFrom('', '50', '100'),
  start_date: validDay,
  end_date: fc.oneof(fc.constant(''), validDay),
  requested_on: fc.oneof(fc.constant(''), validDay),
  sourced_on: fc.oneof(fc.constant(''), validDay),
  weekly_cost: fc.constantFrom('123.45', '1200', '12000', '99999999999', '100000000000000'),
  weekly_hours: fc.constantFrom('', '10', '2147483648'),
};

/** A CSV file: a known header, rows of plausible cells, some hostile (a NUL in a cell, a formula, a huge figure). */
function csvFile(): fc.Arbitrary<string> {
  const populationHeader = ['Code', 'Name', 'Geography', 'All ages', ...Array.from({ length: 90 }, (_, i) => String(i)), '90+'];
  const returnHeader = ['kpi_code', 'period', 'value', 'numerator', 'denominator', 'comment', 'authority', 'contract_ref'];
  const header = fc.constantFrom([...PLACEMENT_CSV_COLUMNS] as string[], populationHeader, returnHeader);
  const cell = (column: string) =>
    mostly(PLACEMENT_CELLS[column] ?? fc.oneof(fc.string({ maxLength: 12 }), fc.integer({ min: 0, max: 500_000 }).map(String), validDay), hostileText.filter((t) => t.length < 1000));
  return header.chain((columns) =>
    fc
      .array(fc.tuple(...columns.map(cell)), { minLength: 0, maxLength: 4 })
      .map((rows) => [columns, ...rows].map((row) => row.map((c) => (/[",\n]/.test(String(c)) ? `"${String(c).replace(/"/g, '""')}"` : String(c))).join(',')).join('\n')),
  );
}

export interface FuzzContext {
  /** Real ids of seeded rows for a field (by its name and the procedure's path), or every id when unknown. */
  idsFor(field: string, procedure: string): string[];
}

/** An arbitrary for one JSON-schema node. `field` is the property name the value sits under. */
export function arbitraryFor(node: JsonSchema, root: JsonSchema, ctx: FuzzContext, procedure: string, field = '', depth = 0): fc.Arbitrary<unknown> {
  if (depth > 6) return fc.constant(null);
  if (node.$ref) {
    const name = node.$ref.replace(/^#\/\$defs\//, '');
    const target = node.$ref === '#' ? root : root.$defs?.[name];
    return target ? arbitraryFor(target, root, ctx, procedure, field, depth + 1) : fc.constant(null);
  }
  if (field === 'csv') return mostly(csvFile(), hostileText);
  if (field === 'contentBase64') return mostly(csvFile().map((csv) => Buffer.from(csv).toString('base64')), hostileText);
  if (node.enum) return mostly(fc.constantFrom(...node.enum), hostileText);
  if (node.const !== undefined) return fc.constant(node.const);
  const choices = node.anyOf ?? node.oneOf;
  if (choices) return fc.oneof(...choices.map((c) => arbitraryFor(c, root, ctx, procedure, field, depth + 1)));
  if (node.allOf?.length) return arbitraryFor(node.allOf[0]!, root, ctx, procedure, field, depth + 1);
  const types = Array.isArray(node.type) ? node.type : node.type ? [node.type] : [];
  if (types.length > 1) return fc.oneof(...types.map((type) => arbitraryFor({ ...node, type }, root, ctx, procedure, field, depth + 1)));
  switch (types[0]) {
    case 'object':
      return objectArbitrary(node, root, ctx, procedure, depth);
    case 'array': {
      const items = node.prefixItems
        ? fc.tuple(...node.prefixItems.map((p) => arbitraryFor(p, root, ctx, procedure, field, depth + 1)))
        : fc.array(arbitraryFor(node.items ?? {}, root, ctx, procedure, field, depth + 1), {
            minLength: Math.min(node.minItems ?? 0, 3),
            maxLength: Math.max(Math.min(node.maxItems ?? 3, 3), Math.min(node.minItems ?? 0, 3)),
          });
      return items;
    }
    case 'string':
      return stringArbitrary(node, ctx, procedure, field);
    case 'integer':
    case 'number':
      return numberArbitrary(node);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    default:
      return anything(depth);
  }
}

function objectArbitrary(node: JsonSchema, root: JsonSchema, ctx: FuzzContext, procedure: string, depth: number): fc.Arbitrary<unknown> {
  const properties = node.properties ?? {};
  const keys = Object.keys(properties);
  if (keys.length === 0) {
    const values = typeof node.additionalProperties === 'object' ? arbitraryFor(node.additionalProperties, root, ctx, procedure, '', depth + 1) : anything(depth + 1);
    return fc.dictionary(fc.oneof(fc.string({ maxLength: 8 }), hostileText.filter((t) => t.length < 100)), values, { maxKeys: 4 });
  }
  const shape = Object.fromEntries(keys.map((key) => [key, arbitraryFor(properties[key]!, root, ctx, procedure, key, depth + 1)]));
  return fc.record(shape, { requiredKeys: (node.required ?? []).filter((k) => k in shape) as never });
}

/**
 * fast-check works out a string arbitrary's bias slices when the arbitrary is made, which for stringMatching
 * took seconds over every field of every procedure (issue 14, item 8). Arbitraries are immutable, so one made
 * per pattern or length range serves every field that asks for it, generating exactly the same values.
 */
const strings = new Map<string, fc.Arbitrary<string>>();
function madeOnce(key: string, make: () => fc.Arbitrary<string>): fc.Arbitrary<string> {
  let made = strings.get(key);
  if (!made) strings.set(key, (made = make()));
  return made;
}

function stringArbitrary(node: JsonSchema, ctx: FuzzContext, procedure: string, field: string): fc.Arbitrary<unknown> {
  if (node.format === 'uuid') {
    const real = ctx.idsFor(field, procedure);
    const known = real.length ? fc.constantFrom(...real) : fc.uuid();
    return hostileLeaves ? fc.oneof({ arbitrary: known, weight: 6 }, { arbitrary: fc.uuid(), weight: 1 }, { arbitrary: hostileText, weight: 1 }) : known;
  }
  if (node.format === 'date' || node.pattern === '^\\d{4}-\\d{2}-\\d{2}$') {
    return mostly(validDay, fc.oneof({ arbitrary: fc.constantFrom(...HOSTILE_DATES), weight: 2 }, { arbitrary: hostileText, weight: 1 }), 3);
  }
  if (/(^id|Id)s?$/.test(field)) {
    const real = ctx.idsFor(field, procedure);
    if (real.length) return mostly(fc.constantFrom(...real), hostileText);
  }
  if (node.format === 'email') return mostly(fc.emailAddress(), hostileText);
  const maxLength = Math.max(1, Math.min(node.maxLength ?? 40, 40));
  const minLength = Math.min(node.minLength ?? 0, 20);
  let valid: fc.Arbitrary<string> = hostileLeaves
    ? madeOnce(`string ${minLength} ${maxLength}`, () => fc.string({ minLength, maxLength }))
    : madeOnce(`words ${maxLength}`, () => fc.stringMatching(new RegExp(`^[A-Z][a-z0-9 ]{0,${maxLength - 1}}$`)).filter((t) => t.trim() === t));
  if (node.pattern) {
    try {
      const pattern = node.pattern;
      valid = madeOnce(`pattern ${pattern}`, () => fc.stringMatching(new RegExp(pattern))).filter((s) => s.length <= (node.maxLength ?? 10_000));
    } catch {
      /* a pattern fast-check cannot generate from: plain strings */
    }
  }
  const boundary = node.maxLength && node.maxLength < 100_000 ? [fc.constant('y'.repeat(node.maxLength)), fc.constant('y'.repeat(node.maxLength + 1))] : [];
  if (!hostileLeaves) return valid;
  return fc.oneof({ arbitrary: valid, weight: 6 }, { arbitrary: hostileText, weight: 2 }, ...boundary.map((arbitrary) => ({ arbitrary, weight: 1 })));
}

function numberArbitrary(node: JsonSchema): fc.Arbitrary<unknown> {
  const lo = node.minimum ?? (node.exclusiveMinimum !== undefined ? node.exclusiveMinimum + 1 : -1_000_000);
  const hi = node.maximum ?? (node.exclusiveMaximum !== undefined ? node.exclusiveMaximum - 1 : 1_000_000);
  const clamp = (n: number) => Math.max(-(2 ** 31), Math.min(2 ** 31 - 1, Math.trunc(n)));
  const small = fc.integer({ min: clamp(Math.max(lo, -1000)), max: clamp(Math.max(Math.max(lo, -1000), Math.min(hi, 100_000))) });
  const tiny = fc.integer({ min: clamp(Math.max(lo, 0)), max: clamp(Math.max(Math.max(lo, 0), Math.min(hi, Math.max(lo, 0) + 5))) });
  const edges = [lo, hi].filter((n) => Number.isFinite(n) && Math.abs(n) <= Number.MAX_SAFE_INTEGER);
  if (!hostileLeaves) return fc.oneof({ arbitrary: tiny, weight: 3 }, { arbitrary: small, weight: 2 }, { arbitrary: edges.length ? fc.constantFrom(...edges) : fc.constant(0), weight: 1 });
  return fc.oneof(
    { arbitrary: small, weight: 5 },
    { arbitrary: edges.length ? fc.constantFrom(...edges) : fc.constant(0), weight: 2 },
    { arbitrary: hostileNumber, weight: 2 },
    { arbitrary: node.type === 'number' ? fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }) : fc.constant(1), weight: 1 },
  );
}

/** JSON of any shape (a schema that accepts anything, e.g. a cost model's parameters), with hostile leaves. */
function anything(depth: number): fc.Arbitrary<unknown> {
  const leaf = fc.oneof(fc.string({ maxLength: 10 }), fc.integer({ min: -1000, max: 100_000 }), fc.boolean(), fc.constant(null), hostileText, hostileNumber);
  if (depth > 4 || !hostileLeaves) return leaf;
  return fc.oneof(
    { arbitrary: leaf, weight: 3 },
    { arbitrary: fc.dictionary(fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('\u0000', '\ud800')), leaf, { maxKeys: 4 }), weight: 2 },
    { arbitrary: fc.array(leaf, { maxLength: 4 }), weight: 1 },
  );
}
