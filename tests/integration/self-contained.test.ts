import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { OCDS_DIR } from './ocds-schema.ts';

/**
 * A fresh clone passes its own tests (issue 12, item 8): nothing in the tests, the build or the app reads a
 * file outside the repository. Only `.ci/run` may name ../shared (the Citus test archive); `scripts/` may not.
 */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const THIS_FILE = fileURLToPath(import.meta.url);
const SKIP = new Set(['node_modules', 'dist', 'build', '.concord', '.turbo', 'coverage', 'fixtures']);
const SOURCE = /\.(ts|tsx|mts|cts|js|mjs|cjs|json)$/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (SKIP.has(name) || name.startsWith('.')) return [];
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return SOURCE.test(name) && path !== THIS_FILE ? [path] : [];
  });
}

const scanned = ['tests', 'packages', 'apps'].flatMap((d) => sourceFiles(join(ROOT, d)));
const inside = (path: string) => path === ROOT || path.startsWith(ROOT + sep);

describe('the repository is self-contained', () => {
  it('scans the tests, packages and apps (a scan of nothing would pass)', () => {
    const names = scanned.map((f) => relative(ROOT, f));
    expect(names).toContain(join('tests', 'integration', 'ocds-schema.ts'));
    expect(names).toContain(join('packages', 'api', 'src', 'trpc.ts'));
    expect(names.length).toBeGreaterThan(200);
  });

  it('no source names the shared folder outside the repository', () => {
    const offenders = scanned.filter((f) => /shared\/ocds|\/work\/shared|['"`](\.\.\/)+shared\//.test(readFileSync(f, 'utf8'))).map((f) => relative(ROOT, f));
    expect(offenders).toEqual([]);
  });

  it('no script names the shared folder: .ci/run alone passes the Citus archive in', () => {
    const scripts = readdirSync(join(ROOT, 'scripts')).filter((n) => /\.(sh|mjs|js|ts)$/.test(n));
    expect(scripts).toContain('citus-cluster.sh');
    const offenders = scripts.filter((n) => /\.\.\/shared|\/shared\/citus/.test(readFileSync(join(ROOT, 'scripts', n), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('every relative path written in a source resolves inside the repository', () => {
    const escapes: string[] = [];
    for (const file of scanned) {
      for (const [, path] of readFileSync(file, 'utf8').matchAll(/['"`]((?:\.\.\/)+[^'"`\s]*)['"`]/g)) {
        if (!inside(resolve(dirname(file), path!))) escapes.push(`${relative(ROOT, file)}: ${path}`);
      }
    }
    expect(escapes).toEqual([]);
  });

  it('the OCDS 1.1.5 schema, its codelists and its licence are vendored in the repository', () => {
    const dir = fileURLToPath(OCDS_DIR);
    expect(inside(dir)).toBe(true);
    for (const file of ['release-schema.json', 'release-package-schema.json', 'codelists/partyRole.csv', 'codelists/documentType.csv', 'LICENSE', 'README.md']) {
      expect({ file, exists: existsSync(join(dir, file)) }).toEqual({ file, exists: true });
    }
    expect(readFileSync(join(dir, 'LICENSE'), 'utf8')).toContain('Apache License');
    expect(JSON.parse(readFileSync(join(dir, 'release-schema.json'), 'utf8')).id).toBe('https://standard.open-contracting.org/schema/1__1__5/release-schema.json');
  });
});
