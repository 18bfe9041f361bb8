import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const API_APP = fileURLToPath(new URL('../../../apps/api', import.meta.url));
const WEB_DIST = fileURLToPath(new URL('../../../apps/web/dist', import.meta.url));

export interface StartedServer {
  /** http://127.0.0.1:PORT */
  url: string;
  /** Everything the server printed so far. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * The real `start` (apps/api/src/main.ts in a process of its own), on an embedded database in `dataDir`,
 * with demo data off: what a newcomer runs. Resolves once it prints the address it listens on.
 */
export async function startServer(dataDir: string): Promise<StartedServer> {
  if (!existsSync(`${WEB_DIST}/index.html`)) throw new Error(`The web app is not built (${WEB_DIST}): run \`pnpm build\` first.`);
  const env: NodeJS.ProcessEnv = { ...process.env, CONCORD_DEMO_DATA: 'false', CONCORD_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1' };
  for (const name of ['DATABASE_URL', 'DATABASE_OWNER_URL', 'CONCORD_SECURE_COOKIES', 'CONCORD_TRUST_PROXY']) delete env[name];
  const child: ChildProcess = spawn(join(API_APP, 'node_modules/.bin/tsx'), ['src/main.ts'], { cwd: API_APP, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let printed = '';
  child.stdout!.on('data', (chunk) => (printed += String(chunk)));
  child.stderr!.on('data', (chunk) => (printed += String(chunk)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start in 60 s:\n${printed}`)), 60_000);
    const look = () => {
      const running = /Concord is running at (http:\/\/127\.0\.0\.1:\d+)\//.exec(printed);
      if (running) {
        clearTimeout(timer);
        resolve(running[1]!);
      }
    };
    child.stdout!.on('data', () => setTimeout(look, 50));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server stopped (exit ${code}):\n${printed}`));
    });
  });
  return {
    url,
    output: () => printed,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** A fresh, empty data folder, removed by the returned function. */
export function emptyDataDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'concord-first-run-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
