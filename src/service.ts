import { loadConfig, type Config } from './platform/config.ts';
import { openDatabase, type DatabaseHandle } from './platform/db/connect.ts';
import { migrateToLatest } from './platform/db/migrate.ts';
import { keepUp } from './platform/db/upkeep.ts';
import { repeatEvery } from './platform/repeat.ts';
import type { Database } from './database.ts';
import { isEmpty, loadDemoData } from './demo/load.ts';
import { DEMO_PASSWORD, DEMO_USERS } from './demo/organisation.ts';
import { migrations } from './migrations/index.ts';
import { adapterFor, startReminderScheduler } from './supervision/reminders/scheduler.ts';

/** Opens the configured database, brings the schema up to date and, on a fresh one, loads the demo region. */
export async function prepareDatabase(config: Config, log: (line: string) => void = console.log): Promise<DatabaseHandle<Database>> {
  const handle = await openDatabase<Database>({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const applied = await migrateToLatest(handle.db, migrations);
    if (applied.length) log(`Applied migrations: ${applied.join(', ')}`);
    if (config.demoData && (await isEmpty(handle.db))) {
      const started = Date.now();
      log('Loading the demonstration region (first start)...');
      const loaded = await loadDemoData(handle.db);
      log(`Loaded ${loaded.people} synthetic people and ${loaded.users} staff in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
      log(`Demo sign-ins (demonstration data only), all with the password "${DEMO_PASSWORD}":`);
      for (const user of DEMO_USERS) log(`  ${user.username.padEnd(12)} ${user.displayName} (${user.role}${user.grade ? `, ${user.grade}` : ''})`);
    }
    return handle;
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/**
 * Work the running service does on its own (started by main.ts; tests start it only to check it): text
 * reminders every few minutes and, on the embedded database, the statistics and vacuuming a server's
 * autovacuum would do. Returns stop.
 */
export function startScheduledWork(config: Config, handle: DatabaseHandle<Database>, log: (line: string) => void): () => Promise<void> {
  const stops = [startReminderScheduler(handle.db, adapterFor(config.notify), config.reminderSweepMinutes, log)];
  if (handle.kind === 'embedded') {
    stops.push(repeatEvery(config.embeddedUpkeepMinutes, 1_000, async () => {
      const done = await keepUp(handle.db);
      const vacuumed = done.filter((t) => t.vacuum).length;
      if (done.length) log(`Database upkeep: analysed ${done.length} tables${vacuumed ? `, ${vacuumed} of them vacuumed too` : ''}`);
    }, (error) => log(`Database upkeep failed and will run again: ${error.message}`)));
  }
  return async () => {
    await Promise.all(stops.map((stop) => stop()));
  };
}

export { loadConfig };
