import { readFileSync } from 'node:fs';
import Ajv, { type ValidateFunction } from 'ajv-draft-04';
import addFormats from 'ajv-formats';

/**
 * Validates an OCDS 1.1.5 release package against the published JSON Schemas (draft-04, hence ajv-draft-04),
 * plus the open codelists the schema itself cannot enforce (party roles, document types).
 * The schemas and the two codelists are vendored in tests/fixtures/ocds-1.1.5 (Apache-2.0, see its README),
 * so nothing here reads outside the repository.
 */
export const OCDS_DIR = new URL('../fixtures/ocds-1.1.5/', import.meta.url);

const readJson = (name: string) => JSON.parse(readFileSync(new URL(name, OCDS_DIR), 'utf8')) as Record<string, unknown>;

/** The fields of one CSV line; codelists quote fields that contain commas ("tender, contract"). */
function csvFields(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted && c === '"' && line[i + 1] === '"') field += line[++i];
    else if (c === '"') quoted = !quoted;
    else if (c === ',' && !quoted) {
      fields.push(field);
      field = '';
    } else field += c;
  }
  return [...fields, field];
}

/** The Code column of a codelist. (Descriptions have no line breaks in the 1.1.5 codelists.) */
function codes(codelist: string): Set<string> {
  const [header = '', ...rows] = readFileSync(new URL(`codelists/${codelist}`, OCDS_DIR), 'utf8').trim().split(/\r?\n/);
  const column = csvFields(header).indexOf('Code');
  return new Set(rows.map((row) => csvFields(row)[column] ?? ''));
}

let compiled: ValidateFunction | undefined;

function schemaValidator(): ValidateFunction {
  if (compiled) return compiled;
  const releaseSchema = readJson('release-schema.json');
  const packageSchema = readJson('release-package-schema.json');
  const ref = (packageSchema.properties as { releases: { items: { $ref: string } } }).releases.items.$ref;
  // The package schema refers to the release schema by its published id; serve it from the local copy.
  if (ref !== releaseSchema.id) throw new Error(`release-package-schema.json refers to ${ref}, but release-schema.json is ${String(releaseSchema.id)}`);
  // strict: false because OCDS adds its own annotation keywords (codelist, openCodelist, mergeStrategy, …).
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  ajv.addSchema(releaseSchema);
  compiled = ajv.compile(packageSchema);
  return compiled;
}

function openCodelistErrors(doc: unknown): string[] {
  const partyRoles = codes('partyRole.csv');
  const documentTypes = codes('documentType.csv');
  const errors: string[] = [];
  const releases = (doc as { releases?: unknown[] })?.releases ?? [];
  releases.forEach((release, r) => {
    const { parties = [], tender } = release as { parties?: { roles?: string[] }[]; tender?: { documents?: { documentType?: string }[] } };
    parties.forEach((party, p) => {
      for (const role of party.roles ?? []) if (!partyRoles.has(role)) errors.push(`/releases/${r}/parties/${p}/roles: "${role}" is not in partyRole.csv`);
    });
    tender?.documents?.forEach((d, i) => {
      if (d.documentType !== undefined && !documentTypes.has(d.documentType)) errors.push(`/releases/${r}/tender/documents/${i}/documentType: "${d.documentType}" is not in documentType.csv`);
    });
  });
  return errors;
}

export function validateReleasePackage(doc: unknown): { valid: boolean; errors: string[] } {
  const validate = schemaValidator();
  const schemaValid = validate(doc);
  const errors = [
    ...(schemaValid ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword} ${JSON.stringify(e.params)}`)),
    ...openCodelistErrors(doc),
  ];
  return { valid: errors.length === 0, errors };
}
