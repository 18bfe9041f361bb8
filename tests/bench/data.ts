/**
 * `pnpm bench:data --scale N` (issue 14, item 7): national-scale synthetic data on PostgreSQL, made in SQL.
 *
 * BENCH_DATABASE_URL names a PostgreSQL server as a superuser. The database `concord_bench` is dropped and made
 * again, migrated with the project's migrations, given the demo seed (its people sign in with the demo password),
 * and then filled by INSERT … SELECT generate_series: 153 councils with GSS-shaped codes (E06/E08/E09/E10) in the
 * nine regions, each region a regional network (the South West one has 16 members), framework consortia of 8
 * councils, providers with their locations, contracts, placements, a KPI library per partnership and, for every
 * member × KPI × month from 2016 to 2025, a published benchmark figure and the return behind it. Every CHECK,
 * trigger and foreign key of the schema is in force while rows are written. Ids are derived from md5 of a name,
 * so rows find each other (a placement's contract and provider) without joins.
 */
import { performance } from 'node:perf_hooks';
import { demoSeedCommands, hashPassword } from '@concord/api';
import { connectPostgres, migrateToLatest, seed, type Database } from '@concord/db';
import { SERVICE_TYPES } from '@concord/domain';
import { sql, type Kysely } from 'kysely';
import {
  BENCH_DATABASE,
  BENCH_NETWORK_REGION,
  BENCH_USER_EMAIL,
  CONSORTIUM_SIZE,
  COUNCILS,
  countsFor,
  databaseUrl,
  FIRST_PERIOD,
  KPIS_PER_PARTNERSHIP,
  LAST_PERIOD,
  networkName,
  REGIONS,
  benchUrl,
  parseScale,
  rowCounts,
  type BenchCounts,
} from './shape.ts';

const run = (db: Kysely<Database>, text: string) => sql.raw(text).execute(db);
const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
/** A valid version-4-shaped UUID from md5 of a name (the API's inputs check the version and variant). */
const uuid = (expr: string) => `overlay(overlay(md5(${expr}) placing '4' from 13) placing '8' from 17)::uuid`;

/**
 * A bulk load as pg_dump's restore does it: the table's keys, indexes and foreign keys (and the foreign keys
 * that refer to it) are taken off, the rows written, and then every one is put back exactly as it was defined.
 * Putting a constraint back checks every row against it, so nothing is loaded that the schema would refuse;
 * indexes are built once by sorting instead of row by row. CHECK constraints and triggers stay on throughout.
 */
async function bulkLoad(db: Kysely<Database>, table: string, work: () => Promise<void>): Promise<void> {
  const own = await sql<{ name: string; type: string; def: string }>`
    SELECT conname AS name, contype AS type, pg_get_constraintdef(oid) AS def FROM pg_constraint
    WHERE conrelid = ${table}::regclass AND contype IN ('p','u','f') ORDER BY contype DESC, conname`.execute(db);
  const referring = await sql<{ owner: string; name: string; def: string }>`
    SELECT conrelid::regclass::text AS owner, conname AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint
    WHERE confrelid = ${table}::regclass AND conrelid <> confrelid AND contype = 'f'`.execute(db);
  const indexes = await sql<{ name: string; def: string }>`
    SELECT indexname AS name, indexdef AS def FROM pg_indexes
    WHERE tablename = ${table} AND schemaname = 'public' AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE conrelid = ${table}::regclass)`.execute(db);
  for (const r of referring.rows) await run(db, `ALTER TABLE ${r.owner} DROP CONSTRAINT ${r.name}`);
  for (const i of indexes.rows) await run(db, `DROP INDEX ${i.name}`);
  // Foreign keys first (rows ordered 'u','p','f' descending), then unique keys and the primary key.
  for (const c of own.rows) await run(db, `ALTER TABLE ${table} DROP CONSTRAINT ${c.name}`);
  await work();
  for (const c of [...own.rows].reverse()) await run(db, `ALTER TABLE ${table} ADD CONSTRAINT ${c.name} ${c.def}`);
  for (const i of indexes.rows) await run(db, i.def);
  for (const r of referring.rows) await run(db, `ALTER TABLE ${r.owner} ADD CONSTRAINT ${r.name} ${r.def}`);
}

