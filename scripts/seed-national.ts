/**
 * `npm run seed:national -- --people N --active M --seed S [--today YYYY-MM-DD] [--password P] [--restart]`:
 * the synthetic national dataset (issue 7), loaded with COPY into the embedded database (DATA_DIR) or a
 * server (DATABASE_URL). Resumable: each chunk of people is loaded in one transaction and recorded in
 * seed_national_chunks; a second run carries on after the last completed chunk. `--restart` deletes what
 * it made first (all people and everything recorded about them: the command only runs on a database of
 * its own). People, issued CRNs, addresses, aliases, teams and staff per PDU, allocations, events,
 * sentences, requirements and licence conditions, RoSH assessments, tiers and contacts. `--password`
 * gives every national staff member (nat.*) that password, so the dataset can be signed into.
 * While one piece of a chunk is copied the next is generated, so the database and the generator work at once.
 */
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { hashPassword } from '../src/auth/passwords.ts';
import { migrations } from '../src/migrations/index.ts';
import { embeddedHandle, openDatabase, openEmbedded } from '../src/platform/db/connect.ts';
import { lockDataDir } from '../src/platform/db/lock.ts';
import { migrateToLatest } from '../src/platform/db/migrate.ts';
import { chunkPieces, copyLine, SEQUENCED, type BuiltChunk, type ChunkContext, type NextIds } from '../src/scale/chunk.ts';
import type { ContactTypeRef } from '../src/scale/contacts.ts';
import type { OffenceRef, RegistrationTypeRef, RequirementTypeRef } from '../src/scale/history.ts';
import { CHUNK_SIZE, dealer, planNational, planPduStaff, type NationalPlan, type RegionRef } from '../src/scale/national.ts';

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
function textOption(name: string): string | null {
  const at = process.argv.indexOf(`--${name}`);
  return at < 0 ? null : process.argv[at + 1] ?? '';
}
const password = textOption('password');
if (password !== null && password.length < 8) throw new Error('--password takes a password of at least 8 characters');
const todayOption = textOption('today');
if (todayOption !== null && !/^\d{4}-\d{2}-\d{2}$/.test(todayOption)) throw new Error('--today takes a date as YYYY-MM-DD');

interface Loader {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  copy(table: string, columns: readonly string[], text: Buffer | string): Promise<void>;
  /**
   * A second connection to the same database: only a server's, which works in processes of its own, so
   * generating while it copies gains too. The embedded database has one connection, in this thread.
   */
  another?(): Promise<{ loader: Loader; close(): Promise<void> }>;
}

const lines = (rows: unknown[][]) => rows.map(copyLine).join('');

