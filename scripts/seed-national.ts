/**
 * `npm run seed:national -- --people N --active M --seed S [--restart]`: the synthetic national dataset
 * (issue 7), loaded with COPY into the embedded database (DATA_DIR) or a server (DATABASE_URL).
 * Resumable: each chunk of people is loaded in one transaction and recorded in seed_national_chunks;
 * a second run carries on after the last completed chunk. `--restart` deletes what it made first
 * (all people and everything recorded about them: the command only runs on a database of its own).
 * So far: people, issued CRNs, addresses, aliases, teams and staff per PDU, allocations of active cases.
 */
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { migrations } from '../src/migrations/index.ts';
import { embeddedHandle, openDatabase, openEmbedded } from '../src/platform/db/connect.ts';
import { lockDataDir } from '../src/platform/db/lock.ts';
import { migrateToLatest } from '../src/platform/db/migrate.ts';
import {
  CHUNK_SIZE, dealer, generateChunk, planNational, planPduStaff, type NationalPlan, type RegionRef,
} from '../src/scale/national.ts';

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const value = Number(process.argv[at + 1]?.replace(/_/g, ''));
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} takes a whole number`);
  return value;
}
const people = option('people', 2_000_000);
const active = option('active', 240_000);
const seed = option('seed', 1);
const restart = process.argv.includes('--restart');

interface Loader {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  copy(table: string, columns: string[], text: string): Promise<void>;
}

// COPY text format: tab-separated, \N for null, backslash escapes.
const field = (value: unknown): string =>
  value === null || value === undefined ? '\\N' : String(value).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
const lines = (rows: unknown[][]) => rows.map((row) => row.map(field).join('\t')).join('\n') + (rows.length ? '\n' : '');

async function open(): Promise<{ loader: Loader; kind: string; close(): Promise<void> }> {
  const databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) {
    const handle = await openDatabase({ databaseUrl, poolSize: 1 });
    const applied = await migrateToLatest(handle.db, migrations);
    if (applied.length) console.error(`Applied migrations: ${applied.join(', ')}`);
    await handle.close();
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    return {
      kind: 'server',
      loader: {
        query: async (sql, params) => (await client.query(sql, params)).rows,
        copy: async (table, columns, text) => {
          if (!text) return;
          await pipeline(Readable.from([text]), client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`)));
        },
      },
      close: () => client.end(),
    };
  }
  const dataDir = path.resolve(process.env.DATA_DIR || 'data');
  const unlock = lockDataDir(dataDir);
  const pglite = await openEmbedded(dataDir);
  const handle = embeddedHandle(pglite, async () => {
    await pglite.close();
    unlock();
  });
  const applied = await migrateToLatest(handle.db, migrations);
  if (applied.length) console.error(`Applied migrations: ${applied.join(', ')}`);
  return {
    kind: `embedded (${dataDir})`,
    loader: {
      query: async (sql, params) => (await pglite.query(sql, params)).rows as never[],
      copy: async (table, columns, text) => {
        if (!text) return;
        await pglite.query(`COPY ${table} (${columns.join(', ')}) FROM '/dev/blob'`, [], { blob: new Blob([text]) });
      },
    },
    close: () => handle.close(),
  };
}

const STAFF_CHUNK = -1;

async function clear(db: Loader) {
  console.error('Removing the national dataset...');
  await db.query('BEGIN');
  // Every person in the database was made here (a run refuses to start on one holding other people). When
  // nothing else has been recorded about them and the role may, the foreign-key triggers are skipped: row
  // by row checks of some forty referencing tables take minutes for 200,000 people.
  const ours = ['people', 'issued_crns', 'person_aliases', 'person_addresses', 'case_allocations'];
  const referencing = (await db.query<{ table: string }>(
    `SELECT DISTINCT conrelid::regclass::text AS table FROM pg_constraint WHERE contype = 'f' AND confrelid IN ('people'::regclass, 'issued_crns'::regclass)`))
    .map((row) => row.table).filter((table) => !ours.includes(table));
  let untouched = true;
  for (const table of referencing) if ((await db.query(`SELECT 1 FROM ${table} LIMIT 1`)).length) untouched = false;
  const [role] = await db.query<{ rolsuper: boolean }>('SELECT rolsuper FROM pg_roles WHERE rolname = current_user');
  if (untouched && role?.rolsuper) await db.query('SET LOCAL session_replication_role = replica');
  else console.error('Other records refer to these people: deleting row by row, which is slow.');
  for (const table of ['case_allocations', 'person_aliases', 'person_addresses', 'people', 'issued_crns']) await db.query(`DELETE FROM ${table}`);
  await db.query(`DELETE FROM users WHERE username LIKE 'nat.%'`);
  await db.query(`DELETE FROM teams WHERE name LIKE '% national team %'`);
  await db.query('DELETE FROM seed_national_chunks');
  await db.query('DELETE FROM seed_national_params');
  await db.query('COMMIT');
}

