import { sql, type Kysely } from 'kysely';
import { OWNER_ROLE } from '../roles.ts';
import { alterPolicies, columnsOf, grantOnlyColumns, ownedByOwner, ownerCopyPolicies, withoutForcedSecurity } from './copies.ts';

/**
 * The procurement provider-visibility family's policies without a subquery (issue 15, infra/scale-out.md). Citus
 * refuses any policy with a subquery on a table it manages; fourteen policies asked procurement, application or (through
 * concord_in_reopening) reopening whether a provider may see a procurement. Each row now carries the facts its policy
 * needs, kept exactly by triggers, and one inlinable SQL function that reads no table states the rule for all of them:
 *   concord_procurement_visible(open, windows, applied) = app_provider_id() IS NOT NULL AND (open
 *     OR (now() AT TIME ZONE 'Europe/London')::date <@ windows OR app_provider_id() = ANY (applied))
 * The facts of one procurement p (its own columns, worked out by the BEFORE trigger procurement_facts and the keepers):
 *   reopening_windows     every reopening's [opens_on, closes_on] of p (a datemultirange)
 *   applied_provider_ids  the providers with a submitted application to p
 *   open_to_providers     status = 'published' OR status = 'live' AND route IN ('pdps', 'dps', 'dynamic_market')
 *   open_windows          reopening_windows when status = 'live' AND route = 'framework', else empty
 * so that concord_procurement_visible(open_to_providers, open_windows, applied_provider_ids) is, term by term, the old
 * USING of procurement_open_to_providers: published or live open route; live framework with today (now(), London, as
 * concord_in_reopening read it) in a reopening (BETWEEN both ends = the closed range; closes_on >= opens_on is checked);
 * or a submitted application of the asker. Both subqueries saw every row they asked for: concord_in_reopening read
 * reopening as the owner under reopening_read_for_open_check (true); the application subquery's own WHERE (provider =
 * app_provider_id(), submitted) is exactly application_provider_reads_own for the application role, and
 * application_own_for_partnership_name (setting 'on', already required by the outer policy) for the owner.
 *
 * Children. lot, clarification, evaluation_criterion, gateway_question, procurement_buyer, procurement_milestone and
 * reopening carry procurement_open, procurement_windows, procurement_applied_provider_ids: their procurement's three
 * facts. specification and specification_version carry the same three over every procurement of the specification
 * (several procurements may name one specification: procurement.specification_id is not unique): bool_or of open, the
 * union of the windows, the union of the applied providers; "some procurement of it is visible" distributes over the OR
 * of the rule, so the union is exact. Old: `procurement_id IN (SELECT p.id FROM procurement p)` (specification: `id IN
 * (SELECT p.specification_id …)`; a version also status = 'published'), the procurement seen under the application
 * role's two procurement policies: procurement_open_to_providers, and procurement_partnership_reads (partnership_id =
 * ANY (app_partnership_ids())). New: concord_procurement_visible over the copies. Procurement ids and specification ids
 * are unique (procurement_id_key, specification_id_key) and every child's key names its own authority's procurement, so
 * matching the id alone or (authority, id) is the same. One narrowing, unreachable: a transaction with both
 * app.provider_id and app.partnership_ids set also saw, before, a child of a procurement of one of its partnerships
 * through the child policy; enterTenant never sets both (app.provider_id is empty whenever an authority is set, and
 * the partnerships are set only for an authority), and such a child is still read through its own partnership_reads
 * when its partnership is the procurement's, as every procedure writes it.
 *
 * INSERT checks. application_submitted_by_provider, clarification_question_asked and provider_application_own_drafts
 * asked `procurement_id IN (SELECT p.id FROM procurement p)` as the inserting provider. Those rows do not carry the
 * facts (an application would carry every other applicant, rewritten on each submission, and submitted rows are
 * frozen): their BEFORE INSERT trigger writes procurement_seen, whether the inserting transaction sees the procurement
 * under the same two policies (concord_procurement_visible over its facts, or its partnership among
 * app_partnership_ids()), and WITH CHECK reads that (row triggers run before the check). Exact: the same question on
 * the same snapshot. The column means nothing after the insert, and no policy reads it then.
 *
 * Keeping the copies. concord_procurement_copies, BEFORE INSERT (and update of the keys) of a child, locks the
 * procurement FOR SHARE (reopening, which the keeper then updates: FOR NO KEY UPDATE) and copies its facts; of a
 * specification, aggregates its procurements; of a version, copies its specification (FOR SHARE); of the three inserted
 * tables, writes procurement_seen (no lock: the old subquery took none, and an application then locks the procurement
 * to keep its applied list). Whatever the inserter wrote in a copy is replaced. concord_keep_procurement_copies, AFTER a
 * change of application (applied list) or reopening (windows), locks the procurement FOR NO KEY UPDATE and rewrites the
 * list in a new statement (two added at once both land); AFTER an insert, delete or change of a procurement's facts or
 * specification, writes the facts to its children, and locks and rewrites each specification concerned and its
 * versions. The keepers' writes stamp no row_version (those triggers skip an update that changes a copy, which only the
 * keepers can) and pass specification_version_frozen the same way. Both functions are SECURITY DEFINER as the owner:
 * owner policies let them read and update the rows of the one authority named in app.procurement_copies, only from
 * within a trigger. concord_in_reopening and the owner's reopening_read_for_open_check (true) are dropped; the deadline
 * reminders (0037), which read reopenings through the latter, get reopening_reminders_select like their other tables.
 *
 * The application role may not read or update the copies (a provider must not learn who else applied): its SELECT
 * and UPDATE become column privileges on the columns it had; readers that said selectAll() name their columns
 * (PROCUREMENT_COLUMNS etc., @concord/db). Its INSERT stays table-wide (0057): the triggers overwrite the copies.
 * Same on PGlite, PostgreSQL and Citus: these tables stay coordinator tables (see 0061 for what distributing them needs).
 */
