import { sql, type Kysely } from 'kysely';
import { authorityPrivateTable } from './rls.ts';

/**
 * Partner call-offs, the contract register, placements and budgets (issue 4). Every table here is private to
 * one authority: its contracts, call-offs, placements, budgets and spend. Not even the partnership's lead
 * authority sees them. Rows carry authority_id and are keyed (authority_id, id); children refer to their
 * parent through (authority_id, parent_id), so a row can never hang off another authority's parent.
 *
 * Links out to shared rows (the joint procurement, its lots, criteria and approved list; the provider
 * register) are plain foreign keys on their unique ids: the reference is checked by the database whoever
 * can see the row, and reading the shared row still goes through its own policies.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // ── Call-offs from a joint procurement ───────────────────────────────────────────────────────────
  await sql`
    CREATE TABLE call_off (
      authority_id text NOT NULL REFERENCES authority(id),
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      reference text NOT NULL CHECK (reference ~ '^[A-Z0-9][A-Z0-9/-]{1,39}$'),
      procurement_id uuid NOT NULL REFERENCES procurement(id),
      lot_id uuid NOT NULL REFERENCES lot(id),
      specification_version_id uuid REFERENCES specification_version(id),
      method text NOT NULL CHECK (method IN ('direct','mini_competition')),
      status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','inviting','awarded','cancelled')),
      scheme_name text NOT NULL CHECK (length(trim(scheme_name)) > 0),
      client_group text NOT NULL,
      units integer CHECK (units >= 0),
      people integer CHECK (people >= 0),
      day_hours_per_week numeric(9,2) NOT NULL DEFAULT 0 CHECK (day_hours_per_week >= 0),
      night_hours_per_week numeric(9,2) NOT NULL DEFAULT 0 CHECK (night_hours_per_week >= 0),
      locality text NOT NULL,
      start_date date NOT NULL,
      term_months integer NOT NULL CHECK (term_months BETWEEN 1 AND 600),
      price_unit text NOT NULL DEFAULT 'hour' CHECK (price_unit IN ('hour','week')),
      justification text,
      invite_condition text,
      response_deadline date,
      awarded_provider_id uuid REFERENCES provider(id),
      awarded_on date,
      award_note text,
      created_by uuid REFERENCES app_user(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (authority_id, id),
      UNIQUE (authority_id, reference),
      CHECK (method <> 'direct' OR status <> 'awarded' OR length(trim(coalesce(justification, ''))) > 0)
    )`.execute(db);
  await authorityPrivateTable(db, 'call_off');

  await sql`
    CREATE TABLE call_off_criterion (
      authority_id text NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      call_off_id uuid NOT NULL,
      procurement_criterion_id uuid NOT NULL REFERENCES evaluation_criterion(id),
      kind text NOT NULL CHECK (kind IN ('quality','price','social_value')),
      name text NOT NULL,
      weight_percent numeric(5,2) NOT NULL CHECK (weight_percent > 0 AND weight_percent <= 100),
      position integer NOT NULL DEFAULT 0,
      PRIMARY KEY (authority_id, id),
      UNIQUE (call_off_id, procurement_criterion_id),
      FOREIGN KEY (authority_id, call_off_id) REFERENCES call_off(authority_id, id)
    )`.execute(db);
  await authorityPrivateTable(db, 'call_off_criterion');

  await sql`
    CREATE TABLE call_off_invitation (
      authority_id text NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      call_off_id uuid NOT NULL,
      provider_id uuid NOT NULL REFERENCES provider(id),
      approved_list_entry_id uuid NOT NULL REFERENCES approved_list_entry(id),
      invited_on date NOT NULL,
      PRIMARY KEY (authority_id, id),
      UNIQUE (call_off_id, provider_id),
      FOREIGN KEY (authority_id, call_off_id) REFERENCES call_off(authority_id, id)
    )`.execute(db);
  await authorityPrivateTable(db, 'call_off_invitation');

  await sql`
    CREATE TABLE call_off_response (
      authority_id text NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      call_off_id uuid NOT NULL,
      provider_id uuid NOT NULL REFERENCES provider(id),
      price_pence integer CHECK (price_pence > 0),
      received_on date NOT NULL,
      note text,
      PRIMARY KEY (authority_id, id),
      UNIQUE (call_off_id, provider_id),
      FOREIGN KEY (authority_id, call_off_id) REFERENCES call_off(authority_id, id),
      FOREIGN KEY (call_off_id, provider_id) REFERENCES call_off_invitation(call_off_id, provider_id)
    )`.execute(db);
  await authorityPrivateTable(db, 'call_off_response');

  await sql`
    CREATE TABLE call_off_score (
      authority_id text NOT NULL,
      response_id uuid NOT NULL,
      criterion_id uuid NOT NULL,
      score integer NOT NULL CHECK (score >= 0),
      rationale text,
      PRIMARY KEY (authority_id, response_id, criterion_id),
      FOREIGN KEY (authority_id, response_id) REFERENCES call_off_response(authority_id, id),
      FOREIGN KEY (authority_id, criterion_id) REFERENCES call_off_criterion(authority_id, id)
    )`.execute(db);
  await authorityPrivateTable(db, 'call_off_score');

  // ── The contract register ────────────────────────────────────────────────────────────────────────
  await sql`
    CREATE TABLE contract (
      authority_id text NOT NULL REFERENCES authority(id),
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      reference text NOT NULL CHECK (reference ~ '^[A-Z0-9][A-Z0-9/-]{1,39}$'),
      title text NOT NULL CHECK (length(trim(title)) > 0),
      provider_id uuid NOT NULL REFERENCES provider(id),
      service_type text NOT NULL,
      source text NOT NULL CHECK (source IN ('call_off','block_contract','direct_award','single_source_continuation','spot_purchase')),
      procurement_id uuid REFERENCES procurement(id),
      lot_id uuid REFERENCES lot(id),
      call_off_id uuid,
      start_date date NOT NULL,
      initial_end_date date NOT NULL,
      end_date date NOT NULL,
      annual_value_pence bigint NOT NULL CHECK (annual_value_pence >= 0),
      total_value_pence bigint NOT NULL CHECK (total_value_pence >= 0),
      provider_role text CHECK (provider_role IN ('lead','supplementary')),
      status text NOT NULL DEFAULT 'active' CHECK (status IN ('draft','active','extended','expired','terminated')),
      responsible_officer text,
      rates_reviewed_on date,
      award_justification text,
      legal_basis text,
      decision_reference text,
      decided_on date,
      end_decision text CHECK (end_decision IN ('extend','continue','recommission','let_expire')),
      end_decision_for date,
      end_decision_reference text,
      end_decided_on date,
      end_decision_note text,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (authority_id, id),
      UNIQUE (authority_id, reference),
      UNIQUE (authority_id, call_off_id),
      FOREIGN KEY (authority_id, call_off_id) REFERENCES call_off(authority_id, id),
      CHECK (initial_end_date >= start_date),
      CHECK (end_date >= start_date),
      CHECK (source <> 'direct_award' OR length(trim(coalesce(award_justification, ''))) > 0)
    )`.execute(db);
  await sql`CREATE INDEX contract_end_idx ON contract (authority_id, end_date)`.execute(db);
  await authorityPrivateTable(db, 'contract');

  await sql`
    CREATE TABLE contract_rate (
      authority_id text NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      contract_id uuid NOT NULL,
      band text NOT NULL CHECK (length(trim(band)) > 0),
      unit text NOT NULL CHECK (unit IN ('hour','week','night')),
      rate_pence integer NOT NULL CHECK (rate_pence >= 0),
      effective_from date NOT NULL,
      PRIMARY KEY (authority_id, id),
      UNIQUE (contract_id, band, unit, effective_from),
      FOREIGN KEY (authority_id, contract_id) REFERENCES contract(authority_id, id)
    )`.execute(db);
  await authorityPrivateTable(db, 'contract_rate');

  await sql`
    CREATE TABLE contract_extension_option (
      authority_id text NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      contract_id uuid NOT NULL,
      position integer NOT NULL CHECK (position > 0),
      months integer NOT NULL CHECK (months BETWEEN 1 AND 120),
      status text NOT NULL DEFAULT 'available' CHECK (status IN ('available','exercised','declined')),
      decided_on date,
      decision_reference text,
      note text,
      PRIMARY KEY (authority_id, id),
      UNIQUE (contract_id, position),
      FOREIGN KEY (authority_id, contract_id) REFERENCES contract(authority_id, id),
      CHECK (status = 'available' OR (decided_on IS NOT NULL AND decision_reference IS NOT NULL))
    )`.execute(db);
  await authorityPrivateTable(db, 'contract_extension_option');

  await sql`
    CREATE TABLE continuation_batch (
      authority_id text NOT NULL REFERENCES authority(id),
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      common_end_date date NOT NULL,
      justification text NOT NULL CHECK (length(trim(justification)) > 0),
      legal_basis text NOT NULL CHECK (length(trim(legal_basis)) > 0),
      decision_reference text NOT NULL CHECK (length(trim(decision_reference)) > 0),
      decided_on date NOT NULL,
      total_annual_value_pence bigint NOT NULL CHECK (total_annual_value_pence >= 0),
      total_extra_pence bigint NOT NULL CHECK (total_extra_pence >= 0),
      recorded_by uuid REFERENCES app_user(id),
      recorded_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (authority_id, id)
    )`.execute(db);
  await authorityPrivateTable(db, 'continuation_batch');

  await sql`
    CREATE TABLE contract_variation (
      authority_id text NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      contract_id uuid NOT NULL,
      kind text NOT NULL CHECK (kind IN ('extension','continuation','price_change','scope_change')),
      effective_on date NOT NULL,
      previous_end_date date,
      new_end_date date,
      previous_annual_value_pence bigint CHECK (previous_annual_value_pence >= 0),
      new_annual_value_pence bigint CHECK (new_annual_value_pence >= 0),
      value_change_pence bigint NOT NULL DEFAULT 0,
      justification text NOT NULL CHECK (length(trim(justification)) > 0),
      legal_basis text NOT NULL CHECK (length(trim(legal_basis)) > 0),
      decision_reference text NOT NULL CHECK (length(trim(decision_reference)) > 0),
      decided_on date NOT NULL,
      batch_id uuid,
      extension_option_id uuid,
      recorded_by uuid REFERENCES app_user(id),
      recorded_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (authority_id, id),
      FOREIGN KEY (authority_id, contract_id) REFERENCES contract(authority_id, id),
      FOREIGN KEY (authority_id, batch_id) REFERENCES continuation_batch(authority_id, id),
      FOREIGN KEY (authority_id, extension_option_id) REFERENCES contract_extension_option(authority_id, id),
      CHECK (kind NOT IN ('extension','continuation') OR (new_end_date IS NOT NULL AND previous_end_date IS NOT NULL AND new_end_date > previous_end_date))
    )`.execute(db);
  await sql`CREATE INDEX contract_variation_contract_idx ON contract_variation (authority_id, contract_id)`.execute(db);
  await authorityPrivateTable(db, 'contract_variation');

  // ── Placements: pseudonymised, never a name ──────────────────────────────────────────────────────
  await sql`
    CREATE TABLE placement (
      authority_id text NOT NULL REFERENCES authority(id),
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      reference text NOT NULL CHECK (reference ~ '^[A-Z0-9][A-Z0-9-]{2,39}$' AND reference ~ '[0-9]'),
      contract_id uuid,
      provider_id uuid NOT NULL REFERENCES provider(id),
      service_type text NOT NULL,
      complexity_band text CHECK (length(complexity_band) <= 50),
      locality text CHECK (length(locality) <= 100),
      in_area boolean NOT NULL,
      funding_route text NOT NULL CHECK (funding_route IN ('council_commissioned','direct_payment','individual_service_fund','nhs_funded')),
      nhs_share_percent numeric(5,2) CHECK (nhs_share_percent BETWEEN 0 AND 100),
      start_date date NOT NULL,
      end_date date,
      weekly_cost_pence integer NOT NULL CHECK (weekly_cost_pence >= 0),
      weekly_hours numeric(6,2) CHECK (weekly_hours BETWEEN 0 AND 168),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (authority_id, id),
      UNIQUE (authority_id, reference),
      FOREIGN KEY (authority_id, contract_id) REFERENCES contract(authority_id, id),
      CHECK (end_date IS NULL OR end_date >= start_date),
      CHECK (funding_route <> 'nhs_funded' OR nhs_share_percent > 0)
    )`.execute(db);
  await sql`CREATE INDEX placement_contract_idx ON placement (authority_id, contract_id)`.execute(db);
  await sql`CREATE INDEX placement_service_idx ON placement (authority_id, service_type)`.execute(db);
  await authorityPrivateTable(db, 'placement');

  // ── Budgets and block payments ───────────────────────────────────────────────────────────────────
  await sql`
    CREATE TABLE budget (
      authority_id text NOT NULL REFERENCES authority(id),
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      service_type text NOT NULL,
      financial_year integer NOT NULL CHECK (financial_year BETWEEN 2000 AND 2100),
      amount_pence bigint NOT NULL CHECK (amount_pence >= 0),
      note text,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (authority_id, id),
      UNIQUE (authority_id, service_type, financial_year)
    )`.execute(db);
  await authorityPrivateTable(db, 'budget');

  await sql`
    CREATE TABLE block_payment (
      authority_id text NOT NULL REFERENCES authority(id),
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      service_type text NOT NULL,
      financial_year integer NOT NULL CHECK (financial_year BETWEEN 2000 AND 2100),
      contract_id uuid,
      description text NOT NULL CHECK (length(trim(description)) > 0),
      amount_pence bigint NOT NULL CHECK (amount_pence >= 0),
      due_on date NOT NULL,
      PRIMARY KEY (authority_id, id),
      FOREIGN KEY (authority_id, contract_id) REFERENCES contract(authority_id, id),
      CHECK (due_on BETWEEN make_date(financial_year, 4, 1) AND make_date(financial_year + 1, 3, 31))
    )`.execute(db);
  await authorityPrivateTable(db, 'block_payment');
}
