import { appRouter } from '@concord/api';
import type { Connection } from '@concord/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GSS } from '../support/api.ts';
import { startHttpApp, type HttpApp } from '../support/http.ts';
import { LIVERPOOL_COMMISSIONER, LIVERPOOL_OFFICER, LIVERPOOL_VIEWER, PLYMOUTH_COMMISSIONER, SEFTON_COMMISSIONER } from '../support/procurement.ts';
import type { Outcome, ProcurementActor } from '../tenancy/api-matrix.ts';
import { BENCHMARK_MATRIX } from '../tenancy/benchmark-matrix.ts';

/**
 * The read API for BI tools (issue 6, item 6): GET /api/v1/… generated from the tRPC router by trpc-to-openapi,
 * over a real HTTP server, signed in with the same session cookie as the web app.
 */
const SOMERSET = 'E06000066';

let connection: Connection;
let app: HttpApp;
let base: string;
let peninsula: string;
let tripartite: string;
let cookies: Record<string, string>;

interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string };
  servers: { url: string }[];
  paths: Record<string, Record<string, { operationId: string; security?: unknown[]; parameters?: { name: string; in: string }[]; responses: Record<string, unknown> }>>;
  components: { securitySchemes: Record<string, { type: string; in?: string; name?: string }> };
}

const get = (path: string, who?: string, init: RequestInit = {}) =>
  fetch(`${base}/api/v1${path}`, { ...init, headers: { ...(who ? { cookie: cookies[who]! } : {}), ...(init.headers as Record<string, string> | undefined) } });

beforeAll(async () => {
  app = await startHttpApp({
    plymouth: PLYMOUTH_COMMISSIONER,
    devon: 'commissioner.devon@concord.example',
    somerset: 'commissioner.somerset@concord.example',
    kent: 'commissioner.kent@concord.example',
    lead: LIVERPOOL_COMMISSIONER,
    leadOfficer: LIVERPOOL_OFFICER,
    leadViewer: LIVERPOOL_VIEWER,
    partner: SEFTON_COMMISSIONER,
    outsider: PLYMOUTH_COMMISSIONER,
    admin: 'admin@concord.example',
  });
  ({ connection, base, cookies } = app);
  peninsula = await app.partnershipId('South West Peninsula');
  tripartite = await app.partnershipId('LCR Tripartite');
});
afterAll(() => app.close());

async function openApiDocument(): Promise<OpenApiDocument> {
  const response = await fetch(`${base}/api/v1/openapi.json`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('application/json');
  return (await response.json()) as OpenApiDocument;
}

describe('the OpenAPI document', () => {
  it('describes the read API: KPI definitions, my returns, benchmark results; a bearer token or the session cookie', async () => {
    const doc = await openApiDocument();
    expect(doc.openapi).toMatch(/^3\.\d+\.\d+$/);
    expect(doc.info).toEqual({ title: 'Concord read API', description: expect.any(String), version: '1' });
    expect(doc.servers[0]!.url).toBe('/api/v1');
    expect(Object.keys(doc.paths).sort()).toEqual(['/benchmark', '/kpis', '/returns']);
    expect(doc.components.securitySchemes).toEqual({
      session: { type: 'apiKey', in: 'cookie', name: 'concord_session' },
      bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'concord_pat_…', description: expect.any(String) },
    });
    for (const operations of Object.values(doc.paths)) {
      for (const operation of Object.values(operations)) {
        expect(operation.security).toEqual([{ session: [] }, { bearer: [] }]);
        expect(operation.responses['200']).toBeDefined();
        expect(operation.responses['401']).toBeDefined();
      }
    }
    const benchmarkParameters = doc.paths['/benchmark']!['get']!.parameters!.map((p) => `${p.in}:${p.name}`).sort();
    expect(benchmarkParameters).toEqual(['query:kpiCode', 'query:partnershipId', 'query:period', 'query:periodCount']);
  });

  it('exposes GET only: no mutation is reachable through it', async () => {
    const doc = await openApiDocument();
    const methods = Object.values(doc.paths).flatMap((operations) => Object.keys(operations));
    expect(methods.length).toBeGreaterThan(0);
    expect(new Set(methods)).toEqual(new Set(['get']));
    // Every operation is a tRPC query (operationId is the procedure path).
    const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>;
    const queries = new Set(Object.keys(procedures).filter((p) => procedures[p]!._def.type === 'query'));
    for (const operations of Object.values(doc.paths)) for (const op of Object.values(operations)) expect(queries.has(op.operationId.replace(/-/g, '.'))).toBe(true);
    // And anything but GET is refused before it reaches the router, signed in or not.
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      const response = await get('/kpis', 'lead', { method, headers: { 'content-type': 'application/json', 'x-concord-csrf': '1' }, body: '{}' });
      expect(response.status).toBe(405);
    }
  });
});