/** One connection to the server, loading. */
async function serverLoader(databaseUrl: string): Promise<{ loader: Loader; close(): Promise<void> }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  // A chunk and its record in seed_national_chunks commit together, so a commit lost in a crash is redone on resume.
  await client.query('SET synchronous_commit = off');
  return {
    loader: {
      query: async (sql, params) => (await client.query(sql, params)).rows,
      copy: async (table, columns, text) => {
        if (!text.length) return;
        await pipeline(Readable.from([text]), client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`)));
      },
    },
    close: () => client.end(),
  };
}

async function open(): Promise<{ loader: Loader; kind: string; close(): Promise<void> }> {
  const databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) {
    const handle = await openDatabase({ databaseUrl, poolSize: 1 });
    const applied = await migrateToLatest(handle.db, migrations);
    if (applied.length) console.error(`Applied migrations: ${applied.join(', ')}`);
    await handle.close();
    const server = await serverLoader(databaseUrl);
    return { kind: 'server', loader: { ...server.loader, another: () => serverLoader(databaseUrl) }, close: server.close };
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
        if (!text.length) return;
        await pglite.query(`COPY ${table} (${columns.join(', ')}) FROM '/dev/blob'`, [], { blob: new Blob([text as Uint8Array<ArrayBuffer> | string]) });
      },
    },
    close: () => handle.close(),
  };
}

const STAFF_CHUNK = -1;
/**
 * People in a piece, on a server: small enough that the first is copied soon after the start, large enough
 * that COPY's own cost stays small. The embedded database runs in this thread, so it takes a chunk whole.
 */
const PIECE_PEOPLE = 2_000;

/** Everything a chunk loads, children first (the order rows are removed in). */
const CHUNK_TABLES = ['contacts', 'tier_calculations', 'predictor_scores', 'criminal_histories', 'needs_assessments', 'registrations', 'rosh_assessments', 'licence_conditions', 'requirements', 'sentences', 'event_offences', 'events',
  'case_access_users', 'case_access_rules', 'case_allocations', 'person_aliases', 'person_addresses', 'people', 'issued_crns'];

async function superuser(db: Loader): Promise<boolean> {
  const [role] = await db.query<{ rolsuper: boolean }>('SELECT rolsuper FROM pg_roles WHERE rolname = current_user');
  return !!role?.rolsuper;
}

async function clear(db: Loader) {
  console.error('Removing the national dataset...');
  await db.query('BEGIN');
  // Every person in the database was made here (a run refuses to start on one holding other people). When
  // nothing else has been recorded about them and the role may, triggers are skipped (session_replication_role,
  // as test/support/cases.ts does): row by row foreign-key checks of some forty referencing tables take minutes,
  // and contacts are append-only, refusing DELETE by trigger.
  const referencing = (await db.query<{ table: string }>(
    `SELECT DISTINCT conrelid::regclass::text AS table FROM pg_constraint WHERE contype = 'f' AND confrelid IN ('people'::regclass, 'issued_crns'::regclass)`))
    .map((row) => row.table).filter((table) => !CHUNK_TABLES.includes(table));
  let untouched = true;
  for (const table of referencing) if ((await db.query(`SELECT 1 FROM ${table} LIMIT 1`)).length) untouched = false;
  if (!untouched || !(await superuser(db))) {
    throw new Error('Other records refer to these people, or this role is not a superuser: remove the database instead of restarting in it');
  }
  await db.query('SET LOCAL session_replication_role = replica');
  for (const table of CHUNK_TABLES) await db.query(`DELETE FROM ${table}`);
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

/** The dealer of each PDU's cases, and each region's practitioners (who held the cases now closed). */
async function staffing(db: Loader): Promise<Pick<ChunkContext, 'deal' | 'regionStaff'>> {
  const staff = await db.query<{ id: number; grade: string; team_id: number; pdu_id: number; region_id: number }>(
    `SELECT u.id, u.grade, u.team_id, t.pdu_id, u.region_id FROM users u JOIN teams t ON t.id = u.team_id WHERE u.username LIKE 'nat.%' ORDER BY u.username`);
  const byPdu = new Map<number, { id: number; grade: string; team: number }[]>();
  const regionStaff = new Map<number, number[]>();
  for (const row of staff) {
    const list = byPdu.get(Number(row.pdu_id)) ?? [];
    list.push({ id: Number(row.id), grade: row.grade, team: Number(row.team_id) });
    byPdu.set(Number(row.pdu_id), list);
    if (row.grade !== 'SPO') regionStaff.set(Number(row.region_id), [...(regionStaff.get(Number(row.region_id)) ?? []), Number(row.id)]);
  }
  return { deal: new Map([...byPdu].map(([pduId, list]) => [pduId, dealer(list)])), regionStaff };
}

/** The id each sequenced table gives next: the loader is the only writer while it runs. */
async function nextIds(db: Loader): Promise<NextIds> {
  const next = {} as NextIds;
  for (const table of SEQUENCED) {
    const [row] = await db.query<{ last_value: string; is_called: boolean }>(`SELECT last_value, is_called FROM ${await sequenceOf(db, table)}`);
    next[table] = Number(row!.last_value) + (row!.is_called ? 1 : 0);
  }
  return next;
}
const sequences = new Map<string, string>();
async function sequenceOf(db: Loader, table: string): Promise<string> {
  if (!sequences.has(table)) sequences.set(table, (await db.query<{ s: string }>('SELECT pg_get_serial_sequence($1, $2) AS s', [table, 'id']))[0]!.s);
  return sequences.get(table)!;
}

// The triggers that keep the search's surname list (migration 0026) and each alias's region (0028): the loader
// adds each chunk's surnames and writes each alias's region itself, so these tables can skip triggers too.
const SURNAME_TRIGGERS = ['people_surnames_insert', 'person_aliases_surnames_insert', 'person_aliases_region'];

/**
 * Foreign keys are checked by row triggers, which COPY fires for every row: tens of millions of lookups. The
 * generator makes every reference valid by construction (and the tests check them), so a superuser's load
 * skips triggers (session_replication_role = replica) for each of its tables that has no insert trigger of
 * its own but contacts' version trigger (whose contact_id the generator supplies) and the surname list's
 * (which loadChunk keeps). A table with another is loaded with every trigger. Returns the tables to skip for.
 */
async function tablesSkippingTriggers(db: Loader): Promise<Set<string>> {
  if (!(await superuser(db))) return new Set();
  const triggered = new Set((await db.query<{ table: string }>(
    `SELECT DISTINCT tgrelid::regclass::text AS table FROM pg_trigger WHERE NOT tgisinternal AND tgrelid = ANY($1::regclass[])
       AND tgname <> ALL($2::text[]) AND (tgtype & 4) <> 0`,
    [CHUNK_TABLES, ['contacts_version', ...SURNAME_TRIGGERS]])).map((row) => row.table));
  return new Set(CHUNK_TABLES.filter((table) => !triggered.has(table)));
}

/**
 * Secondary indexes are built once after the load rather than row by row during it (several times faster at
 * tens of millions of rows). Their definitions are kept in seed_national_indexes before they are dropped, in
 * the same transaction, so a run that stops half way leaves them recorded and the next run (resumed or
 * restarted) builds them. Unique indexes stay: they guard the data.
 */
async function deferIndexes(db: Loader): Promise<void> {
  await db.query('BEGIN');
  await db.query('CREATE TABLE IF NOT EXISTS seed_national_indexes (name text PRIMARY KEY, definition text NOT NULL)');
  const indexes = await db.query<{ name: string; definition: string }>(
    `SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS definition FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
     WHERE i.indrelid = ANY($1::regclass[]) AND NOT i.indisunique AND NOT i.indisprimary
       AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)`, [CHUNK_TABLES]);
  for (const index of indexes) {
    await db.query('INSERT INTO seed_national_indexes (name, definition) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [index.name, index.definition]);
    await db.query(`DROP INDEX ${index.name}`);
  }
  await db.query('COMMIT');
}

/**
 * Builds the deferred indexes. On a server, on two connections at once: after the load the generator's
 * core is idle, and most indexes are too small for PostgreSQL's own parallel build. The largest tables'
 * indexes go first, so the two finish close together.
 */
async function buildIndexes(db: Loader): Promise<void> {
  await db.query('CREATE TABLE IF NOT EXISTS seed_national_indexes (name text PRIMARY KEY, definition text NOT NULL)');
  const indexes = await db.query<{ name: string; definition: string }>(
    `SELECT s.name, s.definition FROM seed_national_indexes s
       LEFT JOIN pg_class t ON t.oid = to_regclass(substring(s.definition from ' ON (?:ONLY )?(\\S+) USING'))
     ORDER BY coalesce(pg_relation_size(t.oid), 0) DESC, s.name`);
  if (!indexes.length) return;
  const second = db.another && indexes.length > 1 ? await db.another() : null;
  let built = 0;
  const work = async (loader: Loader) => {
    await loader.query(`SET maintenance_work_mem = '512MB'`);
    for (let index = indexes.shift(); index; index = indexes.shift()) {
      await loader.query(index.definition.replace(/^CREATE INDEX /, 'CREATE INDEX IF NOT EXISTS '));
      await loader.query('DELETE FROM seed_national_indexes WHERE name = $1', [index.name]);
      process.stderr.write(`Built index ${++built}: ${index.name}${process.stderr.isTTY ? '          \r' : '\n'}`);
    }
    await loader.query('RESET maintenance_work_mem');
  };
  try {
    await Promise.all([work(db), ...(second ? [work(second.loader)] : [])]);
  } finally {
    await second?.close();
  }
  if (process.stderr.isTTY) process.stderr.write('\n');
}

const GROUPS: Record<string, string> = {
  issued_crns: 'people', people: 'people', person_addresses: 'people', person_aliases: 'people', case_allocations: 'people',
  case_access_rules: 'people', case_access_users: 'people',
  events: 'sentencing', event_offences: 'sentencing', sentences: 'sentencing', requirements: 'sentencing', licence_conditions: 'sentencing',
  rosh_assessments: 'assessments', registrations: 'assessments', needs_assessments: 'assessments', criminal_histories: 'assessments',
  predictor_scores: 'assessments', tier_calculations: 'assessments', contacts: 'contacts',
};
const groups = new Map<string, { rows: number; seconds: number }>();

/** Copies one piece of a chunk, in the chunk's transaction. */
async function loadPiece(db: Loader, piece: BuiltChunk, skipping: ReadonlySet<string>): Promise<void> {
  let role = 'origin';
  for (const copy of piece.copies) {
    const wanted = skipping.has(copy.table) ? 'replica' : 'origin';
    if (wanted !== role) await db.query(`SET LOCAL session_replication_role = ${(role = wanted)}`);
    const started = performance.now();
    await db.copy(copy.table, copy.columns, copy.text);
    const group = groups.get(GROUPS[copy.table]!) ?? { rows: 0, seconds: 0 };
    groups.set(GROUPS[copy.table]!, { rows: group.rows + copy.rows, seconds: group.seconds + (performance.now() - started) / 1000 });
  }
  if (role !== 'origin') await db.query('SET LOCAL session_replication_role = origin');
  // What the skipped surname triggers would have added (the same statement; harmless where they ran).
  await db.query('INSERT INTO surnames (name) SELECT DISTINCT lower(n) FROM unnest($1::text[]) AS n ON CONFLICT DO NOTHING', [piece.surnames]);
}

/** Ends a chunk's transaction, recording the chunk, once its last piece is copied; `next` is where that piece's ids end. */
async function commitChunk(db: Loader, chunk: number, rows: number, next: NextIds): Promise<void> {
  // The ids the chunk assumed are the ones the sequences gave out only if nothing else took one meanwhile.
  const given = await nextIds(db);
  const wrong = SEQUENCED.filter((table) => given[table] !== next[table]);
  if (wrong.length) {
    await db.query('ROLLBACK');
    throw new Error(`Something else inserted into ${wrong.join(', ')} during the load: chunk ${chunk} was rolled back; run the command again to resume`);
  }
  await db.query('INSERT INTO seed_national_chunks (chunk, rows) VALUES ($1, $2)', [chunk, rows]);
  await db.query('COMMIT');
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
    // The dataset's reference date: kept, so a resumed run generates the rest for the same day.
    await db.query('ALTER TABLE seed_national_params ADD COLUMN IF NOT EXISTS today date');
    await db.query('CREATE TABLE IF NOT EXISTS seed_national_chunks (chunk integer PRIMARY KEY, rows integer NOT NULL, done_at timestamptz NOT NULL DEFAULT now())');
    if (restart) await clear(db);
    const [params] = await db.query<{ seed: number; people: number; active: number; today: string | null }>(`SELECT seed, people, active, to_char(today, 'YYYY-MM-DD') AS today FROM seed_national_params`);
    if (params && (params.seed !== seed || params.people !== people || params.active !== active || (todayOption && todayOption !== params.today))) {
      throw new Error(`This database holds a national dataset made with --people ${params.people} --active ${params.active} --seed ${params.seed} --today ${params.today}: resume with those, or use --restart`);
    }
    if (params && !params.today) throw new Error('This database holds a national dataset made before events, assessments and contacts were generated: use --restart');
    const today = params?.today ?? todayOption ?? new Date().toISOString().slice(0, 10);
    if (!params) {
      const [{ n }] = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM people')) as [{ n: number }];
      if (n > 0) throw new Error(`The database already holds ${n} people not made by seed:national: use a fresh database`);
      await db.query('INSERT INTO seed_national_params (id, seed, people, active, today) VALUES (1, $1, $2, $3, $4)', [seed, people, active, today]);
    }
    const regions = await db.query<{ id: number; code: string; crn_letter: string }>('SELECT id, code, crn_letter FROM regions ORDER BY code');
    const pdus = await db.query<{ id: number; code: string; region_id: number }>('SELECT id, code, region_id FROM pdus ORDER BY code');
    const refs: RegionRef[] = regions.map((r) => ({ id: r.id, code: r.code, crnLetter: r.crn_letter.trim(), pdus: pdus.filter((p) => p.region_id === r.id).map((p) => ({ id: p.id, code: p.code })) }));
    const plan = planNational(refs, people, active, seed);
    const done = new Set((await db.query<{ chunk: number }>('SELECT chunk FROM seed_national_chunks')).map((row) => row.chunk));
    console.error(`seed:national on the ${kind} database: ${number(people)} people, ${number(active)} active, seed ${seed}, today ${today}; ${plan.chunks} chunks of ${number(CHUNK_SIZE)}, ${done.has(STAFF_CHUNK) ? done.size - 1 : done.size} already loaded`);

    const started = performance.now();
    let rows = 0;
    if (!done.has(STAFF_CHUNK)) rows += await loadStaff(db, plan);
    if (password !== null) {
      // One hash for them all: an argon2id hash per user would take minutes.
      await db.query(`UPDATE users SET password_hash = $1 WHERE username LIKE 'nat.%'`, [await hashPassword(password)]);
    }
    const ctx: ChunkContext = {
      plan, today, ...(await staffing(db)),
      requirementTypes: new Map((await db.query<RequirementTypeRef>('SELECT code, name, unit, complete_within_months, restrictive FROM requirement_types')).map((r) => [r.code, r])),
      contactTypes: new Map((await db.query<ContactTypeRef>('SELECT code, counts_for_compliance, direct_engagement, default_minutes FROM contact_types')).map((t) => [t.code, t])),
      offences: new Map((await db.query<OffenceRef>('SELECT code, description, ogrs3_category, violent FROM offences')).map((o) => [o.code, o])),
      registrationTypes: new Map((await db.query<RegistrationTypeRef>('SELECT code, name, review_months, complexity_factor FROM registration_types')).map((t) => [t.code, t])),
    };
    const skipping = await tablesSkippingTriggers(db);
    const todo = Array.from({ length: plan.chunks }, (_, chunk) => chunk).filter((chunk) => !done.has(chunk));
    if (todo.length) await deferIndexes(db);
    let peopleDone = 0;
    // Each chunk is loaded in one transaction, piece by piece, and the next piece is generated while one is
    // copied (the generator yields to the event loop as it goes), so the database and the generator work at once.
    const pieces = (async function* () {
      let next = await nextIds(db);
      for (const chunk of todo) {
        for await (const piece of chunkPieces(ctx, chunk, next, db.another ? PIECE_PEOPLE : Infinity)) {
          if (piece.last) next = piece.next;
          yield { chunk, piece };
        }
      }
    })();
    const ask = () => {
      const piece = pieces.next();
      piece.catch(() => undefined); // a failure is met where it is awaited, after the copy in hand
      return piece;
    };
    let coming = ask();
    let chunkRows = 0;
    let inChunk = false;
    let chunksDone = 0;
    for (let item = await coming; !item.done; item = await coming) {
      coming = ask();
      const { chunk, piece } = item.value;
      if (!inChunk) await db.query('BEGIN');
      inChunk = true;
      await loadPiece(db, piece, skipping);
      chunkRows += piece.rows;
      peopleDone += piece.people;
      if (!piece.last) continue;
      await commitChunk(db, chunk, chunkRows, piece.next);
      rows += chunkRows;
      chunkRows = 0;
      inChunk = false;
      progress(++chunksDone, todo.length, rows, started, peopleDone);
    }
    if (process.stderr.isTTY) process.stderr.write('\n');
    const indexStarted = performance.now();
    await buildIndexes(db);
    const indexSeconds = (performance.now() - indexStarted) / 1000;
    const loadSeconds = (performance.now() - started) / 1000;
    // What autovacuum does after a bulk load, done now: statistics for the planner, and the visibility map
    // that lets an index-only scan (the name search's) skip the table. PGlite has no autovacuum at all.
    await db.query('VACUUM (ANALYZE)');
    console.log(JSON.stringify({
      database: kind.split(' ')[0], people: peopleDone, rows, seconds: Number(loadSeconds.toFixed(1)), rowsPerSecond: Math.round(rows / loadSeconds),
      peoplePerSecond: Math.round(peopleDone / loadSeconds), indexSeconds: Number(indexSeconds.toFixed(1)),
      // Rows of each group and the seconds its COPY statements took (generation overlaps them).
      groups: Object.fromEntries([...groups].map(([name, g]) => [name, { rows: g.rows, copySeconds: Number(g.seconds.toFixed(1)), rowsPerCopySecond: Math.round(g.rows / g.seconds) }])),
    }));
  } finally {
    await close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
