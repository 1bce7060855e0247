import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Database } from '../../src/database.ts';
import { loadDemoData } from '../../src/demo/load.ts';
import { migrations } from '../../src/migrations/index.ts';
import { openDatabase, type DatabaseHandle } from '../../src/platform/db/connect.ts';
import { migrateToLatest } from '../../src/platform/db/migrate.ts';

export const DEFAULT_SERVER_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/** Which database the integration tests run on: the embedded one (default) or a server (TEST_DATABASE=server). */
export const testDatabaseKind = (): 'embedded' | 'server' => (process.env.TEST_DATABASE === 'server' ? 'server' : 'embedded');

export interface TestDatabase extends DatabaseHandle<Database> { name: string }

/**
 * A fresh, migrated database with the demonstration data (fewer people, for speed). On a server it is a
 * database of its own, created here and dropped on close; embedded, an in-memory PGlite.
 */
export async function createTestDatabase(options: { people?: number; demo?: boolean } = {}): Promise<TestDatabase> {
  let handle: DatabaseHandle<Database>;
  let name = 'memory';
  let drop = async () => undefined as void;
  if (testDatabaseKind() === 'server') {
    const adminUrl = process.env.TEST_DATABASE_URL || DEFAULT_SERVER_URL;
    name = `throughline_test_${process.pid}_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    handle = await openDatabase<Database>({ databaseUrl: url.toString(), poolSize: 5 });
    drop = async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    };
  } else {
    handle = await openDatabase<Database>({ dataDir: 'memory://' });
  }
  await migrateToLatest(handle.db, migrations);
  if (options.demo !== false) await loadDemoData(handle.db, { people: options.people ?? 300 });
  return {
    ...handle,
    name,
    close: async () => {
      await handle.close();
      await drop();
    },
  };
}