describe('GET /api/v1/*', () => {
  it('signed out: 401', async () => {
    for (const path of ['/kpis', '/returns', `/benchmark?partnershipId=${peninsula}&kpiCode=SL-01`]) {
      const response = await get(path);
      expect(response.status).toBe(401);
      expect(await response.text()).not.toMatch(/stack|\.ts:/);
    }
  });

  it('KPI definitions of my partnerships only', async () => {
    const response = await get('/kpis', 'plymouth');
    expect(response.status).toBe(200);
    const body = (await response.json()) as { partnerships: { id: string; kpis: { code: string; unit: string }[] }[] };
    expect(body.partnerships.map((p) => p.id)).toContain(peninsula);
    expect(body.partnerships.map((p) => p.id)).not.toContain(tripartite);
    expect(body.partnerships.find((p) => p.id === peninsula)!.kpis.map((k) => k.code)).toContain('SL-01');
    expect((await get(`/kpis?partnershipId=${tripartite}`, 'plymouth')).status).toBe(404);
  });

  it('my returns only, never another authority’s', async () => {
    type Entry = { partnershipId: string; kpiCode: string; periodStart: string; status: string; value: number | null };
    const augustSharedLives = async (who: string) => {
      // The due dates of a window, as query parameters (by default the calendar covers 12 months back to 3 ahead).
      const response = await get(`/returns?partnershipId=${peninsula}&kpiCode=SL-01&from=2023-01-01&to=2024-12-31`, who);
      expect(response.status).toBe(200);
      const body = (await response.json()) as { entries: Entry[]; window: { from: string; to: string } };
      expect(body.window).toEqual({ from: '2023-01-01', to: '2024-12-31' });
      const entries = body.entries;
      expect(entries.every((e) => e.partnershipId === peninsula && e.kpiCode === 'SL-01')).toBe(true);
      return entries.filter((e) => e.periodStart === '2023-08-01');
    };
    // Seed 000: Plymouth 13, Devon 73 long-term Shared Lives placements in August 2023.
    expect((await augustSharedLives('plymouth')).map((e) => e.value)).toEqual([13]);
    expect((await augustSharedLives('devon')).map((e) => e.value)).toEqual([73]);
    // Each entry with a value is one of the caller's own rows, as the database holds them.
    const response = await get(`/returns?partnershipId=${peninsula}&limit=500`, 'plymouth');
    const entries = ((await response.json()) as { entries: Entry[] }).entries;
    const own = await connection.db.selectFrom('kpi_return').select(['kpi_code', 'period_start', 'value']).where('authority_id', '=', GSS.plymouth).where('partnership_id', '=', peninsula).execute();
    const ownKeys = new Set(own.map((r) => `${r.kpi_code}|${r.period_start}|${r.value}`));
    const submitted = entries.filter((e) => e.value !== null);
    expect(submitted.length).toBeGreaterThan(8);
    for (const e of submitted) expect(ownKeys.has(`${e.kpiCode}|${e.periodStart}|${e.value}`)).toBe(true);
    // An outsider's returns calendar has nothing of the Peninsula.
    const kent = ((await (await get('/returns?limit=500', 'kent')).json()) as { entries: Entry[] }).entries;
    expect(kent.some((e) => e.partnershipId === peninsula)).toBe(false);
  });

  it('benchmark results with consent: Somerset (anonymised) is never named to others', async () => {
    const query = `/benchmark?partnershipId=${peninsula}&kpiCode=SL-01&period=2023-08-01&periodCount=4`;
    type Benchmark = { rows: { label: string; authorityId: string | null; value: number | 'suppressed' | null; isMe: boolean }[]; spc: { label: string }[] };
    const asPlymouth = await get(query, 'plymouth');
    expect(asPlymouth.status).toBe(200);
    const text = await asPlymouth.text();
    const body = JSON.parse(text) as Benchmark;
    expect(body.rows).toHaveLength(5);
    expect(body.rows.find((r) => r.isMe)!.authorityId).toBe(GSS.plymouth);
    expect(body.rows.filter((r) => r.authorityId === null).map((r) => r.label)).toEqual([expect.stringMatching(/^Authority [A-Z]$/)]);
    expect(text).not.toMatch(/Somerset/i);
    expect(text).not.toContain(SOMERSET);
    // Its own figures are named to Somerset (so the check above can fail).
    const asSomerset = await (await get(query, 'somerset')).text();
    expect(asSomerset).toContain('Somerset');
    expect(asSomerset).toContain(SOMERSET);
    // Another partnership's benchmark does not exist for an outsider.
    expect((await get(query, 'kent')).status).toBe(404);
  });

  it('bad input: 400 naming the field; unknown path: 404', async () => {
    const response = await get(`/benchmark?partnershipId=not-a-uuid&kpiCode=SL-01`, 'plymouth');
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('partnershipId');
    expect((await get('/kpis/../returns/submit', 'plymouth')).status).toBe(404);
    expect((await get('/return.submit', 'plymouth')).status).toBe(404);
  });
});

/** The REST paths in the tenancy matrix: each answers as its tRPC procedure's row in BENCHMARK_MATRIX says. */
describe('read API × actor matrix (LCR Tripartite)', () => {
  const STATUS: Record<Outcome, number> = { ok: 200, UNAUTHORIZED: 401, FORBIDDEN: 403, NOT_FOUND: 404 };
  const ACTORS: ProcurementActor[] = ['signedOut', 'lead', 'leadOfficer', 'leadViewer', 'partner', 'outsider', 'admin'];
  const PATHS: Record<string, () => string> = {
    'kpi.list': () => `/kpis?partnershipId=${tripartite}`,
    'return.list': () => `/returns?partnershipId=${tripartite}`,
    'benchmark.get': () => `/benchmark?partnershipId=${tripartite}&kpiCode=SL-01`,
  };

  it('covers every documented path', async () => {
    const doc = await openApiDocument();
    const documented = Object.values(doc.paths).flatMap((ops) => Object.values(ops).map((op) => op.operationId.replace(/-/g, '.')));
    expect(documented.sort()).toEqual(Object.keys(PATHS).sort());
  });

  for (const [procedure, path] of Object.entries(PATHS)) {
    for (const actor of ACTORS) {
      it(`${procedure} as ${actor}`, async () => {
        const expected = BENCHMARK_MATRIX[procedure]![actor];
        const response = await get(path(), actor === 'signedOut' ? undefined : actor);
        expect(response.status).toBe(STATUS[expected]);
      });
    }
  }
});
