import { sql, type Kysely } from 'kysely';
import { authorityPrivateTable, grant, partnershipSharedTable, policy, protect } from './rls.ts';

/**
 * Standard KPIs, returns, benchmarking and network meetings (issue 6).
 *
 *   benchmark_consent      each authority's choice, per partnership, to be named or anonymised to the
 *                          other members. Written only by the authority itself; read by the members.
 *   kpi_definition         the partnership's KPI library, one row per VERSION (partnership-shared, the
 *                          lead writes). A change adds a version; returns keep the version they answered.
 *   kpi_return             an authority's return for a KPI version × period (× contract): private.
 *   benchmark_figure       what an authority publishes to its partnership when it submits a return:
 *                          the value (and numerator/denominator). Each member writes only its own rows;
 *                          members read them. The API applies consent and small-number suppression when
 *                          it reads them: the raw rows never leave the server.
 *   network_meeting,
 *   meeting_action         the partnership's meetings and their actions (partnership-shared, lead writes).
 *   benchmark_pack         a pack issued for a meeting: frozen (no UPDATE or DELETE is granted).
 *   benchmark_pack_view    the pack as each member sees it (its own figures named to it, consent applied
 *                          for the others), computed at issue: a member reads only its own view.
 *   authority_population   gains write policies: a platform administrator imports any authority's
 *                          estimates; a commissioner's transaction only its own authority's.
 */
