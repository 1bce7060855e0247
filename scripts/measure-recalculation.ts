/**
 * `npx tsx scripts/measure-recalculation.ts [people]`: how long the tier recalculation takes on an
 * in-memory embedded database with the demonstration data: all cases from nothing, all with nothing
 * changed, and one case per transaction as a page save does. A measurement, not a test.
 */
import { sql } from 'kysely';
import { recalculateTiers } from '../src/assessment/tier/recalculate.ts';
import type { Database } from '../src/database.ts';
import { loadDemoData } from '../src/demo/load.ts';
import { migrations } from '../src/migrations/index.ts';
import { openDatabase } from '../src/platform/db/connect.ts';
import { migrateToLatest } from '../src/platform/db/migrate.ts';

const people = Number(process.argv[2] ?? 2000);
const { db, close } = await openDatabase<Database>({ dataDir: 'memory://' });
await migrateToLatest(db, migrations);
let started = Date.now();
await loadDemoData(db, { people });
console.log(`demo load (${people} people, including their tiers): ${Date.now() - started} ms`);
await sql`delete from predictor_scores`.execute(db);
await sql`delete from tier_calculations`.execute(db);
const ids = (await db.selectFrom('people').select('id').execute()).map((row) => row.id);
const timed = async (label: string, work: () => Promise<unknown>, per = 1) => {
  started = Date.now();
  await work();
  console.log(`${label}: ${((Date.now() - started) / per).toFixed(1)} ms`);
};
await timed(`all ${ids.length} cases from nothing`, () => db.transaction().execute((trx) => recalculateTiers(trx, ids, 'measure', null, { notify: false })));
await timed(`all ${ids.length} cases, nothing changed`, () => db.transaction().execute((trx) => recalculateTiers(trx, ids, 'measure', null, { notify: false })));
const sample = ids.slice(0, 200);
await timed('one case per transaction, each', async () => {
  for (const id of sample) await db.transaction().execute((trx) => recalculateTiers(trx, [id], 'measure', null));
}, sample.length);
await close();