async function loadStaff(db: Loader, plan: NationalPlan): Promise<number> {
  let rows = 0;
  await db.query('BEGIN');
  for (const region of plan.regions) {
    for (const pdu of region.pdus) {
      const staff = planPduStaff(pdu, plan.seed);
      const teamIds: number[] = [];
      for (const team of staff.teams) {
        const [row] = await db.query<{ id: number }>('INSERT INTO teams (pdu_id, code, name) VALUES ($1, $2, $3) RETURNING id', [pdu.id, team.code, team.name]);
        teamIds.push(Number(row!.id));
      }
      await db.copy('users', ['username', 'display_name', 'email', 'role_code', 'agency_code', 'region_id', 'team_id', 'grade'],
        lines(staff.staff.map((m) => [m.username, m.displayName, `${m.username}@probation.example`, m.role, 'probation', region.regionId, teamIds[m.team]!, m.grade])));
      rows += staff.teams.length + staff.staff.length;
    }
  }
  await db.query('INSERT INTO seed_national_chunks (chunk, rows) VALUES ($1, $2)', [STAFF_CHUNK, rows]);
  await db.query('COMMIT');
  return rows;
}

async function dealers(db: Loader): Promise<Map<number, ReturnType<typeof dealer>>> {
  const staff = await db.query<{ id: number; grade: string; team_id: number; pdu_id: number }>(
    `SELECT u.id, u.grade, u.team_id, t.pdu_id FROM users u JOIN teams t ON t.id = u.team_id WHERE u.username LIKE 'nat.%' ORDER BY u.username`);
  const byPdu = new Map<number, { id: number; grade: string; team: number }[]>();
  for (const row of staff) {
    const list = byPdu.get(Number(row.pdu_id)) ?? [];
    list.push({ id: Number(row.id), grade: row.grade, team: Number(row.team_id) });
    byPdu.set(Number(row.pdu_id), list);
  }
  return new Map([...byPdu].map(([pduId, list]) => [pduId, dealer(list)]));
}

const PEOPLE_COLUMNS = ['crn', 'first_name', 'middle_names', 'last_name', 'preferred_name', 'date_of_birth', 'sex', 'gender_identity', 'ethnicity',
  'religion', 'sexual_orientation', 'disability', 'pnc', 'cro', 'nomis_number', 'ni_number', 'email', 'phone', 'region_id'];

async function loadChunk(db: Loader, plan: NationalPlan, chunk: number, deal: Map<number, ReturnType<typeof dealer>>): Promise<number> {
  const batch = generateChunk(plan, chunk);
  await db.query('BEGIN');
  await db.copy('issued_crns', ['crn'], lines(batch.map((p) => [p.crn])));
  await db.copy('people', PEOPLE_COLUMNS, lines(batch.map((p) => [p.crn, p.firstName, p.middleNames, p.lastName, p.preferredName, p.dateOfBirth, p.sex,
    p.genderIdentity, p.ethnicity, p.religion, p.sexualOrientation, p.disability, p.pnc, p.cro, p.nomisNumber, p.niNumber, p.email, p.phone, p.regionId])));
  const ids = new Map((await db.query<{ id: number; crn: string }>('SELECT id, crn FROM people WHERE crn = ANY($1::text[])', [batch.map((p) => p.crn)]))
    .map((row) => [row.crn, Number(row.id)]));
  const addresses = batch.flatMap((p) => p.addresses.map((a) => [ids.get(p.crn), a.status, a.line1, a.line2, a.town, a.postcode, a.line1 === 'No fixed abode', a.startDate, a.endDate]));
  await db.copy('person_addresses', ['person_id', 'status', 'line1', 'line2', 'town', 'postcode', 'no_fixed_abode', 'start_date', 'end_date'], lines(addresses));
  const aliases = batch.flatMap((p) => p.aliases.map((a) => [ids.get(p.crn), a.firstName, a.lastName, a.dateOfBirth]));
  await db.copy('person_aliases', ['person_id', 'first_name', 'last_name', 'date_of_birth'], lines(aliases));
  const allocations = batch.filter((p) => p.active).map((p) => {
    const { team, practitionerId } = deal.get(p.pduId!)!(p.pduRank);
    return [ids.get(p.crn), team, practitionerId];
  });
  await db.copy('case_allocations', ['person_id', 'team_id', 'practitioner_id'], lines(allocations));
  const rows = batch.length * 2 + addresses.length + aliases.length + allocations.length;
  await db.query('INSERT INTO seed_national_chunks (chunk, rows) VALUES ($1, $2)', [chunk, rows]);
  await db.query('COMMIT');
  return rows;
}