const ME = `current_setting('app.authority_id', true)`;
const MY_PARTNERSHIPS = `app_partnership_ids()`;
const LEAD = `authority_id = ${ME}
    AND partnership_id = ANY(${MY_PARTNERSHIPS})
    AND authority_id = (SELECT p.lead_authority_id FROM partnership p WHERE p.id = partnership_id)`;

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE benchmark_consent (
      authority_id text NOT NULL,
      partnership_id uuid NOT NULL,
      mode text NOT NULL CHECK (mode IN ('named','anonymised')),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (authority_id, partnership_id),
      FOREIGN KEY (authority_id, partnership_id) REFERENCES partnership_member(authority_id, partnership_id)
    )`.execute(db);
  await protect(db, 'benchmark_consent');
  await policy(db, 'benchmark_consent', 'benchmark_consent_members_read', 'SELECT', {
    using: `authority_id = ${ME} OR partnership_id = ANY(${MY_PARTNERSHIPS})`,
  });
  const ownInMyPartnership = `authority_id = ${ME} AND partnership_id = ANY(${MY_PARTNERSHIPS})`;
  await policy(db, 'benchmark_consent', 'benchmark_consent_own_inserts', 'INSERT', { check: ownInMyPartnership });
  await policy(db, 'benchmark_consent', 'benchmark_consent_own_updates', 'UPDATE', { using: ownInMyPartnership, check: ownInMyPartnership });
  await grant(db, 'benchmark_consent', 'SELECT, INSERT, UPDATE');

  await sql`
    CREATE TABLE kpi_definition (
      authority_id text NOT NULL REFERENCES authority(id),
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      partnership_id uuid NOT NULL REFERENCES partnership(id),
      code text NOT NULL CHECK (code ~ '^[A-Z][A-Z0-9-]{1,19}$'),
      version integer NOT NULL CHECK (version >= 1),
      name text NOT NULL CHECK (length(trim(name)) > 0),
      definition text NOT NULL,
      numerator_definition text,
      denominator_definition text,
      unit text NOT NULL CHECK (unit IN ('count','percent','pence','hours','rate_per_100k')),
      direction text NOT NULL CHECK (direction IN ('higher_better','lower_better','neither')),
      frequency text NOT NULL CHECK (frequency IN ('monthly','quarterly','annual')),
      population_age_band text,
      target numeric,
      red_threshold numeric,
      source text NOT NULL CHECK (source IN ('manual','placements','contracts','rates')),
      counts_people boolean NOT NULL DEFAULT false,
      per_contract boolean NOT NULL DEFAULT false,
      service_type text,
      first_period date NOT NULL,
      retired boolean NOT NULL DEFAULT false,
      change_note text,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (authority_id, id),
      UNIQUE (id),
      UNIQUE (partnership_id, code, version),
      CHECK (unit <> 'rate_per_100k' OR population_age_band IS NOT NULL)
    )`.execute(db);
  await partnershipSharedTable(db, 'kpi_definition', 'SELECT, INSERT');

  await sql`
    CREATE TABLE kpi_return (
      authority_id text NOT NULL REFERENCES authority(id),
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      partnership_id uuid NOT NULL,
      kpi_id uuid NOT NULL REFERENCES kpi_definition(id),
      kpi_code text NOT NULL,
      period_start date NOT NULL,
      period_end date NOT NULL CHECK (period_end >= period_start),
      due_on date NOT NULL,
      contract_ref text NOT NULL DEFAULT '',
      value numeric,
      numerator numeric CHECK (numerator >= 0),
      denominator numeric CHECK (denominator > 0),
      comment text,
      status text NOT NULL CHECK (status IN ('submitted','late','queried','accepted')),
      submitted_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (authority_id, id),
      UNIQUE (authority_id, partnership_id, kpi_code, period_start, contract_ref),
      CHECK (numerator IS NULL OR denominator IS NULL OR numerator <= denominator),
      FOREIGN KEY (authority_id, partnership_id) REFERENCES partnership_member(authority_id, partnership_id)
    )`.execute(db);
  await authorityPrivateTable(db, 'kpi_return');

  await sql`
    CREATE TABLE benchmark_figure (
      authority_id text NOT NULL REFERENCES authority(id),
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      partnership_id uuid NOT NULL,
      kpi_id uuid NOT NULL REFERENCES kpi_definition(id),
      kpi_code text NOT NULL,
      period_start date NOT NULL,
      value numeric NOT NULL,
      numerator numeric,
      denominator numeric,
      published_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (authority_id, id),
      UNIQUE (authority_id, partnership_id, kpi_code, period_start),
      FOREIGN KEY (authority_id, partnership_id) REFERENCES partnership_member(authority_id, partnership_id)
    )`.execute(db);
  await protect(db, 'benchmark_figure');
  await policy(db, 'benchmark_figure', 'benchmark_figure_members_read', 'SELECT', { using: `partnership_id = ANY(${MY_PARTNERSHIPS})` });
  await policy(db, 'benchmark_figure', 'benchmark_figure_own_inserts', 'INSERT', { check: ownInMyPartnership });
  await policy(db, 'benchmark_figure', 'benchmark_figure_own_updates', 'UPDATE', { using: ownInMyPartnership, check: ownInMyPartnership });
  await policy(db, 'benchmark_figure', 'benchmark_figure_own_deletes', 'DELETE', { using: ownInMyPartnership });
  await grant(db, 'benchmark_figure', 'SELECT, INSERT, UPDATE, DELETE');

  await sql`
    CREATE TABLE network_meeting (
      authority_id text NOT NULL REFERENCES authority(id),
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      partnership_id uuid NOT NULL REFERENCES partnership(id),
      held_on date NOT NULL,
      title text NOT NULL CHECK (length(trim(title)) > 0),
      agenda text NOT NULL DEFAULT '',
      attending text[] NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (authority_id, id),
      UNIQUE (id)
    )`.execute(db);
  await partnershipSharedTable(db, 'network_meeting');

  await sql`
    CREATE TABLE meeting_action (
      authority_id text NOT NULL REFERENCES authority(id),
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      partnership_id uuid NOT NULL REFERENCES partnership(id),
      meeting_id uuid NOT NULL REFERENCES network_meeting(id),
      owner_authority_id text NOT NULL REFERENCES authority(id),
      description text NOT NULL CHECK (length(trim(description)) > 0),
      due_on date NOT NULL,
      status text NOT NULL CHECK (status IN ('open','done','dropped')) DEFAULT 'open',
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (authority_id, id),
      UNIQUE (id)
    )`.execute(db);
  await partnershipSharedTable(db, 'meeting_action');

  await sql`
    CREATE TABLE benchmark_pack (
      authority_id text NOT NULL REFERENCES authority(id),
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      partnership_id uuid NOT NULL REFERENCES partnership(id),
      meeting_id uuid NOT NULL REFERENCES network_meeting(id),
      title text NOT NULL,
      kpi_codes text[] NOT NULL,
      periods text[] NOT NULL,
      issued_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (authority_id, id),
      UNIQUE (id),
      UNIQUE (meeting_id)
    )`.execute(db);
  // Frozen once issued: the application may add a pack, never change or remove one.
  await partnershipSharedTable(db, 'benchmark_pack', 'SELECT, INSERT');

  await sql`
    CREATE TABLE benchmark_pack_view (
      authority_id text NOT NULL REFERENCES authority(id),
      partnership_id uuid NOT NULL REFERENCES partnership(id),
      pack_id uuid NOT NULL REFERENCES benchmark_pack(id),
      viewer_authority_id text NOT NULL REFERENCES authority(id),
      snapshot jsonb NOT NULL,
      PRIMARY KEY (authority_id, pack_id, viewer_authority_id)
    )`.execute(db);
  await protect(db, 'benchmark_pack_view');
  await policy(db, 'benchmark_pack_view', 'benchmark_pack_view_own_view', 'SELECT', {
    using: `viewer_authority_id = ${ME} AND partnership_id = ANY(${MY_PARTNERSHIPS})`,
  });
  await policy(db, 'benchmark_pack_view', 'benchmark_pack_view_lead_issues', 'INSERT', { check: LEAD });
  await grant(db, 'benchmark_pack_view', 'SELECT, INSERT');

  // Population estimates: a platform administrator imports them for any authority, a commissioner's
  // transaction for its own authority only (the API checks the role).
  const admin = `EXISTS (SELECT 1 FROM app_user u WHERE u.id = app_user_id() AND u.is_platform_admin)`;
  const mayImport = `(${admin}) OR authority_id = ${ME}`;
  await policy(db, 'authority_population', 'authority_population_import', 'INSERT', { check: mayImport });
  await policy(db, 'authority_population', 'authority_population_reimport', 'UPDATE', { using: mayImport, check: mayImport });
  await grant(db, 'authority_population', 'INSERT, UPDATE');
}