async function step<T>(label: string, work: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  const result = await work();
  console.log(`  ${label}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return result;
}

/** Councils, their populations, the regional networks and the consortia, with their members. */
async function councilsAndPartnerships(db: Kysely<Database>, c: BenchCounts) {
  const regions = REGIONS.map((r, i) => `(${i + 1}, ${lit(r.name)}, ${r.size})`).join(', ');
  await run(db, `CREATE TEMP TABLE bench_region (n int, name text, size int)`);
  await run(db, `INSERT INTO bench_region VALUES ${regions}`);
  // Council i (1..153) lies in the region whose cumulative size first reaches i.
  await run(db, `
    CREATE TEMP TABLE bench_council AS
    WITH r AS (SELECT n, name, sum(size) OVER (ORDER BY n) - size AS first, sum(size) OVER (ORDER BY n) AS last FROM bench_region)
    SELECT i, r.n AS region_n, r.name AS region, i - r.first AS nth,
      CASE WHEN r.name = 'London' THEN 'london_borough'
           WHEN i % 7 = 0 THEN 'county'
           WHEN r.name IN ('North East','North West','Yorkshire and The Humber','West Midlands') AND i % 2 = 0 THEN 'metropolitan_district'
           ELSE 'unitary' END AS kind
    FROM generate_series(1, ${COUNCILS}) i JOIN r ON i > r.first AND i <= r.last`);
  await run(db, `ALTER TABLE bench_council ADD COLUMN id text`);
  await run(db, `UPDATE bench_council SET id = CASE kind WHEN 'unitary' THEN 'E06' WHEN 'metropolitan_district' THEN 'E08' WHEN 'london_borough' THEN 'E09' ELSE 'E10' END || (900000 + i)::text`);
  await run(db, `INSERT INTO authority (id, name, kind, region) SELECT id, 'Bench Council ' || lpad(i::text, 3, '0'), kind, region FROM bench_council ORDER BY i`);
  await run(db, `INSERT INTO authority_population (authority_id, year, age_band, population, source)
    SELECT id, 2021, band, (CASE band WHEN 'all' THEN 150000 WHEN '18+' THEN 120000 ELSE 30000 END) + i * 2500, 'Bench: synthetic'
    FROM bench_council, unnest(ARRAY['all','18+','65+']) band`);

  // Regional networks (led by their first council) and consortia of 8 councils spread over England.
  await run(db, `CREATE TEMP TABLE bench_member (partnership_id uuid, authority_id text, lead boolean)`);
  await run(db, `INSERT INTO bench_member SELECT ${uuid(`'bench-network-' || region_n`)}, id, nth = 1 FROM bench_council`);
  await run(db, `INSERT INTO bench_member
    SELECT ${uuid(`'bench-consortium-' || k`)}, c.id, j = 0
    FROM generate_series(1, ${c.consortia}) k, generate_series(0, ${CONSORTIUM_SIZE - 1}) j, bench_council c
    WHERE c.i = ((k * 37 + j * 19) % ${COUNCILS}) + 1`);
  await run(db, `INSERT INTO partnership (id, name, kind, lead_authority_id)
    SELECT ${uuid(`'bench-network-' || r.n`)}, 'Bench regional network: ' || r.name, 'regional_network', c.id
    FROM bench_region r JOIN bench_council c ON c.region_n = r.n AND c.nth = 1`);
  await run(db, `INSERT INTO partnership (id, name, kind, lead_authority_id)
    SELECT m.partnership_id, 'Bench consortium ' || lpad(k::text, 4, '0'), 'framework_consortium', m.authority_id
    FROM generate_series(1, ${c.consortia}) k JOIN bench_member m ON m.partnership_id = ${uuid(`'bench-consortium-' || k`)} AND m.lead`);
  await run(db, `INSERT INTO partnership_member (authority_id, partnership_id, joined_on) SELECT authority_id, partnership_id, DATE '2015-04-01' FROM bench_member`);
}

/** The provider register (1 to 4 CQC locations each), contracts and placements of every council. */
async function market(db: Kysely<Database>, c: BenchCounts) {
  const services = `(ARRAY[${SERVICE_TYPES.map(lit).join(',')}])`;
  await step(`${c.providers} providers and their locations`, async () => {
    await run(db, `INSERT INTO provider (id, legal_name, companies_house_number, cqc_provider_id, is_sme, is_vcse)
      SELECT ${uuid(`'bench-provider-' || n`)}, 'Bench Care Provider ' || n || ' Ltd', 'BZ' || lpad(n::text, 6, '0'), '1-77' || lpad(n::text, 8, '0'), n % 3 = 0, n % 7 = 0
      FROM generate_series(1, ${c.providers}) n`);
    await run(db, `INSERT INTO provider_location (provider_id, cqc_location_id, name, locality, rating, rated_on)
      SELECT ${uuid(`'bench-provider-' || n`)}, '1-88' || lpad(n::text, 7, '0') || l, 'Bench Care Provider ' || n || ' location ' || l, 'Locality ' || (n % 97),
        (ARRAY['outstanding','good','good','good','requires_improvement','inadequate','not_yet_rated'])[1 + (n + l) % 7], DATE '2022-01-01' + (n * 13 + l) % 1000
      FROM generate_series(1, ${c.providers}) n, generate_series(1, 4) l WHERE l <= 1 + n % 4`);
  });
  // Contract n of council i is with provider (i·131 + n·17) mod P; placements under it go to the same provider.
  const providerOf = (i: string, n: string) => uuid(`'bench-provider-' || ((${i} * 131 + ${n} * 17) % ${c.providers} + 1)`);
  await step(`${c.contractsPerCouncil * COUNCILS} contracts`, () =>
    run(db, `INSERT INTO contract (authority_id, id, reference, title, provider_id, service_type, source, start_date, initial_end_date, end_date, annual_value_pence, total_value_pence, status)
      SELECT b.id, ${uuid(`'bench-contract-' || b.i || '-' || n`)}, 'BC-' || lpad(n::text, 5, '0'), 'Bench contract ' || n, ${providerOf('b.i', 'n')},
        ${services}[1 + n % ${SERVICE_TYPES.length}], CASE WHEN n % 3 = 0 THEN 'block_contract' ELSE 'spot_purchase' END,
        s, s + 1095, s + 1095, 10000000 + (n * 7919 % 500) * 100000, 3 * (10000000 + (n * 7919 % 500) * 100000), 'active'
      FROM bench_council b, generate_series(1, ${c.contractsPerCouncil}) n, LATERAL (SELECT (DATE '2020-04-01' + (n % 48) * 30) AS s) d`),
  );
  await step(`${c.placementsPerCouncil * COUNCILS} placements`, () => bulkLoad(db, 'placement', async () => {
    // One statement per region keeps each transaction a manageable size.
    for (let region = 1; region <= REGIONS.length; region++) {
      await run(db, `INSERT INTO placement (authority_id, reference, contract_id, provider_id, service_type, complexity_band, locality, in_area, funding_route, nhs_share_percent, start_date, end_date, weekly_cost_pence, weekly_hours, requested_on, sourced_on)
        SELECT b.id, 'PL-' || lpad(k::text, 7, '0'), CASE WHEN k % 5 = 0 THEN NULL ELSE ${uuid(`'bench-contract-' || b.i || '-' || n`)} END, ${providerOf('b.i', 'n')},
          ${services}[1 + n % ${SERVICE_TYPES.length}], (ARRAY['standard','enhanced','complex'])[1 + k % 3], 'Locality ' || (k % 97), k % 9 <> 0,
          CASE k % 10 WHEN 0 THEN 'direct_payment' WHEN 1 THEN 'nhs_funded' ELSE 'council_commissioned' END, CASE WHEN k % 10 = 1 THEN 50 END,
          s, CASE WHEN k % 3 = 0 THEN s + 200 END, 40000 + (k * 7919 % 150000), CASE WHEN k % 2 = 0 THEN 5 + k % 40 END, s - 21, s - 7
        FROM bench_council b, generate_series(1, ${c.placementsPerCouncil}) k,
          LATERAL (SELECT k % ${c.contractsPerCouncil} + 1 AS n, DATE '2018-01-01' + (k * 7 % 3200) AS s) d
        WHERE b.region_n = ${region}`);
    }
  }));
}

/** A library of monthly KPIs per partnership; for every member, KPI and month a return and its published figure. */
async function kpis(db: Kysely<Database>) {
  await run(db, `INSERT INTO kpi_definition (authority_id, id, partnership_id, code, version, name, definition, unit, direction, frequency, source, first_period)
    SELECT m.authority_id, ${uuid(`'bench-kpi-' || m.partnership_id || '-' || k`)}, m.partnership_id, 'BK-' || lpad(k::text, 2, '0'), 1,
      'Bench KPI ' || k, 'A synthetic monthly count for the benchmark suite', 'count', 'higher_better', 'monthly', 'manual', DATE ${lit(FIRST_PERIOD)}
    FROM bench_member m, generate_series(1, ${KPIS_PER_PARTNERSHIP}) k WHERE m.lead`);
  const partnerships = (await sql<{ id: string }>`SELECT DISTINCT partnership_id AS id FROM bench_member ORDER BY 1`.execute(db)).rows.map((r) => r.id);
  const batch = 40;
  const t0 = performance.now();
  await bulkLoad(db, 'kpi_return', () => bulkLoad(db, 'benchmark_figure', async () => {
    for (let i = 0; i < partnerships.length; i += batch) {
      const ids = partnerships.slice(i, i + batch).map(lit).join(',');
      const rows = `FROM bench_member m JOIN kpi_definition d ON d.partnership_id = m.partnership_id,
          generate_series(DATE ${lit(FIRST_PERIOD)}, DATE ${lit(LAST_PERIOD)}, interval '1 month') g(p),
          LATERAL (SELECT g.p::date AS start, (g.p + interval '1 month - 1 day')::date AS last, (hashtext(m.authority_id || d.code || g.p) & 1023) AS v) x
        WHERE m.partnership_id IN (${ids})`;
      await run(db, `INSERT INTO kpi_return (authority_id, partnership_id, kpi_id, kpi_code, period_start, period_end, due_on, value, status, submitted_at)
        SELECT m.authority_id, m.partnership_id, d.id, d.code, x.start, x.last, x.last + 20, x.v, CASE WHEN x.v % 50 = 0 THEN 'late' ELSE 'submitted' END, x.last + 10 ${rows}`);
      await run(db, `INSERT INTO benchmark_figure (authority_id, partnership_id, kpi_id, kpi_code, period_start, value, published_at)
        SELECT m.authority_id, m.partnership_id, d.id, d.code, x.start, x.v, x.last + 10 ${rows}`);
      const done = Math.min(i + batch, partnerships.length);
      console.log(`    returns and figures: ${done}/${partnerships.length} partnerships, ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    }
  }));
  console.log(`    keys, indexes and foreign keys back on: ${((performance.now() - t0) / 1000).toFixed(0)} s`);
}

