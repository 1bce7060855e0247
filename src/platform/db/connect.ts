import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { lockDataDir } from './lock.ts';

// Dates stay 'YYYY-MM-DD' strings (no time-zone shifts); int8 counts and ids fit a JS number.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

export type DatabaseKind = 'embedded' | 'server';

export interface DatabaseHandle<DB> {
  db: Kysely<DB>;
  kind: DatabaseKind;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres://... to use a server; otherwise the embedded database. */
  databaseUrl?: string | undefined;
  /** Folder of the embedded database, or 'memory://' for a throwaway one (tests). */
  dataDir?: string;
  poolSize?: number;
}

// PGlite starts Postgres with -F (fsync off). Dropping it keeps Postgres's own durability rules;
// with synchronous_commit on (the default) a commit is written through to the OS before it is
// acknowledged, so a killed process loses nothing (see docs/architecture.md on durability).
const embeddedStartParams = PGlite.defaultStartParams.filter((param) => param !== '-F');

export async function openEmbedded(dataDir: string): Promise<PGlite> {
  const pglite = new PGlite(dataDir, { extensions: { pg_trgm }, startParams: embeddedStartParams });
  await pglite.waitReady;
  return pglite;
}

export async function openDatabase<DB>(options: DatabaseOptions): Promise<DatabaseHandle<DB>> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    pool.on('error', () => undefined); // an idle client's error must not crash the process
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: 'server', close: () => db.destroy() };
  }
  const dataDir = options.dataDir ?? 'data';
  const inMemory = dataDir.startsWith('memory://');
  const unlock = inMemory ? () => undefined : lockDataDir(dataDir);
  try {
    const pglite = await openEmbedded(dataDir);
    return embeddedHandle<DB>(pglite, async () => {
      await pglite.close();
      unlock();
    });
  } catch (error) {
    unlock();
    throw error;
  }
}

/** Wraps an open PGlite (e.g. a clone prepared by tests) in Kysely through the node-postgres adapter. */
export function embeddedHandle<DB>(pglite: PGlite, close: () => Promise<void>): DatabaseHandle<DB> {
  const pool = new pg.Pool(createPgConfig(pglite) as unknown as pg.PoolConfig);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    kind: 'embedded',
    close: async () => {
      await db.destroy();
      await close();
    },
  };
}
