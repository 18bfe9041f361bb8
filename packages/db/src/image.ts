import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { x as extract } from 'tar';

// Prepared data folders (issue 14, item 5): a new embedded database can start from an image, a gzipped tarball of a
// data folder made at build time (apps/api/src/image.ts), instead of running initdb, the migrations and the seed.

/**
 * Unpacks an image (a gzipped tar of PGlite's data folder, as PGlite's dumpDataDir writes it: folders and plain files)
 * into `dataDir`, with node-tar, natively rather than through PGlite's loadDataDir, which writes each file through its
 * WebAssembly file system (the demo image: ~7 s to a new folder that way, against ~1 s to unpack here and ~0.6 s to
 * open). A damaged or truncated archive, or a path leaving the folder, throws (the caller empties the folder); and anything but folders and
 * plain files (a link, a device) is refused, so a damaged image is never half trusted.
 */
export function unpackImage(image: string, dataDir: string): void {
  mkdirSync(dataDir, { recursive: true });
  const refused: string[] = [];
  const problems: string[] = [];
  extract({
    file: image,
    cwd: dataDir,
    sync: true,
    // Every warning is fatal but the notice that a leading / is stripped: dumpDataDir names entries /base/1/….
    onwarn: (code, message) => {
      if (code !== 'TAR_ENTRY_INFO') problems.push(`${code}: ${String(message)}`);
    },
    filter: (path, entry) => {
      const kind = 'type' in entry ? entry.type : entry.isDirectory() ? 'Directory' : 'File';
      if (kind === 'File' || kind === 'OldFile' || kind === 'Directory') return true;
      refused.push(`${path} (${kind})`);
      return false;
    },
  });
  if (problems.length > 0) throw new Error(`the image is damaged: ${problems.join('; ')}`);
  if (refused.length > 0) throw new Error(`the image holds what is neither a file nor a folder: ${refused.join(', ')}`);
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