const SCOPE = `authority_id = current_setting('app.procurement_copies', true) AND pg_trigger_depth() > 0`;
const CHILDREN = ['lot', 'clarification', 'evaluation_criterion', 'gateway_question', 'procurement_buyer', 'procurement_milestone', 'reopening'];
const SPECS = ['specification', 'specification_version'];
const INSERTED = ['application', 'clarification_question', 'provider_application'];
const FACTS: [string, string][] = [
  ['procurement_open', 'boolean NOT NULL DEFAULT false'],
  ['procurement_windows', `datemultirange NOT NULL DEFAULT '{}'`],
  ['procurement_applied_provider_ids', `uuid[] NOT NULL DEFAULT '{}'`],
];
const COPIES: Record<string, [string, string][]> = {
  procurement: [
    ['reopening_windows', `datemultirange NOT NULL DEFAULT '{}'`],
    ['applied_provider_ids', `uuid[] NOT NULL DEFAULT '{}'`],
    ['open_to_providers', 'boolean NOT NULL DEFAULT false'],
    ['open_windows', `datemultirange NOT NULL DEFAULT '{}'`],
  ],
  ...Object.fromEntries([...CHILDREN, ...SPECS].map((t) => [t, FACTS])),
  ...Object.fromEntries(INSERTED.map((t) => [t, [['procurement_seen', 'boolean NOT NULL DEFAULT false']]])),
};
const TABLES = Object.keys(COPIES);
/** The tables the keepers read and write (the inserted three are only read by the trigger on them: NEW). */
const KEPT = ['procurement', ...CHILDREN, ...SPECS];
/** Row-version triggers (and the frozen check) that must not fire for a keeper's write of the copies. */
const STAMPED: Record<string, string> = {
  procurement: 'NEW.applied_provider_ids IS NOT DISTINCT FROM OLD.applied_provider_ids AND NEW.reopening_windows IS NOT DISTINCT FROM OLD.reopening_windows',
  lot: unchangedFacts(),
  evaluation_criterion: unchangedFacts(),
  specification_version: unchangedFacts(),
};
function unchangedFacts(): string {
  return FACTS.map(([c]) => `NEW.${c} IS NOT DISTINCT FROM OLD.${c}`).join(' AND ');
}

