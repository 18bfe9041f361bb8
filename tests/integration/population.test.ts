import type { Connection } from '@concord/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, GSS, openSeededDatabase, outcome, signIn } from '../support/api.ts';

let connection: Connection;
let peninsula: string;

/** The ONS MYE2 persons layout, with a title line above the header as ONS publishes it. */
function mye(rows: { code: string; perYear: number; ninetyPlus: number }[]): string {
  const header = ['Code', 'Name', 'Geography', 'All ages', ...Array.from({ length: 90 }, (_, i) => String(i)), '90+'];
  const body = rows.map((r) => [r.code, `Area ${r.code}`, 'Unitary Authority', String(r.perYear * 90 + r.ninetyPlus), ...Array.from({ length: 90 }, () => String(r.perYear)), String(r.ninetyPlus)]);
  return ['Mid-2023 population estimates, persons', header.join(','), ...body.map((b) => b.join(','))].join('\n');
}

beforeAll(async () => {
  connection = await openSeededDatabase();
  peninsula = (await connection.db.selectFrom('partnership').select('id').where('name', '=', 'South West Peninsula').executeTakeFirstOrThrow()).id;
});
afterAll(() => connection.close());

describe('ONS population import', () => {
  it('the platform administrator imports the MYE2 layout as all, 18+, 65+ and 75+', async () => {
    const admin = callerFor(connection, (await signIn(connection, 'admin@concord.example')).session);
    const csv = mye([
      { code: GSS.plymouth, perYear: 3_000, ninetyPlus: 2_000 },
      { code: GSS.devon, perYear: 9_000, ninetyPlus: 9_000 },
      { code: 'W06000001', perYear: 700, ninetyPlus: 300 },
    ]);
    expect(await admin.population.import({ year: 2023, csv })).toEqual({ authorities: 2, rows: 8, ignored: 1 });
    const plymouth = await admin.population.list({ authorityIds: [GSS.plymouth] });
    const band = (b: string) => plymouth.find((p) => p.year === 2023 && p.age_band === b)!.population;
    expect(band('all')).toBe(272_000);
    expect(band('18+')).toBe(3_000 * 72 + 2_000);
    expect(band('65+')).toBe(3_000 * 25 + 2_000);
    expect(band('75+')).toBe(3_000 * 15 + 2_000);
  });

  it('per-head KPIs use the imported 18+ estimate', async () => {
    const plymouth = callerFor(connection, (await signIn(connection, 'commissioner.plymouth@concord.example')).session);
    const b = await plymouth.benchmark.get({ partnershipId: peninsula, kpiCode: 'PPL-01', period: '2024-01-01', periodCount: 4 });
    const own = b.rows.find((r) => r.isMe)!;
    expect(own.population).toBe(218_000);
    expect(own.perHundredThousand).toBeCloseTo(((own.value as number) / 218_000) * 100_000, 9);
    expect(b.notes.join(' ')).toMatch(/No 18\+ population is held for .*Cornwall/);
  });

  it('a commissioner imports only their own authority; bad files are refused naming the row', async () => {
    const devon = callerFor(connection, (await signIn(connection, 'commissioner.devon@concord.example')).session);
    expect(await outcome(devon.population.import({ year: 2024, csv: mye([{ code: GSS.plymouth, perYear: 1, ninetyPlus: 1 }]) }))).toBe('BAD_REQUEST');
    const bad = mye([{ code: GSS.devon, perYear: 9_000, ninetyPlus: 9_000 }]).replace(/,9000,9000$/, ',9000,x');
    await expect(devon.population.import({ year: 2024, csv: bad })).rejects.toThrow(/row 3, 90\+/);
    const viewer = callerFor(connection, (await signIn(connection, 'viewer.devon@concord.example')).session);
    expect(await outcome(viewer.population.import({ year: 2024, csv: mye([{ code: GSS.devon, perYear: 1, ninetyPlus: 1 }]) }))).toBe('FORBIDDEN');
  });
});
