import { hashPassword } from '@concord/api';
import { connectPglite, connectPostgres, migrateToLatest, seed } from '@concord/db';
import { loadServerConfig } from './config.ts';

const USAGE = `Usage: concord <command>
  migrate   apply pending migrations (DATABASE_OWNER_URL, else DATABASE_URL, else the embedded data folder)
  seed      load the demo partnerships into an empty database`;

const [command] = process.argv.slice(2);
const config = loadServerConfig();
const url = config.databaseOwnerUrl ?? config.databaseUrl;
const connection = url ? connectPostgres(url, 1) : await connectPglite(config.dataDir);
try {
  if (command === 'migrate') {
    const applied = await migrateToLatest(connection.db);
    console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Already up to date.');
  } else if (command === 'seed') {
    await migrateToLatest(connection.db);
    if (await seed.isSeeded(connection.db)) console.log('The database already has data; demo data not loaded.');
    else console.log(`Loaded demo data: ${(await seed.seedDemo(connection.db, hashPassword)).length} users.`);
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