const VISIBLE_COPY = 'concord_procurement_visible(procurement_open, procurement_windows, procurement_applied_provider_ids)';
const VISIBLE_SELF = 'concord_procurement_visible(open_to_providers, open_windows, applied_provider_ids)';
const POLICIES: { table: string; name: string; using?: string; check?: string }[] = [
  { table: 'procurement', name: 'procurement_open_to_providers', using: VISIBLE_SELF },
  { table: 'procurement', name: 'procurement_open_for_partnership_name', using: `current_setting('app.partnership_name_check', true) = 'on' AND ${VISIBLE_SELF}` },
  ...CHILDREN.concat('specification').map((t) => ({ table: t, name: `${t}_open_to_providers`, using: VISIBLE_COPY })),
  { table: 'specification_version', name: 'specification_version_open_to_providers', using: `status = 'published' AND ${VISIBLE_COPY}` },
  {
    table: 'application',
    name: 'application_submitted_by_provider',
    check: `app_provider_id() IS NOT NULL AND procurement_seen AND provider_id = app_provider_id() AND status = 'received'
      AND submitted_at IS NOT NULL AND outcome_reason IS NULL AND decided_on IS NULL`,
  },
  { table: 'clarification_question', name: 'clarification_question_asked', check: `app_provider_id() IS NOT NULL AND procurement_seen AND provider_id = app_provider_id() AND clarification_id IS NULL` },
  { table: 'provider_application', name: 'provider_application_own_drafts', check: `app_provider_id() IS NOT NULL AND procurement_seen AND provider_id = app_provider_id() AND submitted_at IS NULL` },
];

/** A specification's facts: over all its procurements (p), for the specification of authority `a` and id `s`. */
const specificationFacts = (a: string, s: string) => `
  SELECT coalesce(bool_or(p.open_to_providers), false) AS open, coalesce(range_agg(p.open_windows), '{}') AS windows,
    ARRAY(SELECT DISTINCT x FROM procurement q, unnest(q.applied_provider_ids) x WHERE q.authority_id = ${a} AND q.specification_id = ${s} ORDER BY 1) AS ids
  FROM procurement p WHERE p.authority_id = ${a} AND p.specification_id = ${s}`;
const appliedOf = (a: string, c: string) =>
  `ARRAY(SELECT DISTINCT x.provider_id FROM application x WHERE x.authority_id = ${a} AND x.procurement_id = ${c} AND x.submitted_at IS NOT NULL ORDER BY 1)`;
const windowsOf = (a: string, c: string) =>
  `(SELECT coalesce(range_agg(daterange(x.opens_on, x.closes_on, '[]')), '{}') FROM reopening x WHERE x.authority_id = ${a} AND x.procurement_id = ${c})`;

