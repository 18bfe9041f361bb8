import cluster from 'node:cluster';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { ROLE_LABELS } from '@concord/domain';
import { deliverOutbox, HOUSEKEEPING_EVERY_MS, houseKeep, housekeepingText, issueFirstRunSetupLink, reminderRunText, REMINDERS_EVERY_MS, sendDueReminders, SETUP_LINK_HOURS, setupPath } from '@concord/api';
import { seed, type Connection } from '@concord/db';
import { loadSettings } from './config.ts';
import { connectForRequests, prepareDatabase } from './database.ts';
import { createConcordServer } from './server.ts';

function printSignIns(users: seed.SeedUser[]) {
  console.log(`\nDemo sign-ins (password for all: ${seed.DEMO_PASSWORD}):`);
  const rows = users.map((u) => {
    const where = u.authority ? seed.authorityBySlug(u.authority).name : 'no authority';
    const roles = [...u.roles.map((r) => ROLE_LABELS[r].toLowerCase()), ...u.leads.map((p) => `lead commissioner of ${p}`), ...(u.platformAdmin ? ['platform administrator'] : [])];
    return [u.email, `${where}: ${roles.join(', ')}`] as const;
  });
  const width = Math.max(...rows.map(([email]) => email.length));
  for (const [email, what] of rows) console.log(`  ${email.padEnd(width)}  ${what}`);
  // Two-step verification is always required of platform administrators (issue 10, item 3).
  console.log(`The platform admin also enters a code: add the two-step key ${seed.DEMO_TWO_STEP_SECRET} to an authenticator app.`);
}

function refuseToStart(error: Error): never {
  // Refusals (bad settings, data folder in use, unsafe database role, pending migrations) explain themselves.
  console.error(`Concord did not start: ${error.message}`);
  process.exit(1);
}

// Every setting is checked before anything is opened: a bad one stops the start, naming the variable.
const { server: config, api } = (() => {
  try {
    return loadSettings();
  } catch (error) {
    return refuseToStart(error as Error);
  }
})();

/** How long after the server starts listening the start's reminder run begins. */
const REMINDERS_AFTER_START_MS = 5_000;
/**
 * How long after the server starts listening it says so (the address, then the setup link or the demo sign-ins). On the
 * embedded database the setup link's statement holds the one thread for 0.2-0.3 s of CPU on a warm start (PostgreSQL
 * loads PL/pgSQL for it): a probe of /healthz (or a first page) arriving meanwhile waited behind it (issue 14, item 5).
 * After this pause, whoever was waiting for the server has been answered; the messages come out as before, together.
 */
const ANNOUNCE_AFTER_LISTENING_MS = 250;

/**
 * How much of a WebAssembly function runs (V8 counts roughly bytes executed) before V8 compiles it again with its
 * optimising compiler: 100 times V8's default (1,800,000). PGlite is PostgreSQL in one WebAssembly module of ~9 MB;
 * opening a data folder and the first statements run many of its functions once each, and at the default budget V8
 * re-compiled hundreds of them in the background as it started: ~1 s of the ~3 s of CPU of a warm start to /healthz,
 * with 2 cores shared, the main thread's own work waiting for the cores (issue 14, item 5). Measured on this machine
 * (node dist/main.js on the demo folder, CPU of the process at /healthz, three alternating runs each at load 5-8):
 * default 2.95-3.31 s, this budget 1.86-2.10 s, no optimising at all (--liftoff-only) 1.64-1.94 s. Functions that
 * stay hot still reach the budget and are optimised, so a long-running server's statements are not held to the
 * baseline code; over the first 120 requests of a session, the server spent no more CPU than at the default.
 * Only for the embedded database, before PGlite compiles its module (a flag read when a module is instantiated).
 */
// Declared before the top-level `await startPrimary()` below, which reads it (a later `const` is not yet initialised
// when the module runs from source).
const EMBEDDED_WASM_TIERING_BUDGET = 180_000_000;

/**
 * Runs `work` every `everyMs`, never twice at once (a run still going skips its turn); a failure is logged as `failed`
 * and the next turn tries again. The timer does not keep the process alive.
 */
function repeatWhileIdle(everyMs: number, failed: string, work: () => Promise<void>) {
  let busy = false;
  const run = () => {
    if (busy) return;
    busy = true;
    work()
      .catch((error: Error) => console.error(`${failed}: ${error.message}`))
      .finally(() => void (busy = false));
  };
  const timer = setInterval(run, everyMs);
  timer.unref();
  return { timer, run };
}

/** The HTTP server on `connection`, listening on the configured port (shared by every server process). */
function serve(connection: Connection, listening: (port: number) => void) {
  const server = createConcordServer({
    db: connection.db,
    databaseKind: connection.kind,
    api,
    webDist: config.webDist,
    proxyHops: config.proxyHops,
    limits: config.limits,
  });
  server.listen(config.port, config.host, () => listening((server.address() as AddressInfo).port));
  return server;
}

