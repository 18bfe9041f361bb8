import type { Connection } from '@concord/db';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, openSeededDatabase, signIn } from '../support/api.ts';
import { xlsxText } from '../support/benchmark.ts';
import { pdfText } from '../support/business-case.ts';

/**
 * Issue 13: money KPIs are stored in pence and shown in pounds wherever people read them. COST-01 in the
 * LCR Tripartite, July 2026: Knowsley 96,262p, Liverpool 99,603p, Sefton 110,565p a week — the median is
 * £996.03, not "99,603"; the exports say £ (pounds) and give pounds.
 */
let connection: Connection;
let sefton: ReturnType<typeof callerFor>;
let lcr: string;
const input = () => ({ partnershipId: lcr, kpiCode: 'COST-01', period: '2026-07-01', periodCount: 2 });
beforeAll(async () => {
  connection = await openSeededDatabase();
  sefton = callerFor(connection, (await signIn(connection, 'commissioner.sefton@concord.example')).session);
  lcr = (await connection.db.selectFrom('partnership').select('id').where('name', '=', 'LCR Tripartite').executeTakeFirstOrThrow()).id;
});
afterAll(() => connection?.close());

describe('COST-01 in pounds', () => {
  it('the benchmark compares "£ (pounds)"; the figures stay in pence for the page to format', async () => {
    const b = await sefton.benchmark.get(input());
    expect(b.headlineLabel).toBe('£ (pounds)');
    expect(b.stats!.median).toBe(99_603);
  });

  it('the CSV gives pounds to the penny, labelled £ (pounds)', async () => {
    const csv = parse(Buffer.from((await sefton.benchmark.export({ ...input(), format: 'csv' })).base64, 'base64').toString('utf8'), { columns: true }) as Record<string, string>[];
    const median = csv.find((r) => r.authority === 'Partnership median')!;
    expect(median).toMatchObject({ headline: '996.03', headline_unit: '£ (pounds)' });
    const own = csv.find((r) => r.authority === 'Sefton Council' || r.authority?.startsWith('Sefton'))!;
    expect(own).toMatchObject({ value: '1105.65', headline: '1105.65' });
    expect(csv.map((r) => r.headline)).not.toContain('110565');
  });

  it('the XLSX gives pounds with the unit in the heading', async () => {
    const text = await xlsxText((await sefton.benchmark.export({ ...input(), format: 'xlsx' })).base64);
    expect(text).toContain('Headline (£ (pounds))');
    expect(text).toContain('1105.65');
    expect(text).not.toContain('110565');
  });

  it('the PDF prints £996.03 and £1,105.65, never 99603 or 110565.0', async () => {
    const { text } = await pdfText((await sefton.benchmark.export({ ...input(), format: 'pdf' })).base64);
    expect(text).toContain('£996.03');
    expect(text).toContain('£1,105.65');
    expect(text).not.toMatch(/110565|99603|99,603/);
  });
});