export async function up(db: Kysely<any>): Promise<void> {
  const OWNER = sql.id(OWNER_ROLE);
  const had: Record<string, string[]> = {};
  for (const table of TABLES) {
    had[table] = await columnsOf(db, table);
    const columns = COPIES[table]!.map(([name, type]) => sql`ADD COLUMN ${sql.id(name)} ${sql.raw(type)}`);
    await sql`ALTER TABLE ${sql.id(table)} ${sql.join(columns)}`.execute(db);
  }

  for (const table of KEPT) await ownerCopyPolicies(db, table, 'procurement', SCOPE);
  await sql`CREATE POLICY application_procurement_copies_read ON application FOR SELECT TO ${OWNER} USING (${sql.raw(SCOPE)})`.execute(db);

  await sql`CREATE FUNCTION concord_procurement_visible(p_open boolean, p_windows datemultirange, p_applied uuid[]) RETURNS boolean
    LANGUAGE sql STABLE AS $$ SELECT app_provider_id() IS NOT NULL AND (p_open
      OR (now() AT TIME ZONE 'Europe/London')::date <@ p_windows OR app_provider_id() = ANY (p_applied)) $$`.execute(db);
  await factsFunction(db);
  await copiesFunction(db);
  await keeperFunction(db);
  await ownedByOwner(db, ['concord_procurement_copies', 'concord_keep_procurement_copies']);

  // The row versions (and a published version's freeze) stay for edits; the keepers' writes of the copies pass them.
  for (const table of Object.keys(STAMPED)) await sql`DROP TRIGGER ${sql.id(`${table}_row_version`)} ON ${sql.id(table)}`.execute(db);
  await sql`DROP TRIGGER specification_version_frozen ON specification_version`.execute(db);

  // The backfill reads and writes every row: the tables force row-level security on their owner too, for these statements only.
  await withoutForcedSecurity(db, TABLES, () => backfill(db));

  for (const [table, unchanged] of Object.entries(STAMPED)) {
    await sql`CREATE TRIGGER ${sql.id(`${table}_row_version`)} BEFORE INSERT ON ${sql.id(table)} FOR EACH ROW EXECUTE FUNCTION stamp_row_version()`.execute(db);
    await sql`CREATE TRIGGER ${sql.id(`${table}_row_version_update`)} BEFORE UPDATE ON ${sql.id(table)} FOR EACH ROW
      WHEN (${sql.raw(unchanged)}) EXECUTE FUNCTION stamp_row_version()`.execute(db);
  }
  await sql`CREATE TRIGGER specification_version_frozen BEFORE DELETE ON specification_version FOR EACH ROW EXECUTE FUNCTION specification_version_frozen()`.execute(db);
  await sql`CREATE TRIGGER specification_version_frozen_update BEFORE UPDATE ON specification_version FOR EACH ROW
    WHEN (${sql.raw(unchangedFacts())}) EXECUTE FUNCTION specification_version_frozen()`.execute(db);

  await sql`CREATE TRIGGER procurement_facts BEFORE INSERT OR UPDATE ON procurement FOR EACH ROW EXECUTE FUNCTION concord_procurement_facts()`.execute(db);
  for (const table of CHILDREN) {
    await sql`CREATE TRIGGER ${sql.id(`${table}_copies`)} BEFORE INSERT OR UPDATE OF authority_id, procurement_id ON ${sql.id(table)}
      FOR EACH ROW EXECUTE FUNCTION concord_procurement_copies()`.execute(db);
  }
  await sql`CREATE TRIGGER specification_copies BEFORE INSERT OR UPDATE OF authority_id, id ON specification FOR EACH ROW EXECUTE FUNCTION concord_procurement_copies()`.execute(db);
  await sql`CREATE TRIGGER specification_version_copies BEFORE INSERT OR UPDATE OF authority_id, specification_id ON specification_version
    FOR EACH ROW EXECUTE FUNCTION concord_procurement_copies()`.execute(db);
  for (const table of INSERTED) {
    await sql`CREATE TRIGGER ${sql.id(`${table}_procurement_seen`)} BEFORE INSERT ON ${sql.id(table)} FOR EACH ROW EXECUTE FUNCTION concord_procurement_copies()`.execute(db);
  }
  await sql`CREATE TRIGGER application_keeps_copies AFTER INSERT OR DELETE OR UPDATE OF authority_id, procurement_id, provider_id, submitted_at
    ON application FOR EACH ROW EXECUTE FUNCTION concord_keep_procurement_copies()`.execute(db);
  await sql`CREATE TRIGGER reopening_keeps_copies AFTER INSERT OR DELETE OR UPDATE OF authority_id, procurement_id, opens_on, closes_on
    ON reopening FOR EACH ROW EXECUTE FUNCTION concord_keep_procurement_copies()`.execute(db);
  await sql`CREATE TRIGGER procurement_keeps_copies AFTER INSERT OR DELETE ON procurement FOR EACH ROW EXECUTE FUNCTION concord_keep_procurement_copies()`.execute(db);
  await sql`CREATE TRIGGER procurement_keeps_copies_update AFTER UPDATE ON procurement FOR EACH ROW
    WHEN ((OLD.open_to_providers, OLD.open_windows, OLD.applied_provider_ids, OLD.specification_id)
      IS DISTINCT FROM (NEW.open_to_providers, NEW.open_windows, NEW.applied_provider_ids, NEW.specification_id))
    EXECUTE FUNCTION concord_keep_procurement_copies()`.execute(db);

  await alterPolicies(db, POLICIES);
  await sql`DROP POLICY reopening_read_for_open_check ON reopening`.execute(db);
  await sql`DROP FUNCTION concord_in_reopening(uuid)`.execute(db);
  // The deadline reminders (0037) read reopenings through that open policy: now their own, as for their other tables.
  await sql`CREATE POLICY reopening_reminders_select ON reopening FOR SELECT TO ${OWNER} USING (current_setting('app.reminders', true) = 'on')`.execute(db);

  // The application role keeps what it had, column by column, and gets nothing of the copies.
  // (A privilege held on some columns only, e.g. clarification_question's UPDATE, does not reach the copies already.)
  for (const table of TABLES) await grantOnlyColumns(db, table, had[table]!, ['SELECT', 'UPDATE']);
}

