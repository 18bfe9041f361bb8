import { mkdtempSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { pruneStaleTemplates } from '../src/testing.ts';

/** Test-database dumps neither written nor read for two days are removed; the one in use and recent ones stay. */
it('removes only the stale test-database dumps, never the one kept nor other files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'concord-prune-'));
  const now = Date.parse('2026-12-07T00:00:00Z');
  const file = (name: string, daysAgo: number) => {
    const path = join(dir, name);
    writeFileSync(path, 'x');
    const at = (now - daysAgo * 86_400_000) / 1000;
    utimesSync(path, at, at);
    return path;
  };
  const kept = file('concord-test-template-aaaa.tar', 5);
  file('concord-test-template-bbbb.tar', 3);
  file('concord-test-template-cccc.tar.gz', 10);
  file('concord-test-template-dddd.tar.123.abcd', 2.5);
  file('concord-test-template-eeee.tar', 1);
  file('something-else.tar', 30);
  pruneStaleTemplates(dir, kept, now);
  expect(readdirSync(dir).sort()).toEqual(['concord-test-template-aaaa.tar', 'concord-test-template-eeee.tar', 'something-else.tar']);
});
