import { readFileSync } from 'node:fs';
import { demoSeedCommands, hashPassword, houseKeep, housekeepingText, importPopulations, issueAdminCreateLink, reminderRunText, sendDueReminders, SETUP_LINK_HOURS, setupPath } from '@concord/api';
import { connectPglite, connectPostgres, migrateToLatest, seed } from '@concord/db';
import { loadServerConfig } from './config.ts';

const USAGE = `Usage: concord <command>
  migrate   apply pending migrations (DATABASE_OWNER_URL, else DATABASE_URL, else the embedded data folder)
  seed      load the demo partnerships into an empty database
  import populations <file.csv> <year>
            load ONS mid-year estimates (MYE2 persons CSV: Code, Name, Geography, All ages, 0 … 90+)
            as the bands all, 18+, 65+ and 75+ for every authority Concord knows
  admin:create --email <address>
            print a single-use link (valid ${SETUP_LINK_HOURS} hours) for that person to choose a password and
            become a platform administrator (needs the migration role: DATABASE_OWNER_URL, or DATABASE_URL set to it)
  reminders send the deadline reminders now due (call-off responses, application windows, expiring documents),
            each once: for cron when the server runs with CONCORD_REMINDERS=off (as the application login,
            DATABASE_URL; on embedded PGlite, with the server stopped)
  housekeeping
            remove sign-in records kept no longer than their purpose (throttle counters quiet for a week, password
            checks older than 13 months, sessions ended 90 days ago): the server does it every hour; this is for
            cron, or to do it now (as the application login, like reminders)`;

const [command, what, file, year] = process.argv.slice(2);
const config = (() => {
  try {
    return loadServerConfig();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
})();
// Reminders and housekeeping run as the application role, which the server's login may become and the migration role may not.
const url = command === 'reminders' || command === 'housekeeping' ? (config.databaseUrl ?? config.databaseOwnerUrl) : (config.databaseOwnerUrl ?? config.databaseUrl);
const connection = url ? connectPostgres(url, 1) : await connectPglite(config.dataDir, { small: true });
try {
  if (command === 'migrate') {
    const applied = await migrateToLatest(connection.db);
    console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Already up to date.');
  } else if (command === 'seed') {
    await migrateToLatest(connection.db);
    if (await seed.isSeeded(connection.db)) console.log('The database already has data; demo data not loaded.');
    else console.log(`Loaded demo data: ${(await seed.seedDemo(connection.db, hashPassword, demoSeedCommands)).length} users.`);
  } else if (command === 'import' && what === 'populations' && file && year) {
    await migrateToLatest(connection.db);
    const result = await connection.db.transaction().execute((tx) => importPopulations(tx, readFileSync(file, 'utf8'), Number(year)));
    console.log(`Imported ${result.rows} population figures for ${result.authorities} authorities (${result.ignored} other areas ignored).`);
  } else if (command === 'admin:create' && what === '--email' && file) {
    await migrateToLatest(connection.db);
    const token = await issueAdminCreateLink(connection.db, file, new Date());
    const base = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
    console.log(`Send this link to ${file.trim().toLowerCase()} to set their password (single use, valid ${SETUP_LINK_HOURS} hours):`);
    console.log(`  ${base}${setupPath('admin_create', token)}`);
    console.log('(On another address? Keep the path and use your server\'s.)');
  } else if (command === 'reminders' && what === undefined) {
    console.log(`${reminderRunText(await sendDueReminders(connection.db))}.`);
  } else if (command === 'housekeeping' && what === undefined) {
    console.log(`${housekeepingText(await houseKeep(connection.db))}.`);
  } else {
    console.error(USAGE);
    process.exitCode = 2;
  }
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
} finally {
  await connection.close();
}
