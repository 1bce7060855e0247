import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { loadConfig } from '../config.ts';
import { openDatabase, type DatabaseHandle } from './connect.ts';
import { keepUp, upkeepDue, type TableActivity } from './upkeep.ts';

const table = (activity: Partial<TableActivity>): TableActivity =>
  ({ table: 't', rows: 10_000, modifiedSinceAnalyze: 0, deadRows: 0, insertedSinceVacuum: 0, ...activity });

describe('what autovacuum would do, worked out for the embedded database', () => {
  it('analyses a table never analysed, whatever its counters say', () => {
    assert.deepEqual(upkeepDue([table({ rows: -1 })]), [{ table: 't', vacuum: false, analyze: true }]);
  });

  it('analyses past 50 rows and a tenth of the table changed, not before', () => {
    assert.deepEqual(upkeepDue([table({ modifiedSinceAnalyze: 1_050 })]), []);
    assert.deepEqual(upkeepDue([table({ modifiedSinceAnalyze: 1_051 })]), [{ table: 't', vacuum: false, analyze: true }]);
    assert.deepEqual(upkeepDue([table({ rows: 0, modifiedSinceAnalyze: 51 })]), [{ table: 't', vacuum: false, analyze: true }]);
  });

  it('vacuums past a fifth of the table dead, or inserted since the last vacuum', () => {
    assert.deepEqual(upkeepDue([table({ deadRows: 2_050 }), table({ table: 'u', insertedSinceVacuum: 3_000 })]), []);
    assert.deepEqual(upkeepDue([table({ deadRows: 2_051 }), table({ table: 'u', insertedSinceVacuum: 3_001 })]),
      [{ table: 't', vacuum: true, analyze: false }, { table: 'u', vacuum: true, analyze: false }]);
  });

  it('runs every minute unless told otherwise, and never when told 0', () => {
    assert.equal(loadConfig({}).embeddedUpkeepMinutes, 1);
    assert.equal(loadConfig({ EMBEDDED_UPKEEP_MINUTES: '0' }).embeddedUpkeepMinutes, 0);
    assert.throws(() => loadConfig({ EMBEDDED_UPKEEP_MINUTES: 'often' }), /EMBEDDED_UPKEEP_MINUTES must be a whole number/);
  });
});

describe('upkeep of a real embedded database', () => {
  let handle: DatabaseHandle<any>;
  before(async () => {
    handle = await openDatabase({ dataDir: 'memory://' });
  });
  after(() => handle.close());

  const stats = async () => (await sql<{ rows: number; inserted: string | null }>`SELECT c.reltuples::float8 AS rows, s.n_ins_since_vacuum AS inserted
    FROM pg_class c LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid WHERE c.relname = 'visits'`.execute(handle.db)).rows[0]!;

  it('analyses and vacuums a new table the planner knew nothing of, then leaves it until it changes again', async () => {
    await sql`CREATE TABLE visits (id int PRIMARY KEY, note text)`.execute(handle.db);
    await sql`INSERT INTO visits SELECT n, 'seen' FROM generate_series(1, 5000) n`.execute(handle.db);
    // Postgres counts a statement's rows once its session is idle again: wait until the counters show them.
    for (let i = 0; i < 50 && Number((await stats()).inserted ?? 0) < 5000; i++) await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal((await stats()).rows, -1);

    const done = await keepUp(handle.db);
    assert.deepEqual(done.find((t) => t.table === 'visits'), { table: 'visits', vacuum: true, analyze: true });
    assert.equal((await stats()).rows, 5000);
    assert.equal((await keepUp(handle.db)).find((t) => t.table === 'visits'), undefined);
  });
});