/** The measurements' commissioner: a non-lead member of the 16-member network, with the demo password. */
async function benchUser(db: Kysely<Database>) {
  const network = networkName(BENCH_NETWORK_REGION);
  await run(db, `INSERT INTO app_user (email, display_name, password_hash)
    SELECT ${lit(BENCH_USER_EMAIL)}, 'Bench Commissioner', password_hash FROM app_user WHERE email = 'commissioner.sefton@concord.example'`);
  await run(db, `CREATE TEMP TABLE bench_home AS
    SELECT m.authority_id FROM partnership_member m JOIN partnership p ON p.id = m.partnership_id
    WHERE p.name = ${lit(network)} AND m.authority_id <> p.lead_authority_id ORDER BY m.authority_id LIMIT 1`);
  await run(db, `INSERT INTO membership (authority_id, user_id, role) SELECT h.authority_id, u.id, 'commissioner' FROM bench_home h, app_user u WHERE u.email = ${lit(BENCH_USER_EMAIL)}`);
  await run(db, `INSERT INTO partnership_role (authority_id, partnership_id, user_id, role)
    SELECT m.authority_id, m.partnership_id, u.id, 'network_member' FROM bench_home h JOIN partnership_member m USING (authority_id), app_user u WHERE u.email = ${lit(BENCH_USER_EMAIL)}`);
}

