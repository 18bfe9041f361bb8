import { closeSync, existsSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

export class DataFolderInUseError extends Error {}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Two processes writing one PGlite folder corrupt it, so the first one to open it holds a lock file
 * beside it; a second gets a clear error. A lock left by a process that has gone is taken over.
 */
export function lockDataFolder(dataDir: string): () => void {
  const lockPath = `${dataDir}.lock`;
  mkdirSync(dirname(lockPath), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.off('exit', release);
        if (existsSync(lockPath) && readFileSync(lockPath, 'utf8') === String(process.pid)) unlinkSync(lockPath);
      };
      process.on('exit', release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(lockPath, 'utf8'));
      if (holder && holder !== process.pid && isRunning(holder)) {
        throw new DataFolderInUseError(
          `The data folder ${dataDir} is already open in process ${holder}. ` +
            'Stop that process, or set CONCORD_DATA_DIR to another folder.',
        );
      }
      if (holder === process.pid) {
        throw new DataFolderInUseError(`The data folder ${dataDir} is already open in this process.`);
      }
      unlinkSync(lockPath); // left by a process that has gone
    }
  }
  throw new DataFolderInUseError(`Could not lock the data folder ${dataDir}.`);
}
