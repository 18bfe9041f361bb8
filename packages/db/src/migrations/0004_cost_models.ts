import { sql, type Kysely } from 'kysely';
import { freezeAtStatus } from './guards.ts';
import { authorityPrivateTable, grant, partnershipSharedTable, policy, protect } from './rls.ts';

/**
 * Shared cost-of-care models and rate comparison across partners (issue 5).
 *
 * - cost_model, cost_model_version: a partnership's shared model, written by its lead (partnershipSharedTable).
 *   Parameters are jsonb, validated by the domain's zod schemas before they are written; a published version
 *   never changes (the API refuses first; the trigger below refuses even a direct UPDATE or DELETE).
 * - fair_cost_exercise, fair_cost_submission: the lead's fair-cost-of-care exercise, shared with the members.
 * - actual_rate: what an authority pays where no contract rate card holds it (e.g. Shared Lives carer bands).
 *   Private to the authority (authorityPrivateTable): nobody else reads it, the partnership's lead included.
 * - shared_rate: the rates an authority CHOOSES to put before a partnership for comparison. Each member writes
 *   only its own rows (authority_id = itself) into a partnership it belongs to; every member reads them. So the
 *   comparison reads shared figures only, never another authority's private rows.
 * Whether other members see an authority named or as "Authority A/B/…" follows benchmark_consent (issue 6's
 * migration 0006): the API applies it when it reads shared_rate.
 */

/** Rows a member publishes into a partnership: members read; a member writes only its own, in its own partnerships. */
async function memberPublishedTable(db: Kysely<any>, table: string): Promise<void> {
  await protect(db, table);
  const mine = `authority_id = current_setting('app.authority_id', true) AND partnership_id = ANY(app_partnership_ids())`;
  await policy(db, table, `${table}_partnership_reads`, 'SELECT', { using: `partnership_id = ANY(app_partnership_ids())` });
  await policy(db, table, `${table}_member_inserts_own`, 'INSERT', { check: mine });
  await policy(db, table, `${table}_member_updates_own`, 'UPDATE', { using: mine, check: mine });
  await policy(db, table, `${table}_member_deletes_own`, 'DELETE', { using: mine });
  await grant(db, table, 'SELECT, INSERT, UPDATE, DELETE');
}

const SERVICE = `service_type text NOT NULL CHECK (service_type IN ('home_care','supported_living','shared_lives','extra_care'))`;
const BAND = `band text NOT NULL CHECK (length(trim(band)) BETWEEN 1 AND 100)`;
const UNIT = `unit text NOT NULL CHECK (unit IN ('hour','week','night'))`;

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE cost_model (
      authority_id text NOT NULL REFERENCES authority(id),
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      partnership_id uuid NOT NULL REFERENCES partnership(id),
      name text NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 200),
      kind text NOT NULL CHECK (kind IN ('home_care','supported_living','shared_lives','extra_care')),
      description text,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (authority_id, id),
      UNIQUE (id),
      UNIQUE (partnership_id, name)
    )`.execute(db);
  await partnershipSharedTable(db, 'cost_model');

  await sql`
    CREATE TABLE cost_model_version (
      authority_id text NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      partnership_id uuid NOT NULL REFERENCES partnership(id),
      cost_model_id uuid NOT NULL,
      version integer NOT NULL CHECK (version > 0),
      effective_from date NOT NULL,
      status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','published')),
      parameters jsonb NOT NULL,
      change_note text,
      created_at timestamptz NOT NULL DEFAULT now(),
      published_at timestamptz,
      published_by uuid REFERENCES app_user(id),
      PRIMARY KEY (authority_id, id),
      UNIQUE (id),
      UNIQUE (cost_model_id, version),
      FOREIGN KEY (authority_id, cost_model_id) REFERENCES cost_model(authority_id, id)
    )`.execute(db);
  await freezeAtStatus(db, 'cost_model_version', 'published', 'A published cost model version cannot be changed; create a new version');
  await partnershipSharedTable(db, 'cost_model_version');

  await sql`
    CREATE TABLE fair_cost_exercise (
      authority_id text NOT NULL REFERENCES authority(id),
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      partnership_id uuid NOT NULL REFERENCES partnership(id),
      name text NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 200),
      ${sql.raw(SERVICE)},
      ${sql.raw(BAND)},
      ${sql.raw(UNIT)},
      held_on date NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (authority_id, id),
      UNIQUE (id)
    )`.execute(db);
  await partnershipSharedTable(db, 'fair_cost_exercise');

  await sql`
    CREATE TABLE fair_cost_submission (
      authority_id text NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      partnership_id uuid NOT NULL REFERENCES partnership(id),
      exercise_id uuid NOT NULL,
      provider_label text NOT NULL CHECK (length(trim(provider_label)) BETWEEN 1 AND 200),
      pence_per_unit integer NOT NULL CHECK (pence_per_unit >= 0),
      PRIMARY KEY (authority_id, id),
      UNIQUE (exercise_id, provider_label),
      FOREIGN KEY (authority_id, exercise_id) REFERENCES fair_cost_exercise(authority_id, id)
    )`.execute(db);
  await partnershipSharedTable(db, 'fair_cost_submission');

  await sql`
    CREATE TABLE actual_rate (
      authority_id text NOT NULL REFERENCES authority(id),
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      ${sql.raw(SERVICE)},
      ${sql.raw(BAND)},
      ${sql.raw(UNIT)},
      rate_pence integer NOT NULL CHECK (rate_pence > 0),
      effective_from date NOT NULL,
      note text,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (authority_id, id),
      UNIQUE (authority_id, service_type, band, unit, effective_from)
    )`.execute(db);
  await authorityPrivateTable(db, 'actual_rate');

  await sql`
    CREATE TABLE shared_rate (
      authority_id text NOT NULL REFERENCES authority(id),
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      partnership_id uuid NOT NULL REFERENCES partnership(id),
      ${sql.raw(SERVICE)},
      ${sql.raw(BAND)},
      ${sql.raw(UNIT)},
      rate_pence integer NOT NULL CHECK (rate_pence > 0),
      effective_from date NOT NULL,
      source text NOT NULL CHECK (source IN ('entered','contract')),
      shared_at timestamptz NOT NULL DEFAULT now(),
      shared_by uuid REFERENCES app_user(id),
      PRIMARY KEY (authority_id, id),
      UNIQUE (partnership_id, authority_id, service_type, band, unit),
      FOREIGN KEY (authority_id, partnership_id) REFERENCES partnership_member(authority_id, partnership_id)
    )`.execute(db);
  await memberPublishedTable(db, 'shared_rate');
}
