import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { c as create } from 'tar';
import { afterAll, describe, expect, it } from 'vitest';
import { unpackImage } from '../src/image.ts';

/** unpackImage (issue 14, item 5): what a prepared image may hold, and that a damaged one is refused whole. */
const work = mkdtempSync(join(tmpdir(), 'concord-image-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function imageOf(name: string, files: (source: string) => void, options: { preservePaths?: boolean; entries?: string[] } = {}): string {
  const source = join(work, `${name}-source`);
  mkdirSync(source, { recursive: true });
  files(source);
  const image = join(work, `${name}.tar.gz`);
  create({ file: image, cwd: source, gzip: true, sync: true, preservePaths: options.preservePaths ?? false }, options.entries ?? ['.']);
  return image;
}

describe('unpackImage', () => {
  it('unpacks folders and plain files, byte for byte', () => {
    const image = imageOf('good', (s) => {
      mkdirSync(join(s, 'base', '1'), { recursive: true });
      writeFileSync(join(s, 'base', '1', '1259'), Buffer.from([0, 1, 2, 255]));
      writeFileSync(join(s, 'PG_VERSION'), '17\n');
    });
    const into = join(work, 'good-out');
    unpackImage(image, into);
    expect(readFileSync(join(into, 'PG_VERSION'), 'utf8')).toBe('17\n');
    expect([...readFileSync(join(into, 'base', '1', '1259'))]).toEqual([0, 1, 2, 255]);
  });

  it('refuses a link', () => {
    const image = imageOf('link', (s) => {
      writeFileSync(join(s, 'real'), 'x');
      symlinkSync('/etc/passwd', join(s, 'escape'));
    });
    const into = join(work, 'link-out');
    expect(() => unpackImage(image, into)).toThrow(/neither a file nor a folder: .*escape/);
    expect(existsSync(join(into, 'escape'))).toBe(false);
  });

  it('refuses a path leaving the folder', () => {
    const image = imageOf('dotdot', (s) => {
      mkdirSync(join(s, 'inner'), { recursive: true });
      writeFileSync(join(s, 'outside'), 'x');
    }, { preservePaths: true, entries: ['inner/../../dotdot-source/outside'] });
    const into = join(work, 'dotdot-out', 'data');
    expect(() => unpackImage(image, into)).toThrow();
    expect(existsSync(join(work, 'dotdot-out', 'dotdot-source', 'outside'))).toBe(false);
  });

  it('refuses a truncated image', () => {
    const image = imageOf('cut', (s) => writeFileSync(join(s, 'big'), Buffer.alloc(200_000, 7)));
    const whole = readFileSync(image);
    writeFileSync(image, whole.subarray(0, Math.floor(whole.length / 2)));
    expect(() => unpackImage(image, join(work, 'cut-out'))).toThrow();
  });
});