export async function generate(scale: number): Promise<void> {
  const server = benchUrl();
  const counts = countsFor(scale);
  console.log(`Generating ${BENCH_DATABASE} at scale ${scale}:`, counts);
  const admin = connectPostgres(databaseUrl(server, 'postgres'), 1);
  await sql`DROP DATABASE IF EXISTS ${sql.id(BENCH_DATABASE)} WITH (FORCE)`.execute(admin.db);
  await sql`CREATE DATABASE ${sql.id(BENCH_DATABASE)}`.execute(admin.db);
  await admin.close();
  const started = performance.now();
  // One connection: the temporary tables live on it.
  const { db, close } = connectPostgres(databaseUrl(server, BENCH_DATABASE), 1);
  try {
    await step('migrations', () => migrateToLatest(db));
    await step('demo seed', () => seed.seedDemo(db, hashPassword, demoSeedCommands));
    await step(`${COUNCILS} councils, ${REGIONS.length} regional networks, ${counts.consortia} consortia`, () => councilsAndPartnerships(db, counts));
    await market(db, counts);
    await step('KPI libraries, returns and figures', () => kpis(db));
    await step('bench user', () => benchUser(db));
    await step('VACUUM ANALYZE', () => run(db, 'VACUUM ANALYZE'));
    console.log(`Done in ${((performance.now() - started) / 60_000).toFixed(1)} minutes. Rows:`, await rowCounts(db));
    await sql`COMMENT ON DATABASE ${sql.id(BENCH_DATABASE)} IS ${sql.lit(JSON.stringify({ scale, generatedAt: new Date().toISOString(), minutes: (performance.now() - started) / 60_000 }))}`.execute(db);
  } finally {
    await close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await generate(parseScale(process.argv.slice(2)));
}
