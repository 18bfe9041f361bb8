import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, normalize, sep } from 'node:path';
import { gunzipSync } from 'node:zlib';

// Prepared data folders (issue 14, item 5): a new embedded database can start from an image, a gzipped tarball of a
// data folder made at build time (apps/api/src/image.ts), instead of running initdb, the migrations and the seed.

const BLOCK = 512;
const field = (header: Buffer, at: number, length: number) => header.toString('latin1', at, at + length).replace(/\0.*$/s, '');

/**
 * Unpacks an image (a gzipped tar of PGlite's data folder, as PGlite's dumpDataDir writes it: directories and plain
 * files, ustar headers) into `dataDir`. Natively rather than through PGlite's loadDataDir, which writes each file
 * through its WebAssembly file system (the demo image: ~7 s to a new folder that way, against ~1 s to unpack here and
 * ~0.6 s to open). Throws on anything else in the tarball (a link, a path leaving the folder, a truncated entry), so
 * a damaged image is never half trusted.
 */
export function unpackImage(image: string, dataDir: string): void {
  const tar = gunzipSync(readFileSync(image));
  mkdirSync(dataDir, { recursive: true });
  for (let at = 0; at + BLOCK <= tar.length; ) {
    const header = tar.subarray(at, at + BLOCK);
    if (header.every((byte) => byte === 0)) return; // the end-of-archive blocks
    if (field(header, 257, 6) !== 'ustar') throw new Error(`not a tar entry at byte ${at}`);
    const name = normalize(`${field(header, 345, 155)}/${field(header, 0, 100)}`).replace(/^[/\\]+/, '');
    if (name.split(sep).includes('..')) throw new Error(`${name} leaves the data folder`);
    const size = parseInt(field(header, 124, 12), 8) || 0;
    const mode = parseInt(field(header, 100, 8), 8) & 0o777;
    const type = field(header, 156, 1) || '0';
    const body = at + BLOCK;
    if (body + size > tar.length) throw new Error(`${name} is cut short`);
    const path = join(dataDir, name);
    if (type === '5') mkdirSync(path, { recursive: true, mode });
    else if (type === '0') {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, tar.subarray(body, body + size), { mode });
    }
    else throw new Error(`${name} is neither a file nor a folder (type ${type})`);
    at = body + Math.ceil(size / BLOCK) * BLOCK;
  }
  throw new Error('the tarball has no end');
}

/** True if `dir` does not exist or holds nothing: the only kind of folder an image is unpacked into. */
export function isEmptyFolder(dir: string): boolean {
  try {
    return readdirSync(dir).length === 0;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw error;
  }
}

/** Removes everything in `dir` (what an image put in a folder that was empty), keeping the folder itself. */
export function emptyFolder(dir: string): void {
  if (isEmptyFolder(dir)) return;
  for (const name of readdirSync(dir)) rmSync(join(dir, name), { recursive: true, force: true });
}
