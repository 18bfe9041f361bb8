import { sql, type Kysely } from 'kysely';
import { freezeAtStatus } from './guards.ts';
import { authorityPrivateTable } from './rls.ts';

/**
 * Business cases (issue 7): options appraisals, risk registers, demand models and the business case document.
 * Every table is private to the authority that owns it (an options appraisal, a risk, a business case: DOMAIN.md
 * lists "options appraisals, risks" as an authority's own). A partnership's appraisal or business case carries
 * the partnership_id and is created by the partnership's lead authority, which owns it; sharing it with the
 * partners is later work (they read the approved paper, exported, as they do today).
 *
 * The appraisal's options, criteria and scores are kept as JSON in the shape the domain's appraiseOptions takes:
 * they are edited and validated as one grid, and a score is never meaningful outside it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE options_appraisal (
      authority_id text NOT NULL REFERENCES authority(id),
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      partnership_id uuid REFERENCES partnership(id),
      title text NOT NULL CHECK (length(trim(title)) > 0),
      scale jsonb NOT NULL,
      options jsonb NOT NULL DEFAULT '[]',
      criteria jsonb NOT NULL DEFAULT '[]',
      scores jsonb NOT NULL DEFAULT '[]',
      override_option_id text,
      override_reason text,
      created_by uuid REFERENCES app_user(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (authority_id, id),
      UNIQUE (id),
      CHECK (override_option_id IS NULL OR length(trim(coalesce(override_reason, ''))) > 0)
    )`.execute(db);
  await authorityPrivateTable(db, 'options_appraisal');

  await sql`
    CREATE TABLE demand_model (
      authority_id text NOT NULL REFERENCES authority(id),
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      title text NOT NULL CHECK (length(trim(title)) > 0),
      age_band text NOT NULL,
      prevalence_source text NOT NULL,
      prevalence jsonb NOT NULL,
      population_source text NOT NULL CHECK (population_source IN ('entered','held')),
      populations jsonb NOT NULL DEFAULT '[]',
      years integer[] NOT NULL DEFAULT '{}',
      supply jsonb NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (authority_id, id),
      UNIQUE (id)
    )`.execute(db);
  await authorityPrivateTable(db, 'demand_model');

  await sql`
    CREATE TABLE business_case (
      authority_id text NOT NULL REFERENCES authority(id),
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      partnership_id uuid REFERENCES partnership(id),
      title text NOT NULL CHECK (length(trim(title)) > 0),
      status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','submitted','approved')),
      appraisal_id uuid,
      demand_model_id uuid,
      sections jsonb NOT NULL DEFAULT '{}',
      current_service jsonb NOT NULL DEFAULT '[]',
      milestones jsonb NOT NULL DEFAULT '[]',
      financial jsonb NOT NULL DEFAULT '{}',
      outcomes jsonb NOT NULL DEFAULT '[]',
      submitted_at timestamptz,
      submitted_by uuid REFERENCES app_user(id),
      approved_by uuid REFERENCES app_user(id),
      approved_on date,
      decision_maker text,
      decision_reference text,
      approved_at timestamptz,
      snapshot jsonb,
      created_by uuid REFERENCES app_user(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (authority_id, id),
      UNIQUE (id),
      FOREIGN KEY (authority_id, appraisal_id) REFERENCES options_appraisal(authority_id, id),
      FOREIGN KEY (authority_id, demand_model_id) REFERENCES demand_model(authority_id, id),
      CHECK (status <> 'approved' OR (snapshot IS NOT NULL AND approved_by IS NOT NULL AND approved_on IS NOT NULL AND length(trim(coalesce(decision_maker, ''))) > 0
        AND length(trim(coalesce(decision_reference, ''))) > 0))
    )`.execute(db);
  await freezeAtStatus(db, 'business_case', 'approved', 'An approved business case cannot be changed');
  await authorityPrivateTable(db, 'business_case');

  // A risk belongs to one thing: a business case of mine, a procurement or a contract (the kind says which;
  // the reference is checked by the API, since procurements may be another authority's, seen through a partnership).
  await sql`
    CREATE TABLE risk (
      authority_id text NOT NULL REFERENCES authority(id),
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      subject_kind text NOT NULL CHECK (subject_kind IN ('business_case','procurement','contract')),
      subject_id uuid NOT NULL,
      position integer NOT NULL DEFAULT 0,
      description text NOT NULL CHECK (length(trim(description)) > 0),
      owner text,
      before_likelihood integer NOT NULL CHECK (before_likelihood BETWEEN 1 AND 5),
      before_impact integer NOT NULL CHECK (before_impact BETWEEN 1 AND 5),
      mitigation text NOT NULL DEFAULT '',
      after_likelihood integer NOT NULL CHECK (after_likelihood BETWEEN 1 AND 5),
      after_impact integer NOT NULL CHECK (after_impact BETWEEN 1 AND 5),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (authority_id, id),
      UNIQUE (id)
    )`.execute(db);
  await sql`CREATE INDEX risk_subject_idx ON risk (authority_id, subject_kind, subject_id, position)`.execute(db);
  await authorityPrivateTable(db, 'risk');

  // The authority's RAG matrix (5×5, [likelihood − 1][impact − 1]); without a row, the default bands apply.
  await sql`
    CREATE TABLE risk_rag_matrix (
      authority_id text PRIMARY KEY REFERENCES authority(id),
      matrix jsonb NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await authorityPrivateTable(db, 'risk_rag_matrix');
}
