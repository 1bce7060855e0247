/**
 * The batch work the suite measures beside the pages: every active case's tier, and every
 * practitioner's workload, recalculated in this process against a database it opens itself.
 */
import { recalculateAllTiers } from '../../src/assessment/tier/recalculate.ts';
import type { Db } from '../../src/database.ts';
import type { DatabaseKind } from '../../src/platform/db/connect.ts';
import { capacityOfAll } from '../../src/workforce/workload/service.ts';

/** One timed measure that is not a page: how much, how long, how fast. */
export interface Measure {
  name: string;
  database: DatabaseKind;
  /** What was counted: cases, rows... */
  count: number;
  unit: string;
  seconds: number;
  /** count ÷ seconds. */
  perSecond: number;
  detail: string;
}

/** Transactions at once for the tier run: two on a server (one computes while the other reads); the embedded database has one session. */
export const tierConcurrency = (kind: DatabaseKind) => (kind === 'server' ? 2 : 1);

const round = (n: number, places = 1) => Math.round(n * 10 ** places) / 10 ** places;

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const started = process.hrtime.bigint();
  const value = await work();
  return { value, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

/**
 * Recalculates the tier of every case with a current sentence, as the daily run does. A calculation is
 * kept only where something changed (the calendar can move a licence into its unsupervised part), so
 * running it against a service's database changes nothing a practitioner would not see the next morning.
 */
export async function measureTiers(db: Db, kind: DatabaseKind): Promise<Measure> {
  const concurrency = tierConcurrency(kind);
  const { value, seconds } = await timed(() => recalculateAllTiers(db, 'Benchmark (npm run bench)', { concurrency }));
  return {
    name: 'Tier recalculation (every active case)', database: kind, count: value.cases, unit: 'cases', seconds: round(seconds, 2),
    perSecond: seconds > 0 ? Math.round(value.cases / seconds) : 0,
    detail: `${value.calculated} new calculations, ${value.changed} changes of tier; ${concurrency} transaction${concurrency > 1 ? 's' : ''} at a time`,
  };
}

/** Works out every practitioner's capacity (points held over points available) in one pass. Reads only. */
export async function measureWorkloads(db: Db, kind: DatabaseKind, today = new Date().toISOString().slice(0, 10)): Promise<Measure> {
  const { value, seconds } = await timed(() => capacityOfAll(db, today));
  const capacities = [...value.values()];
  const cases = capacities.reduce((sum, c) => sum + c.caseCount, 0);
  const over = capacities.filter((c) => c.capacityPercent > 100).length;
  return {
    name: 'Workload (every practitioner)', database: kind, count: cases, unit: 'cases', seconds: round(seconds, 2),
    perSecond: seconds > 0 ? Math.round(cases / seconds) : 0,
    detail: `${capacities.length} practitioners, ${cases} cases weighed, ${over} over capacity`,
  };
}
