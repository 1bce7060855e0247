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

/**
 * SQL texts sent as named (server-side prepared) statements, by name. Postgres plans an unnamed statement
 * on every execution: for a case page's joined queries planning cost several times their execution
 * (docs/performance.md), and on PGlite, where planning runs in WebAssembly in the service's own thread,
 * more still. Queries made with platform/db/prepared.ts are registered here; each pooled connection (the
 * embedded database has one) prepares one the first time it runs it, and Postgres keeps its plan.
 */
const statementNames = new Map<string, string>();
export function nameStatement(text: string): void {
  if (!statementNames.has(text)) statementNames.set(text, `tl_${statementNames.size + 1}`);
}

const NAMING = Symbol('naming statements');
type NamingClient = pg.PoolClient & { [NAMING]?: true };

/** A pool whose connections send registered SQL as named statements and anything else as before. */
function namingStatements(pool: pg.Pool): pg.Pool {
  const connect = pool.connect.bind(pool) as () => Promise<NamingClient>;
  (pool as unknown as { connect: () => Promise<pg.PoolClient> }).connect = async () => {
    const client = await connect();
    if (!client[NAMING]) {
      const query = client.query.bind(client) as (...args: unknown[]) => unknown;
      (client as unknown as { query: (...args: unknown[]) => unknown }).query = (text: unknown, ...rest: unknown[]) => {
        const name = typeof text === 'string' ? statementNames.get(text) : undefined;
        return name ? query({ name, text, values: rest[0] }) : query(text, ...rest);
      };
      client[NAMING] = true;
    }
    return client;
  };
  return pool;
}

export async function openDatabase<DB>(options: DatabaseOptions): Promise<DatabaseHandle<DB>> {
  if (options.databaseUrl) {
    const pool = namingStatements(new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 }));
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
  const pool = namingStatements(new pg.Pool(createPgConfig(pglite) as unknown as pg.PoolConfig));
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
