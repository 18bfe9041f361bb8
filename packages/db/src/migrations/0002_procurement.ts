import { sql, type Kysely } from 'kysely';
import { freezeAtStatus } from './guards.ts';
import { authorityPrivateTable, grant, partnershipSharedTable, policy, protect } from './rls.ts';

/**
 * Joint procurement (issue 3). A procurement belongs to a partnership and is run by its lead authority:
 * its rows carry the lead's authority_id and the partnership_id. Members read the procurement, lots,
 * specification, criteria, approved list and decisions; applications, answers and scores are the lead's
 * alone (commercial confidentiality). Providers are shared reference data.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const shared = (table: string, privileges?: string) => partnershipSharedTable(db, table, privileges);
  const leadOnly = (table: string) => authorityPrivateTable(db, table);

  await sql`
    CREATE TABLE provider (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      legal_name text NOT NULL CHECK (length(trim(legal_name)) > 0),
      companies_house_number text UNIQUE CHECK (companies_house_number ~ '^[A-Z0-9]{8}$'),
      cqc_provider_id text UNIQUE CHECK (cqc_provider_id ~ '^1-[0-9]{6,12}$'),
      is_sme boolean NOT NULL DEFAULT false,
      is_vcse boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`
    CREATE TABLE provider_location (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      provider_id uuid NOT NULL REFERENCES provider(id),
      cqc_location_id text UNIQUE CHECK (cqc_location_id ~ '^1-[0-9]{6,12}$'),
      name text NOT NULL,
      locality text,
      rating text CHECK (rating IN ('outstanding','good','requires_improvement','inadequate','not_yet_rated')),
      rated_on date
    )`.execute(db);
  // The register is shared reference data: every transaction acting for an authority reads it, and any
  // authority's officers may add to it and correct it. Nobody deletes from it (applications refer to it).
  const actingForAnAuthority = `current_setting('app.authority_id', true) <> ''`;
  for (const table of ['provider', 'provider_location']) {
    await protect(db, table);
    await policy(db, table, `${table}_authorities_read`, 'SELECT', { using: actingForAnAuthority });
    await policy(db, table, `${table}_authorities_add`, 'INSERT', { check: actingForAnAuthority });
    await policy(db, table, `${table}_authorities_edit`, 'UPDATE', { using: actingForAnAuthority, check: actingForAnAuthority });
    await grant(db, table, 'SELECT, INSERT, UPDATE');
  }

  await sql`
    CREATE TABLE specification (
      authority_id text NOT NULL REFERENCES authority(id),
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      partnership_id uuid NOT NULL REFERENCES partnership(id),
      title text NOT NULL,
      service_type text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (authority_id, id),
      UNIQUE (id)
    )`.execute(db);
  await shared('specification');

  await sql`
    CREATE TABLE specification_version (
      authority_id text NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      partnership_id uuid NOT NULL REFERENCES partnership(id),
      specification_id uuid NOT NULL,
      version integer NOT NULL CHECK (version > 0),
      status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','published')),
      sections jsonb NOT NULL,
      change_note text,
      created_at timestamptz NOT NULL DEFAULT now(),
      published_at timestamptz,
      published_by uuid REFERENCES app_user(id),
      PRIMARY KEY (authority_id, id),
      UNIQUE (id),
      UNIQUE (specification_id, version),
      FOREIGN KEY (authority_id, specification_id) REFERENCES specification(authority_id, id)
    )`.execute(db);
  await freezeAtStatus(db, 'specification_version', 'published', 'A published specification version cannot be changed; create a new version');
  await shared('specification_version');

  await sql`
    CREATE TABLE procurement (
      authority_id text NOT NULL REFERENCES authority(id),
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      partnership_id uuid NOT NULL REFERENCES partnership(id),
      reference text NOT NULL,
      title text NOT NULL,
      description text,
      service_type text NOT NULL,
      route text NOT NULL CHECK (route IN ('pdps','dps','dynamic_market','framework','framework_closed','block_contract','open_tender')),
      regime text NOT NULL CHECK (regime IN ('pcr_2015_light_touch','procurement_act_2023','provider_selection_regime')),
      status text NOT NULL DEFAULT 'draft'
        CHECK (status IN ('draft','market_engagement','published','evaluation','award_approval','live','closed','cancelled')),
      estimated_value_pence bigint CHECK (estimated_value_pence >= 0),
      system_term_months integer CHECK (system_term_months > 0),
      minimum_use_months integer CHECK (minimum_use_months > 0),
      specification_id uuid,
      specification_version_id uuid REFERENCES specification_version(id),
      scale_max integer NOT NULL DEFAULT 5 CHECK (scale_max BETWEEN 1 AND 10),
      scale_descriptors jsonb NOT NULL DEFAULT '[]',
      quality_threshold_percent numeric(5,2) CHECK (quality_threshold_percent BETWEEN 0 AND 100),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (authority_id, id),
      UNIQUE (id),
      UNIQUE (authority_id, reference),
      FOREIGN KEY (authority_id, specification_id) REFERENCES specification(authority_id, id)
    )`.execute(db);
  await shared('procurement');

  const child = (table: string, columns: string) => sql`
    CREATE TABLE ${sql.id(table)} (
      authority_id text NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      partnership_id uuid NOT NULL REFERENCES partnership(id),
      procurement_id uuid NOT NULL,
      ${sql.raw(columns)},
      PRIMARY KEY (authority_id, id),
      UNIQUE (id),
      FOREIGN KEY (authority_id, procurement_id) REFERENCES procurement(authority_id, id)
    )`.execute(db);

  // A buyer must be a member of the procurement's partnership.
  await child(
    'procurement_buyer',
    `buyer_authority_id text NOT NULL REFERENCES authority(id), UNIQUE (procurement_id, buyer_authority_id),
     FOREIGN KEY (buyer_authority_id, partnership_id) REFERENCES partnership_member(authority_id, partnership_id)`,
  );
  await shared('procurement_buyer');

  await child(
    'procurement_decision',
    `from_status text NOT NULL, to_status text NOT NULL,
     decided_by uuid NOT NULL REFERENCES app_user(id), decided_on date NOT NULL, recorded_at timestamptz NOT NULL DEFAULT now(),
     decision_reference text NOT NULL CHECK (length(trim(decision_reference)) > 0),
     decision_link text, note text`,
  );
  // The decision trail is append-only: a decision, once recorded, is never edited or removed.
  await shared('procurement_decision', 'SELECT, INSERT');

  await child(
    'procurement_milestone',
    `name text NOT NULL, position integer NOT NULL DEFAULT 0,
     planned_start date, planned_end date, actual_start date, actual_end date,
     CHECK (planned_end IS NULL OR planned_start IS NULL OR planned_end >= planned_start),
     CHECK (actual_end IS NULL OR actual_start IS NULL OR actual_end >= actual_start)`,
  );
  await shared('procurement_milestone');

  await child(
    'lot',
    `number integer NOT NULL CHECK (number > 0), name text NOT NULL,
     basis text NOT NULL CHECK (basis IN ('geography','complexity','client_group','scheme')),
     description text,
     estimated_volume numeric(12,2) CHECK (estimated_volume >= 0),
     volume_unit text CHECK (volume_unit IN ('people','units','hours_per_week')),
     expected_providers integer CHECK (expected_providers > 0),
     UNIQUE (procurement_id, number)`,
  );
  await shared('lot');

  await child(
    'evaluation_criterion',
    `kind text NOT NULL CHECK (kind IN ('quality','price','social_value')), name text NOT NULL, guidance text,
     weight_percent numeric(5,2) NOT NULL CHECK (weight_percent > 0 AND weight_percent <= 100), position integer NOT NULL DEFAULT 0`,
  );
  await shared('evaluation_criterion');

  await child('gateway_question', `question text NOT NULL, guidance text, position integer NOT NULL DEFAULT 0`);
  await shared('gateway_question');

  await child('reopening', `opens_on date NOT NULL, closes_on date NOT NULL, reason text NOT NULL, CHECK (closes_on >= opens_on)`);
  await shared('reopening');

  // The lead's confidential evaluation: applications, gateway answers, scores, moderation.
  await sql`
    CREATE TABLE application (
      authority_id text NOT NULL REFERENCES authority(id),
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      procurement_id uuid NOT NULL,
      provider_id uuid NOT NULL REFERENCES provider(id),
      reopening_id uuid REFERENCES reopening(id),
      received_on date NOT NULL,
      bid_price_pence integer CHECK (bid_price_pence > 0),
      status text NOT NULL DEFAULT 'received' CHECK (status IN ('received','admitted','rejected','withdrawn')),
      outcome_reason text,
      decided_on date,
      PRIMARY KEY (authority_id, id),
      UNIQUE (id),
      FOREIGN KEY (authority_id, procurement_id) REFERENCES procurement(authority_id, id)
    )`.execute(db);
  await leadOnly('application');
  await sql`
    CREATE TABLE application_lot (
      authority_id text NOT NULL,
      application_id uuid NOT NULL,
      lot_id uuid NOT NULL REFERENCES lot(id),
      PRIMARY KEY (authority_id, application_id, lot_id),
      FOREIGN KEY (authority_id, application_id) REFERENCES application(authority_id, id)
    )`.execute(db);
  await leadOnly('application_lot');
  await sql`
    CREATE TABLE gateway_answer (
      authority_id text NOT NULL,
      application_id uuid NOT NULL,
      question_id uuid NOT NULL REFERENCES gateway_question(id),
      passed boolean NOT NULL,
      note text,
      PRIMARY KEY (authority_id, application_id, question_id),
      FOREIGN KEY (authority_id, application_id) REFERENCES application(authority_id, id)
    )`.execute(db);
  await leadOnly('gateway_answer');
  await sql`
    CREATE TABLE evaluation_score (
      authority_id text NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      application_id uuid NOT NULL,
      criterion_id uuid NOT NULL REFERENCES evaluation_criterion(id),
      evaluator_id uuid NOT NULL REFERENCES app_user(id),
      score integer NOT NULL CHECK (score >= 0),
      rationale text NOT NULL,
      scored_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (authority_id, id),
      UNIQUE (application_id, criterion_id, evaluator_id),
      FOREIGN KEY (authority_id, application_id) REFERENCES application(authority_id, id)
    )`.execute(db);
  await leadOnly('evaluation_score');
  await sql`
    CREATE TABLE moderated_score (
      authority_id text NOT NULL,
      application_id uuid NOT NULL,
      criterion_id uuid NOT NULL REFERENCES evaluation_criterion(id),
      score integer NOT NULL CHECK (score >= 0),
      rationale text NOT NULL,
      moderated_by uuid NOT NULL REFERENCES app_user(id),
      moderated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (authority_id, application_id, criterion_id),
      FOREIGN KEY (authority_id, application_id) REFERENCES application(authority_id, id)
    )`.execute(db);
  await leadOnly('moderated_score');

  // The approved list is the outcome partners buy from: shared.
  await sql`
    CREATE TABLE approved_list_entry (
      authority_id text NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      partnership_id uuid NOT NULL REFERENCES partnership(id),
      procurement_id uuid NOT NULL,
      lot_id uuid NOT NULL REFERENCES lot(id),
      provider_id uuid NOT NULL REFERENCES provider(id),
      status text NOT NULL DEFAULT 'active' CHECK (status IN ('active','suspended','removed')),
      admitted_on date NOT NULL,
      PRIMARY KEY (authority_id, id),
      UNIQUE (id),
      FOREIGN KEY (authority_id, procurement_id) REFERENCES procurement(authority_id, id)
    )`.execute(db);
  // Removal is final: a provider who returns gets a new entry. So one current (not removed) entry per lot.
  await sql`
    CREATE UNIQUE INDEX approved_list_entry_current ON approved_list_entry (lot_id, provider_id)
    WHERE status <> 'removed'`.execute(db);
  await shared('approved_list_entry');
  await sql`
    CREATE TABLE approved_list_event (
      authority_id text NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      partnership_id uuid NOT NULL REFERENCES partnership(id),
      entry_id uuid NOT NULL,
      action text NOT NULL CHECK (action IN ('admitted','suspended','reinstated','removed')),
      effective_on date NOT NULL,
      reason text NOT NULL,
      recorded_by uuid NOT NULL REFERENCES app_user(id),
      recorded_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (authority_id, id),
      FOREIGN KEY (authority_id, entry_id) REFERENCES approved_list_entry(authority_id, id)
    )`.execute(db);
  // So is the approved list's history.
  await shared('approved_list_event', 'SELECT, INSERT');
}
