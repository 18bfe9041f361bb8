import type { Connection } from '@concord/db';
import { canonicalPlan } from '@concord/domain';
import { createHash, randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { GSS, type Caller } from '../support/api.ts';

/**
 * How api-matrix.test.ts calls each registry procedure (issue 10, item 2). Writes use a fresh code each time,
 * so a cell that succeeds does not change what the next meets; renames and setActive leave the entry as it was
 * (its own name, active) so the rest of the matrix still sees the seeded registry.
 */
type RegistryCall = (caller: Caller, target: 'own' | 'other') => Promise<unknown>;

let serial = 0;
/** A unitary authority's code no seed uses (E06 9xxxxx), and an ICB's ODS code (Q and two characters). */
const freshCouncilCode = () => `E06${String(900_000 + ++serial)}`;
const freshIcbCode = () => `Q${(36 * 10 + ++serial).toString(36).toUpperCase().slice(-2)}`;

function mye(code: string, name: string): string {
  const header = ['Code', 'Name', 'Geography', 'All ages', ...Array.from({ length: 90 }, (_, i) => String(i)), '90+'];
  return [header.join(','), [code, name, 'Unitary Authority', '91', ...Array.from({ length: 91 }, () => '1')].join(',')].join('\n');
}

export function registryCalls(connection: () => Connection): Record<string, RegistryCall> {
  const entry = (target: 'own' | 'other') =>
    connection().db.selectFrom('authority').select(['id', 'name', 'row_version']).where('id', '=', target === 'own' ? GSS.sefton : GSS.kent).executeTakeFirstOrThrow();
  return {
    'registry.list': async (c) => {
      const page = await c.registry.list({ search: 'Sefton' });
      expect(page.items.map((a) => a.id)).toEqual([GSS.sefton]);
    },
    'registry.registerCouncil': async (c) => {
      const code = freshCouncilCode();
      expect(await c.registry.registerCouncil({ idempotencyKey: randomUUID(), code, name: `Matrix Council ${code}`, region: 'South East' })).toEqual({ id: code, rowVersion: 1 });
    },
    'registry.registerNhsBody': async (c) => {
      const code = freshIcbCode();
      expect((await c.registry.registerNhsBody({ idempotencyKey: randomUUID(), kind: 'icb', code, name: `NHS Matrix ICB ${code}`, region: 'South East' })).id).toBe(code);
    },
    'registry.previewImport': async (c) => {
      const code = freshCouncilCode();
      const preview = await c.registry.previewImport({ csv: mye(code, 'Matrix Preview') });
      expect(preview.add.map((a) => a.id)).toEqual([code]);
    },
    'registry.confirmImport': async (c) => {
      const code = freshCouncilCode();
      const plan = { add: [{ id: code, name: 'Matrix Import', kind: 'unitary' as const, region: 'Not recorded' }], rename: [], unchanged: [], ignored: 0 };
      const fingerprint = createHash('sha256').update(canonicalPlan(plan)).digest('hex');
      expect(await c.registry.confirmImport({ csv: mye(code, 'Matrix Import'), fingerprint })).toEqual({ added: 1, renamed: 0, unchanged: 0 });
    },
    'registry.rename': async (c, target) => {
      const { id, name, row_version } = await entry(target);
      expect((await c.registry.rename({ authorityId: id, version: row_version, name })).name).toBe(name);
    },
    'registry.setActive': async (c, target) => {
      const { id, row_version } = await entry(target);
      expect((await c.registry.setActive({ authorityId: id, version: row_version, active: true })).active).toBe(true);
    },
  };
}