/** BEFORE INSERT or UPDATE of a procurement: the two facts that follow from its status, route and reopening windows. */
async function factsFunction(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE FUNCTION concord_procurement_facts() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'INSERT' THEN
        -- A new procurement has no reopening and no application yet (their keys name it).
        NEW.reopening_windows := '{}';
        NEW.applied_provider_ids := '{}';
      END IF;
      NEW.open_to_providers := NEW.status = 'published' OR NEW.status = 'live' AND NEW.route IN ('pdps', 'dps', 'dynamic_market');
      NEW.open_windows := CASE WHEN NEW.status = 'live' AND NEW.route = 'framework' THEN NEW.reopening_windows ELSE '{}' END;
      RETURN NEW;
    END $$`.execute(db);
}

/** BEFORE INSERT (and update of the keys): the row's copies of its procurement's facts, or procurement_seen. */
async function copiesFunction(db: Kysely<any>): Promise<void> {
  // plpgsql: its body is not checked against tables when created.
  await sql`
    CREATE FUNCTION concord_procurement_copies() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE
      scope text := coalesce(current_setting('app.procurement_copies', true), '');
      f_open boolean;
      f_windows datemultirange;
      f_ids uuid[];
    BEGIN
      PERFORM set_config('app.procurement_copies', NEW.authority_id, true);
      IF TG_TABLE_NAME IN ('application', 'clarification_question', 'provider_application') THEN
        NEW.procurement_seen := coalesce((SELECT concord_procurement_visible(p.open_to_providers, p.open_windows, p.applied_provider_ids)
            OR p.partnership_id = ANY (app_partnership_ids())
          FROM procurement p WHERE p.authority_id = NEW.authority_id AND p.id = NEW.procurement_id), false);
      ELSE
        IF TG_TABLE_NAME = 'specification' THEN
          SELECT f.open, f.windows, f.ids INTO f_open, f_windows, f_ids FROM (${sql.raw(specificationFacts('NEW.authority_id', 'NEW.id'))}) f;
        ELSIF TG_TABLE_NAME = 'specification_version' THEN
          SELECT s.procurement_open, s.procurement_windows, s.procurement_applied_provider_ids INTO f_open, f_windows, f_ids
            FROM specification s WHERE s.authority_id = NEW.authority_id AND s.id = NEW.specification_id FOR SHARE;
        ELSIF TG_TABLE_NAME = 'reopening' THEN
          SELECT p.open_to_providers, p.open_windows, p.applied_provider_ids INTO f_open, f_windows, f_ids
            FROM procurement p WHERE p.authority_id = NEW.authority_id AND p.id = NEW.procurement_id FOR NO KEY UPDATE;
        ELSE
          SELECT p.open_to_providers, p.open_windows, p.applied_provider_ids INTO f_open, f_windows, f_ids
            FROM procurement p WHERE p.authority_id = NEW.authority_id AND p.id = NEW.procurement_id FOR SHARE;
        END IF;
        -- No parent: the foreign key refuses the row after this; the copies stay at their defaults meanwhile.
        NEW.procurement_open := coalesce(f_open, false);
        NEW.procurement_windows := coalesce(f_windows, '{}');
        NEW.procurement_applied_provider_ids := coalesce(f_ids, '{}');
      END IF;
      PERFORM set_config('app.procurement_copies', scope, true);
      RETURN NEW;
    END $$`.execute(db);
}

/** AFTER a change of applications or reopenings (the procurement's lists) or of a procurement (its copies elsewhere). */
async function keeperFunction(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE FUNCTION concord_keep_procurement_copies() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE
      scope text := coalesce(current_setting('app.procurement_copies', true), '');
      k record;
      t text;
    BEGIN
      IF TG_TABLE_NAME IN ('application', 'reopening') THEN
        FOR k IN SELECT DISTINCT x.a, x.c FROM (VALUES (OLD.authority_id, OLD.procurement_id), (NEW.authority_id, NEW.procurement_id)) x(a, c)
          WHERE x.a IS NOT NULL LOOP
          PERFORM set_config('app.procurement_copies', k.a, true);
          PERFORM 1 FROM procurement p WHERE p.authority_id = k.a AND p.id = k.c FOR NO KEY UPDATE;
          IF TG_TABLE_NAME = 'application' THEN
            UPDATE procurement p SET applied_provider_ids = l.ids FROM (SELECT ${sql.raw(appliedOf('k.a', 'k.c'))} AS ids) l
              WHERE p.authority_id = k.a AND p.id = k.c AND p.applied_provider_ids IS DISTINCT FROM l.ids;
          ELSE
            UPDATE procurement p SET reopening_windows = l.w FROM (SELECT ${sql.raw(windowsOf('k.a', 'k.c'))} AS w) l
              WHERE p.authority_id = k.a AND p.id = k.c AND p.reopening_windows IS DISTINCT FROM l.w;
          END IF;
        END LOOP;
      ELSE
        IF TG_OP = 'UPDATE' AND (OLD.open_to_providers, OLD.open_windows, OLD.applied_provider_ids)
            IS DISTINCT FROM (NEW.open_to_providers, NEW.open_windows, NEW.applied_provider_ids) THEN
          PERFORM set_config('app.procurement_copies', NEW.authority_id, true);
          FOREACH t IN ARRAY ARRAY['lot', 'clarification', 'evaluation_criterion', 'gateway_question', 'procurement_buyer', 'procurement_milestone', 'reopening'] LOOP
            EXECUTE format('UPDATE %I x SET procurement_open = $1, procurement_windows = $2, procurement_applied_provider_ids = $3
              WHERE x.authority_id = $4 AND x.procurement_id = $5
                AND (x.procurement_open, x.procurement_windows, x.procurement_applied_provider_ids) IS DISTINCT FROM ($1, $2, $3)', t)
              USING NEW.open_to_providers, NEW.open_windows, NEW.applied_provider_ids, NEW.authority_id, NEW.id;
          END LOOP;
        END IF;
        FOR k IN SELECT DISTINCT x.a, x.s FROM (VALUES (OLD.authority_id, OLD.specification_id), (NEW.authority_id, NEW.specification_id)) x(a, s)
          WHERE x.s IS NOT NULL LOOP
          PERFORM set_config('app.procurement_copies', k.a, true);
          PERFORM 1 FROM specification s WHERE s.authority_id = k.a AND s.id = k.s FOR NO KEY UPDATE;
          UPDATE specification s SET procurement_open = f.open, procurement_windows = f.windows, procurement_applied_provider_ids = f.ids
            FROM (${sql.raw(specificationFacts('k.a', 'k.s'))}) f
            WHERE s.authority_id = k.a AND s.id = k.s
              AND (s.procurement_open, s.procurement_windows, s.procurement_applied_provider_ids) IS DISTINCT FROM (f.open, f.windows, f.ids);
          UPDATE specification_version v SET procurement_open = s.procurement_open, procurement_windows = s.procurement_windows,
              procurement_applied_provider_ids = s.procurement_applied_provider_ids
            FROM specification s WHERE s.authority_id = k.a AND s.id = k.s AND v.authority_id = k.a AND v.specification_id = k.s
              AND (v.procurement_open, v.procurement_windows, v.procurement_applied_provider_ids)
                IS DISTINCT FROM (s.procurement_open, s.procurement_windows, s.procurement_applied_provider_ids);
        END LOOP;
      END IF;
      PERFORM set_config('app.procurement_copies', scope, true);
      RETURN NULL;
    END $$`.execute(db);
}