if (cluster.isWorker) {
  // One of several server processes (CONCORD_WORKERS): the first process migrated the database and does the
  // background work below; this one only answers requests, on the port they share.
  const connection = await connectForRequests(config.databaseUrl!).catch(refuseToStart);
  const server = serve(connection, () => {});
  const stop = () => {
    server.close();
    server.closeAllConnections();
    void connection.close().then(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
} else {
  await startPrimary();
}

async function startPrimary() {
  if (!config.databaseUrl) setFlagsFromString(`--wasm-tiering-budget=${EMBEDDED_WASM_TIERING_BUDGET}`);
  // A new embedded database starts from the images the build wrote beside this file (dist/images), if any.
  const images = fileURLToPath(new URL('./images/', import.meta.url));
  const { connection, migrated } = await prepareDatabase(config, { demoData: config.demoData, images }).catch(refuseToStart);
  if (migrated.length > 0) console.log(`Applied migrations: ${migrated.join(', ')}`);

  const announce = async (port: number) => {
    // While no platform administrator exists (an empty database without demo data), each start prints a fresh
    // single-use link to create one; older unused links stop working. Issued once the server listens (issue 14,
    // item 5): the database has answered by then (opened, migrations checked), the link is not needed to answer
    // requests, and its statements (a few tenths of a second on a fresh embedded database) no longer hold up the start.
    const setupToken = await issueFirstRunSetupLink(connection.db, new Date()).catch(refuseToStart);
    const where = connection.kind === 'pglite' ? `embedded PGlite in ${config.dataDir}` : 'PostgreSQL';
    const processes = config.workers > 1 ? `, ${config.workers} server processes` : '';
    console.log(`Concord is running at http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}/ (database: ${where}${processes})`);
    if (setupToken) {
      const base = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;
      console.log(`\nNo platform administrator yet. Open this link to create the first one (single use, valid ${SETUP_LINK_HOURS} hours):`);
      console.log(`  ${base}${setupPath('first_run', setupToken)}`);
    } else if (config.demoData) printSignIns(seed.allDemoUsers());
  };

  let stopping = false;
  let server: ReturnType<typeof serve> | null = null;
  if (config.workers > 1) {
    // Several processes share the port (node:cluster); the operating system hands each connection to one of them.
    let announced = false;
    cluster.on('listening', (_worker, address) => {
      if (!announced) void announce(address.port);
      announced = true;
    });
    // A server process that dies (not stopped by us) is replaced, so the number answering stays as configured; one
    // that stops before it ever listened (it said why) stops the start, rather than being started again and again.
    const listened = new Set<number>();
    cluster.on('listening', (worker) => listened.add(worker.id));
    cluster.on('exit', (worker, code, signal) => {
      if (stopping) return;
      if (!listened.has(worker.id)) return void stop(1);
      console.error(`A server process stopped (${signal ?? `exit code ${code}`}); starting another`);
      cluster.fork();
    });
    // The processes run this file itself, not the script that started it (`start` checks the builds first).
    cluster.setupPrimary({ exec: fileURLToPath(import.meta.url) });
    for (let i = 0; i < config.workers; i++) cluster.fork();
  } else server = serve(connection, (port) => void setTimeout(() => void announce(port), ANNOUNCE_AFTER_LISTENING_MS));

  // Messages are emailed too when CONCORD_SMTP_URL is set (issue 11, item 6): the outbox is emptied every 15 seconds.
  const OUTBOX_EVERY_MS = 15_000;
  const origin = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
  const outbox = api.mail ? repeatWhileIdle(OUTBOX_EVERY_MS, 'Emailing messages failed', () => deliverOutbox(connection.db, api.mail!, { now: new Date(), origin }).then(() => undefined)) : null;

  // Deadline reminders (issue 11, item 6): those due by the database's clock, every 15 minutes and once just after start,
  // each sent once however often this runs (or however many servers run it). CONCORD_REMINDERS=off leaves it to
  // `reminders:send`. The start's run waits a few seconds (issue 14, item 5): on the embedded database its first
  // statements take tenths of a second each on the one connection and the one thread, and the first requests (or a
  // probe of /healthz) waited behind them.
  const reminders = config.reminders
    ? repeatWhileIdle(REMINDERS_EVERY_MS, 'Sending reminders failed', async () => {
        const run = await sendDueReminders(connection.db);
        if (Object.values(run).some((sent) => sent > 0)) console.log(reminderRunText(run));
      })
    : null;
  const remindersAtStart = reminders ? setTimeout(reminders.run, REMINDERS_AFTER_START_MS) : null;

  // Housekeeping (migration 0045): sign-in records past their purpose, every hour (not at start: a start is often a restart).
  const housekeeping = repeatWhileIdle(HOUSEKEEPING_EVERY_MS, 'Housekeeping failed', async () => {
    const run = await houseKeep(connection.db);
    if (Object.values(run).some((removed) => removed > 0)) console.log(housekeepingText(run));
  });

  async function stop(exitCode = 0) {
    if (stopping) return;
    stopping = true;
    if (outbox) clearInterval(outbox.timer);
    if (reminders) clearInterval(reminders.timer);
    if (remindersAtStart) clearTimeout(remindersAtStart);
    clearInterval(housekeeping.timer);
    if (server) {
      server.close();
      server.closeAllConnections();
    }
    await stopWorkers();
    await connection.close();
    process.exit(exitCode);
  }
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

/** Asks every server process to stop and waits until they have. */
function stopWorkers(): Promise<void> {
  const running = Object.values(cluster.workers ?? {}).filter((w) => w !== undefined && !w.isDead());
  return Promise.all(
    running.map(
      (w) =>
        new Promise<void>((done) => {
          w!.once('exit', () => done());
          w!.process.kill('SIGTERM');
        }),
    ),
  ).then(() => undefined);
}
