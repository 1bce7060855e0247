/**
 * `npm run bench`: measures a running Throughline service under concurrent load, then recalculates every
 * tier and every workload and times a bulk import; `npm run bench -- --compare` does it all on the
 * embedded database and on a PostgreSQL server, starting the service on each. See docs/performance.md.
 * BENCH_URL (http://localhost:3000), BENCH_USER (jo.po), BENCH_PASSWORD (throughline-demo),
 * BENCH_SECONDS (10), BENCH_CONNECTIONS (50), BENCH_WARMUP_SECONDS (2; 0 for none), BENCH_OUT (bench-results),
 * BENCH_DATABASE_URL / BENCH_DATA_DIR (the database of the tier and workload measures; default DATABASE_URL),
 * BENCH_RECALCULATE (1; 0 to skip), BENCH_IMPORT_PEOPLE (50000), BENCH_IMPORT_ACTIVE (6000), BENCH_IMPORT (1; 0 to skip),
 * and for --compare: BENCH_SERVER_URL, BENCH_COMPARE_DATABASE_URL, BENCH_COMPARE_DATA_DIR, BENCH_COMPARE_PORT (3990).
 */
import path from 'node:path';
import { runCompare } from './compare.ts';
import { openForMeasures } from './database.ts';
import type { ImportOptions } from './import.ts';
import { runBench, type BatchOptions, type Skipped } from './suite.ts';

const env = process.env;
const positive = (name: string, fallback: number) => {
  const value = Number(env[name] ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
};
const off = (name: string) => env[name] === '0';
const log = (line: string) => console.error(line);

/** The bulk import's settings: into a scratch database on this server, or (null) on the embedded database. */
export function importFromEnv(serverUrl: string | null): ImportOptions | Skipped {
  if (off('BENCH_IMPORT')) return { skipped: 'BENCH_IMPORT=0' };
  return { people: Math.round(positive('BENCH_IMPORT_PEOPLE', 50_000)), active: Math.round(positive('BENCH_IMPORT_ACTIVE', 6_000)), serverUrl };
}

try {
  const common = {
    username: env.BENCH_USER || 'jo.po',
    password: env.BENCH_PASSWORD || 'throughline-demo',
    seconds: positive('BENCH_SECONDS', 10),
    connections: Math.round(positive('BENCH_CONNECTIONS', 50)),
    warmupSeconds: env.BENCH_WARMUP_SECONDS === '0' ? 0 : positive('BENCH_WARMUP_SECONDS', 2),
    outDir: path.resolve(env.BENCH_OUT || 'bench-results'),
    log,
  };
  if (process.argv.includes('--compare')) {
    const serverUrl = env.BENCH_SERVER_URL || env.BENCH_COMPARE_DATABASE_URL || env.DATABASE_URL || '';
    if (!serverUrl) throw new Error('--compare needs a PostgreSQL server: set BENCH_SERVER_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres) or BENCH_COMPARE_DATABASE_URL');
    const { markdown, jsonFile, markdownFile } = await runCompare({
      ...common, serverUrl,
      databaseUrl: env.BENCH_COMPARE_DATABASE_URL || null, dataDir: env.BENCH_COMPARE_DATA_DIR ? path.resolve(env.BENCH_COMPARE_DATA_DIR) : null,
      port: Math.round(positive('BENCH_COMPARE_PORT', 3990)), recalculate: !off('BENCH_RECALCULATE'), importFor: importFromEnv,
    });
    console.log(`\n${markdown}`);
    console.log(`Written ${path.relative(process.cwd(), jsonFile)} and ${path.relative(process.cwd(), markdownFile)}.`);
  } else {
    const databaseUrl = env.BENCH_DATABASE_URL || (env.BENCH_DATA_DIR ? '' : env.DATABASE_URL) || '';
    const dataDir = env.BENCH_DATA_DIR || env.DATA_DIR || '';
    const opened = off('BENCH_RECALCULATE') ? { skipped: 'BENCH_RECALCULATE=0' }
      : databaseUrl ? await openForMeasures({ databaseUrl })
        : dataDir ? await openForMeasures({ dataDir: path.resolve(dataDir) })
          : { skipped: 'no database given: set BENCH_DATABASE_URL (or DATABASE_URL) or BENCH_DATA_DIR' };
    const batch: BatchOptions = {
      database: 'handle' in opened ? { db: opened.handle.db, kind: opened.handle.kind } : opened,
      import: importFromEnv(databaseUrl || null),
    };
    try {
      const { markdown, jsonFile, markdownFile } = await runBench({ ...common, url: env.BENCH_URL || 'http://localhost:3000', batch });
      console.log(`\n${markdown}`);
      console.log(`Written ${path.relative(process.cwd(), jsonFile)} and ${path.relative(process.cwd(), markdownFile)}.`);
    } finally {
      if ('handle' in opened) await opened.handle.close();
    }
  }
} catch (error) {
  console.error(`The benchmark could not run: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
