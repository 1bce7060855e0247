import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import pg from 'pg';
import { recalculateTiers } from '../assessment/tier/recalculate.ts';
import { verifyPassword } from '../auth/passwords.ts';
import type { Database } from '../database.ts';
import { embeddedHandle, openDatabase, openEmbedded, type DatabaseHandle } from '../platform/db/connect.ts';

const SERVER = process.env.TEST_DATABASE === 'server';
const ADMIN_URL = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const ARGS = ['--people', '2500', '--active', '300', '--seed', '3', '--password', 'national-test'];

/** The real command, as a child process, on a database of its own. */
function seed(env: NodeJS.ProcessEnv, extra: string[] = []): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/seed-national.ts', ...ARGS, ...extra], { env: { ...process.env, ...env }, cwd: path.resolve(import.meta.dirname, '../..') });
    let stdout = '', stderr = '';
    child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function admin(statement: string) {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try { await client.query(statement); } finally { await client.end(); }
}

describe(`seed:national on the ${SERVER ? 'server' : 'embedded'} database (tiny size)`, () => {
  const name = `h_seed_national_test_${process.pid}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'throughline-seed-national-'));
  const url = Object.assign(new URL(ADMIN_URL), { pathname: `/${name}` }).toString();
  const env = SERVER ? { DATABASE_URL: url } : { DATABASE_URL: '', DATA_DIR: dataDir };
  let summary: { rows: number };

  const withDb = async <T>(work: (db: DatabaseHandle<Database>['db']) => Promise<T>): Promise<T> => {
    let handle: DatabaseHandle<Database>;
    if (SERVER) handle = await openDatabase<Database>({ databaseUrl: url, poolSize: 2 });
    else {
      const pglite = await openEmbedded(dataDir);
      handle = embeddedHandle<Database>(pglite, () => pglite.close());
    }
    try { return await work(handle.db); } finally { await handle.close(); }
  };
  const counts = () => withDb(async (db) => Object.fromEntries(await Promise.all(
    ['people', 'case_allocations', 'events', 'sentences', 'requirements', 'rosh_assessments', 'registrations', 'needs_assessments', 'criminal_histories',
      'predictor_scores', 'tier_calculations', 'case_access_rules', 'case_access_users', 'contacts'].map(async (table) =>
      [table, Number((await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(db)).rows[0]!.n)] as const))));

  before(async () => {
    if (SERVER) await admin(`CREATE DATABASE ${name}`);
    const run = await seed(env);
    assert.equal(run.code, 0, run.stderr);
    summary = JSON.parse(run.stdout.trim().split('\n').pop()!);
  });
  after(async () => {
    if (SERVER) await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('loads every table, counting every row, and rebuilds the indexes it deferred', async () => {
    const n = await counts();
    assert.equal(n.people, 2500);
    assert.equal(n.case_allocations, 300);
    assert.ok(n.events! > 300 && n.sentences === n.events && n.requirements! > 0 && n.rosh_assessments! > 0 && n.contacts! > 2500, JSON.stringify(n));
    // Active cases' flags, needs assessments, criminal histories and predictor scores (three predictors each, where the record allows).
    assert.ok(n.registrations! > 100 && n.needs_assessments! > 150 && n.criminal_histories! > 200 && n.predictor_scores! > 500, JSON.stringify(n));
    const staff = await withDb(async (db) => Number((await sql<{ n: string }>`SELECT count(*) AS n FROM users WHERE username LIKE 'nat.%'`.execute(db)).rows[0]!.n));
    const teams = await withDb(async (db) => Number((await sql<{ n: string }>`SELECT count(*) AS n FROM teams WHERE name LIKE '% national team %'`.execute(db)).rows[0]!.n));
    const addresses = await withDb(async (db) => Number((await sql<{ n: string }>`SELECT (SELECT count(*) FROM person_addresses) + (SELECT count(*) FROM person_aliases) + (SELECT count(*) FROM issued_crns) + (SELECT count(*) FROM event_offences) + (SELECT count(*) FROM licence_conditions) AS n`.execute(db)).rows[0]!.n));
    assert.equal(summary.rows, Object.values(n).reduce((a, b) => a + b, 0) + staff + teams + addresses);
    const indexes = await withDb(async (db) => (await sql<{ indexname: string }>`SELECT indexname FROM pg_indexes WHERE tablename = 'contacts'`.execute(db)).rows.map((r) => r.indexname));
    for (const index of ['contacts_person', 'contacts_diary', 'contacts_chain']) assert.ok(indexes.includes(index), index);
  });

  it('gives valid records the service reads: current contacts, references, one tier per active case matching the rules', async () => {
    await withDb(async (db) => {
      const [check] = (await sql<Record<string, string>>`SELECT
        (SELECT count(*) FROM current_contacts) AS current, (SELECT count(*) FROM contacts) AS contacts,
        (SELECT count(*) FROM contacts WHERE contact_id <> id) AS chains,
        (SELECT count(*) FROM contacts c WHERE NOT EXISTS (SELECT 1 FROM people p WHERE p.id = c.person_id)) AS orphans,
        (SELECT count(*) FROM contacts c WHERE c.requirement_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM requirements r WHERE r.id = c.requirement_id AND r.person_id = c.person_id)) AS requirement_mismatch,
        (SELECT count(*) FROM contacts c WHERE c.practitioner_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM users u WHERE u.id = c.practitioner_id)) AS no_practitioner,
        (SELECT count(*) FROM sentences s WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.id = s.event_id AND e.person_id = s.person_id)) AS sentence_mismatch,
        (SELECT count(*) FROM case_allocations a WHERE (SELECT count(*) FROM tier_calculations t WHERE t.person_id = a.person_id) <> 1) AS tiers_not_one,
        (SELECT count(*) FROM case_allocations a WHERE NOT EXISTS (SELECT 1 FROM sentences s WHERE s.person_id = a.person_id AND s.status = 'active')) AS no_active_sentence,
        (SELECT count(*) FROM sentences s WHERE s.status = 'active' AND NOT EXISTS (SELECT 1 FROM case_allocations a WHERE a.person_id = s.person_id)) AS active_not_allocated,
        (SELECT count(*) FROM users WHERE username LIKE 'nat.%' AND password_hash IS NULL) AS no_password,
        (SELECT count(*) FROM (SELECT lower(last_name) FROM people UNION SELECT lower(last_name) FROM person_aliases
          EXCEPT SELECT name FROM surnames) missing) AS surnames_missing,
        (SELECT count(*) FROM person_aliases a JOIN people p ON p.id = a.person_id WHERE a.region_id <> p.region_id) AS alias_region_wrong,
        (SELECT count(*) FROM case_access_rules r WHERE r.kind = 'restriction' AND NOT EXISTS (SELECT 1 FROM case_access_users u JOIN case_allocations a
          ON a.person_id = u.person_id AND a.practitioner_id = u.user_id WHERE u.person_id = r.person_id AND u.kind = r.kind)) AS restricted_from_holder,
        (SELECT count(*) FROM case_access_users u JOIN case_allocations a ON a.person_id = u.person_id AND a.practitioner_id = u.user_id
          WHERE u.kind = 'exclusion') AS holder_excluded`.execute(db)).rows;
      assert.equal(check!.current, check!.contacts);
      for (const key of ['chains', 'orphans', 'requirement_mismatch', 'no_practitioner', 'sentence_mismatch', 'tiers_not_one', 'no_active_sentence', 'active_not_allocated', 'no_password', 'surnames_missing', 'alias_region_wrong',
        'restricted_from_holder', 'holder_excluded']) {
        assert.equal(Number(check![key]), 0, key);
      }
      const hash = (await sql<{ h: string }>`SELECT password_hash AS h FROM users WHERE username LIKE 'nat.%' LIMIT 1`.execute(db)).rows[0]!.h;
      assert.ok(await verifyPassword(hash, 'national-test'));
      // The stored scores and tier are the ones the service calculates from the record: recalculating changes nothing.
      const ids = (await db.selectFrom('case_allocations').select('person_id').execute()).map((r) => r.person_id);
      const scores = async () => Number((await sql<{ n: string }>`SELECT count(*) AS n FROM predictor_scores`.execute(db)).rows[0]!.n);
      const scored = await scores();
      const result = await db.transaction().execute((trx) => recalculateTiers(trx, ids, 'Test', null, { notify: false }));
      assert.deepEqual(result, { calculated: 0, changed: 0 });
      assert.equal(await scores(), scored);
    });
  });

  it('resumes with nothing left to do, and restarts to the same dataset', async () => {
    const before = await counts();
    const resumed = await seed(env);
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.deepEqual(await counts(), before);
    const restarted = await seed(env, ['--restart']);
    assert.equal(restarted.code, 0, restarted.stderr);
    assert.deepEqual(await counts(), before);
  });
});