/** Every existing row's copies, as the triggers would have kept them (the row-version and frozen triggers are off). */
async function backfill(db: Kysely<any>): Promise<void> {
  await sql`UPDATE procurement p SET reopening_windows = ${sql.raw(windowsOf('p.authority_id', 'p.id'))},
    applied_provider_ids = ${sql.raw(appliedOf('p.authority_id', 'p.id'))}`.execute(db);
  await sql`UPDATE procurement SET open_to_providers = status = 'published' OR status = 'live' AND route IN ('pdps', 'dps', 'dynamic_market'),
    open_windows = CASE WHEN status = 'live' AND route = 'framework' THEN reopening_windows ELSE '{}' END`.execute(db);
  for (const table of CHILDREN) {
    await sql`UPDATE ${sql.id(table)} x SET procurement_open = p.open_to_providers, procurement_windows = p.open_windows,
      procurement_applied_provider_ids = p.applied_provider_ids
      FROM procurement p WHERE p.authority_id = x.authority_id AND p.id = x.procurement_id`.execute(db);
  }
  await sql`UPDATE specification s SET procurement_open = f.open, procurement_windows = f.windows, procurement_applied_provider_ids = f.ids
    FROM specification s2 CROSS JOIN LATERAL (${sql.raw(specificationFacts('s2.authority_id', 's2.id'))}) f
    WHERE s2.authority_id = s.authority_id AND s2.id = s.id`.execute(db);
  await sql`UPDATE specification_version v SET procurement_open = s.procurement_open, procurement_windows = s.procurement_windows,
    procurement_applied_provider_ids = s.procurement_applied_provider_ids
    FROM specification s WHERE s.authority_id = v.authority_id AND s.id = v.specification_id`.execute(db);
}