const clock = (seconds: number) => {
  const s = Math.max(0, Math.round(seconds));
  return `${Math.floor(s / 3600)}:${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
};
const number = (n: number) => Math.round(n).toLocaleString('en-GB');

function progress(done: number, total: number, rows: number, started: number, peopleDone: number) {
  const elapsed = (performance.now() - started) / 1000;
  const fraction = total ? done / total : 1;
  const width = 30;
  const bar = '#'.repeat(Math.round(fraction * width)).padEnd(width, '-');
  const left = done ? (elapsed / done) * (total - done) : 0;
  const line = `[${bar}] ${(fraction * 100).toFixed(1)}% ${number(peopleDone)} people | ${number(rows / elapsed)} rows/s | ${clock(left)} left`;
  process.stderr.write(process.stderr.isTTY ? `\r${line}` : `${line}\n`);
}

async function main() {
  const { loader: db, kind, close } = await open();
  try {
    await db.query('CREATE TABLE IF NOT EXISTS seed_national_params (id integer PRIMARY KEY CHECK (id = 1), seed integer NOT NULL, people integer NOT NULL, active integer NOT NULL)');
    await db.query('CREATE TABLE IF NOT EXISTS seed_national_chunks (chunk integer PRIMARY KEY, rows integer NOT NULL, done_at timestamptz NOT NULL DEFAULT now())');
    if (restart) await clear(db);
    const [params] = await db.query<{ seed: number; people: number; active: number }>('SELECT seed, people, active FROM seed_national_params');
    if (params && (params.seed !== seed || params.people !== people || params.active !== active)) {
      throw new Error(`This database holds a national dataset made with --people ${params.people} --active ${params.active} --seed ${params.seed}: resume with those, or use --restart`);
    }
    if (!params) {
      const [{ n }] = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM people')) as [{ n: number }];
      if (n > 0) throw new Error(`The database already holds ${n} people not made by seed:national: use a fresh database`);
      await db.query('INSERT INTO seed_national_params (id, seed, people, active) VALUES (1, $1, $2, $3)', [seed, people, active]);
    }
    const regions = await db.query<{ id: number; code: string; crn_letter: string }>('SELECT id, code, crn_letter FROM regions ORDER BY code');
    const pdus = await db.query<{ id: number; code: string; region_id: number }>('SELECT id, code, region_id FROM pdus ORDER BY code');
    const refs: RegionRef[] = regions.map((r) => ({ id: r.id, code: r.code, crnLetter: r.crn_letter.trim(), pdus: pdus.filter((p) => p.region_id === r.id).map((p) => ({ id: p.id, code: p.code })) }));
    const plan = planNational(refs, people, active, seed);
    const done = new Set((await db.query<{ chunk: number }>('SELECT chunk FROM seed_national_chunks')).map((row) => row.chunk));
    console.error(`seed:national on the ${kind} database: ${number(people)} people, ${number(active)} active, seed ${seed}; ${plan.chunks} chunks of ${number(CHUNK_SIZE)}, ${done.has(STAFF_CHUNK) ? done.size - 1 : done.size} already loaded`);

    const started = performance.now();
    let rows = 0;
    if (!done.has(STAFF_CHUNK)) rows += await loadStaff(db, plan);
    const deal = await dealers(db);
    const todo = Array.from({ length: plan.chunks }, (_, chunk) => chunk).filter((chunk) => !done.has(chunk));
    let peopleDone = 0;
    for (const [i, chunk] of todo.entries()) {
      rows += await loadChunk(db, plan, chunk, deal);
      peopleDone += Math.min(CHUNK_SIZE, people - chunk * CHUNK_SIZE);
      progress(i + 1, todo.length, rows, started, peopleDone);
    }
    if (process.stderr.isTTY) process.stderr.write('\n');
    const loadSeconds = (performance.now() - started) / 1000;
    await db.query('ANALYZE');
    console.log(JSON.stringify({ database: kind.split(' ')[0], people: peopleDone, rows, seconds: Number(loadSeconds.toFixed(1)), rowsPerSecond: Math.round(rows / loadSeconds), peoplePerSecond: Math.round(peopleDone / loadSeconds) }));
  } finally {
    await close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
