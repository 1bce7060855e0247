import { sql, type Insertable } from 'kysely';
import { userAllowedOnCase } from '../../access/visibility.ts';
import type { Db } from '../../database.ts';
import { byPerson, inBatches } from '../../platform/db/batches.ts';
import { activeFlagsFor } from '../../registrations/repository.ts';
import { currentSentencesForTiers } from '../../sentencing/repository.ts';
import { latestNeedsFor, type LatestNeeds } from '../needs/repository.ts';
import { latestRoshFor } from '../rosh/repository.ts';
import { refreshPredictorScores } from '../scores/repository.ts';
import type { NotificationsTable, ReallocationReviewsTable, TierCalculationsTable } from '../tables.ts';
import { calculateTier } from '../tiering/rules.ts';
import { tierInputFrom, type TierFacts } from './inputs.ts';
import { sameJson } from './stable-json.ts';

type Sex = TierFacts['sex'];

/** What the tier reads for many people: a few queries whatever their number. */
async function tierFactsFor(db: Db, people: readonly { id: number; sex: Sex }[], needs: Map<number, LatestNeeds>): Promise<Map<number, Omit<TierFacts, 'ogrs3'>>> {
  const ids = people.map((person) => person.id);
  const [rosh, flags, sentences] = await Promise.all([latestRoshFor(db, ids), activeFlagsFor(db, ids), currentSentencesForTiers(db, ids)]);
  return new Map(people.map(({ id, sex }) => {
    const r = rosh.get(id);
    const n = needs.get(id);
    const current = sentences.get(id)!;
    return [id, {
      sex,
      rosh: r ? { overall: r.overall, completedOn: r.completedOn } : null,
      flags: flags.get(id) ?? [],
      needs: n ? { version: n.version, completedOn: n.completedOn, sectionScores: n.sectionScores, answers: n.answers } : null,
      sentences: current.sentences,
      unsupervised: current.unsupervised,
    }];
  }));
}

/** A new calculation that moved the tier: who to tell, and whether the holder's grade still fits. */
interface TierChange { personId: number; calculationId: number; from: string | null; to: string; protect: string }

export interface RecalculateOptions {
  /** False while loading data: no one is told of the first tiers. */
  notify?: boolean;
  /** Cases read and written together (default 500); statements stay inside PostgreSQL's parameter limit. */
  batchSize?: number;
}

/**
 * Recalculates cases' predictor scores and then their tiers from everything the record holds now, after
 * any input has changed (an assessment completed, a flag added, a sentence made...). Call it inside the
 * transaction that saved the change, with `reason` saying what changed, so the tier never lags behind
 * its inputs. A calculation is kept whenever its inputs change; a change of tier notifies the
 * practitioner and their team's managers, and puts the case up for re-allocation review when the new
 * protect level needs a different grade of practitioner. Works on many cases at once (a rule change, a
 * data load) in a few queries per batch of cases, however many of them changed.
 */
export async function recalculateTiers(db: Db, personIds: readonly number[], reason: string, actorId: number | null, options: RecalculateOptions = {}): Promise<{ calculated: number; changed: number }> {
  const ids = [...new Set(personIds)].sort((a, b) => a - b);
  const counts = { calculated: 0, changed: 0 };
  await inBatches(ids, async (batch) => {
    // One recalculation per case at a time (row locks, taken in id order), so two saves at once cannot both decide they moved the tier.
    const people = await db.selectFrom('people').select(['id', 'sex']).where('id', 'in', batch).orderBy('id').forNoKeyUpdate().execute();
    // The tier's rules are defined for male and female; the person record only allows these.
    const eligible = people.filter((p): p is { id: number; sex: Sex } => p.sex === 'male' || p.sex === 'female');
    const eligibleIds = eligible.map((p) => p.id);
    // The needs assessment feeds both the predictors and the tier: read once.
    const needs = await latestNeedsFor(db, eligibleIds);
    const ogrs3 = await refreshPredictorScores(db, eligibleIds, reason, actorId, needs);
    const [facts, latest] = await Promise.all([
      tierFactsFor(db, eligible, needs),
      inBatches(eligibleIds, (some) => db.selectFrom('tier_calculations').distinctOn('person_id').select(['person_id', 'tier', 'inputs'])
        .where('person_id', 'in', some).orderBy('person_id').orderBy('id', 'desc').execute()),
    ]);
    const previous = new Map(latest.map((row) => [row.person_id, row]));
    const rows: Insertable<TierCalculationsTable>[] = [];
    for (const id of eligibleIds) {
      const { input, sources } = tierInputFrom({ ...facts.get(id)!, ogrs3: ogrs3.get(id) ?? null });
      const result = calculateTier(input);
      const before = previous.get(id);
      if (before && before.tier === result.tier && sameJson(before.inputs, input)) continue;
      rows.push({
        person_id: id, tier: result.tier,
        protect_level: result.protect.level, protect_points: result.protect.points,
        change_level: result.change.level, change_points: result.change.points,
        result: JSON.stringify(result), inputs: JSON.stringify(input), sources: JSON.stringify(sources),
        previous_tier: before?.tier ?? null, changed: before?.tier !== result.tier, reason, calculated_by: actorId,
      });
    }
    const saved = await inBatches(rows, (some) => db.insertInto('tier_calculations').values(some).returning(['id', 'person_id']).execute());
    counts.calculated += rows.length;
    const changes = rows.flatMap((row, i): TierChange[] => (row.changed
      ? [{ personId: row.person_id, calculationId: saved[i]!.id, from: row.previous_tier ?? null, to: row.tier, protect: row.protect_level }] : []));
    counts.changed += changes.length;
    if (options.notify !== false) await followUpTierChanges(db, changes, reason);
  }, options.batchSize);
  return counts;
}

/** One case: see recalculateTiers. */
export async function recalculateTier(db: Db, personId: number, reason: string, actorId: number | null, options: { notify?: boolean } = {}): Promise<void> {
  await recalculateTiers(db, [personId], reason, actorId, options);
}

const ALL_TIERS_BATCH = 1000;

export interface RecalculateAllOptions {
  /** Cases per transaction (default 1,000: fewer, larger reads; each still holds its row locks for well under a second). */
  batchSize?: number;
  /**
   * Transactions at once (default 1). Only on a server: each has its own connection, so the service
   * computes one batch while the database reads the next. The embedded database has one session.
   */
  concurrency?: number;
}

/**
 * Every case with a current sentence, a transaction per batch: for what moves with the calendar alone (a
 * licence reaching its unsupervised part) and after a change to the rules. Run it daily.
 */
export async function recalculateAllTiers(db: Db, reason: string, options: RecalculateAllOptions = {}): Promise<{ cases: number; calculated: number; changed: number }> {
  const ids = (await db.selectFrom('sentences').select('person_id').distinct().where('status', '=', 'active').orderBy('person_id').execute()).map((row) => row.person_id);
  const total = { cases: ids.length, calculated: 0, changed: 0 };
  const size = options.batchSize ?? ALL_TIERS_BATCH;
  let next = 0;
  const worker = async () => {
    while (next < ids.length) {
      const batch = ids.slice(next, (next += size));
      try {
        const counts = await db.transaction().execute((trx) => recalculateTiers(trx, batch, reason, null, { batchSize: size }));
        total.calculated += counts.calculated;
        total.changed += counts.changed;
      } catch (error) {
        next = ids.length; // the other transactions stop after their batch
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 1) }, worker));
  return total;
}

/**
 * Tells the people who hold each case whose tier changed (the practitioner and the team's managers,
 * except anyone the case's access list refuses), and puts the case up for re-allocation review when
 * the holder's grade no longer fits the protect level. A few statements for the whole batch.
 */
async function followUpTierChanges(db: Db, changes: readonly TierChange[], reason: string): Promise<void> {
  if (!changes.length) return;
  const ids = changes.map((change) => change.personId);
  const [allocations, recipients, rules] = await Promise.all([
    db.selectFrom('case_allocations as a').innerJoin('people as p', 'p.id', 'a.person_id').leftJoin('users as u', 'u.id', 'a.practitioner_id')
      .select(['a.person_id', 'a.team_id', 'a.practitioner_id', 'u.grade', 'u.display_name', 'p.crn'])
      .where('a.person_id', 'in', ids).where('a.ended_at', 'is', null).execute(),
    db.selectFrom('case_allocations as a')
      .innerJoin('users', (join) => join.on((eb) => eb.or([
        eb('users.id', '=', eb.ref('a.practitioner_id')),
        eb.and([eb('users.team_id', '=', eb.ref('a.team_id')), eb('users.role_code', '=', 'senior-probation-officer')]),
      ])))
      .select(['a.person_id', 'users.id as user_id'])
      .where('a.person_id', 'in', ids).where('a.ended_at', 'is', null).where('users.active', '=', true)
      .where(userAllowedOnCase(sql.ref('a.person_id'))).orderBy('a.person_id').orderBy('users.id').execute(),
    db.selectFrom('tier_grade_rules').select(['protect_level', 'grades', 'explanation']).execute(),
  ]);
  const allocationOf = new Map(allocations.map((a) => [a.person_id, a]));
  const recipientsOf = byPerson(recipients);
  const ruleFor = new Map(rules.map((rule) => [rule.protect_level, rule]));
  const notifications: Insertable<NotificationsTable>[] = [];
  const reviews: Insertable<ReallocationReviewsTable>[] = [];
  for (const { personId, calculationId, from, to, protect } of changes) {
    const allocation = allocationOf.get(personId);
    if (!allocation) continue;
    const message = from ? `Tier changed from ${from} to ${to} for ${allocation.crn}: ${reason}` : `Tier ${to} calculated for ${allocation.crn}: ${reason}`;
    const link = `/people/${allocation.crn}/risk`;
    for (const { user_id } of recipientsOf.get(personId) ?? []) notifications.push({ person_id: personId, user_id, kind: 'tier-change', message, link });
    const rule = ruleFor.get(protect);
    if (!rule || !allocation.practitioner_id || !allocation.grade || rule.grades.includes(allocation.grade)) continue;
    reviews.push({
      person_id: personId, team_id: allocation.team_id, tier_calculation_id: calculationId,
      reason: `Tier ${to}: ${rule.explanation}; the case is held by ${allocation.display_name} (${allocation.grade}).`,
    });
  }
  await inBatches(notifications, (some) => db.insertInto('notifications').values(some).execute());
  await inBatches(reviews, (some) => db.insertInto('reallocation_reviews').values(some)
    .onConflict((oc) => oc.column('person_id').where('resolved_at', 'is', null).doNothing()).execute());
}
