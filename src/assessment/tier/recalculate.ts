import type { Insertable } from 'kysely';
import { userAllowedOnCase } from '../../access/visibility.ts';
import type { Db } from '../../database.ts';
import { inBatches } from '../../platform/db/batches.ts';
import { activeFlagsFor } from '../../registrations/repository.ts';
import { currentSentencesForTiers } from '../../sentencing/repository.ts';
import { latestNeedsFor } from '../needs/repository.ts';
import { latestRoshFor } from '../rosh/repository.ts';
import { refreshPredictorScores } from '../scores/repository.ts';
import type { TierCalculationsTable } from '../tables.ts';
import { calculateTier } from '../tiering/rules.ts';
import { tierInputFrom, type TierFacts } from './inputs.ts';
import { stableJson } from './stable-json.ts';

type Sex = TierFacts['sex'];

/** What the tier reads for many people: a few queries whatever their number. */
async function tierFactsFor(db: Db, people: readonly { id: number; sex: Sex }[]): Promise<Map<number, Omit<TierFacts, 'ogrs3'>>> {
  const ids = people.map((person) => person.id);
  const [rosh, flags, needs, sentences] = await Promise.all([latestRoshFor(db, ids), activeFlagsFor(db, ids), latestNeedsFor(db, ids), currentSentencesForTiers(db, ids)]);
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

/**
 * Recalculates cases' predictor scores and then their tiers from everything the record holds now, after
 * any input has changed (an assessment completed, a flag added, a sentence made...). Call it inside the
 * transaction that saved the change, with `reason` saying what changed, so the tier never lags behind
 * its inputs. A calculation is kept whenever its inputs change; a change of tier notifies the
 * practitioner and their team's managers, and puts the case up for re-allocation review when the new
 * protect level needs a different grade of practitioner. Works on many cases at once (a rule change, a
 * data load) in a few queries per 500 cases.
 */
export async function recalculateTiers(db: Db, personIds: readonly number[], reason: string, actorId: number | null, options: { notify?: boolean } = {}): Promise<{ calculated: number; changed: number }> {
  const ids = [...new Set(personIds)].sort((a, b) => a - b);
  const counts = { calculated: 0, changed: 0 };
  await inBatches(ids, async (batch) => {
    // One recalculation per case at a time (row locks, taken in id order), so two saves at once cannot both decide they moved the tier.
    const people = await db.selectFrom('people').select(['id', 'sex']).where('id', 'in', batch).orderBy('id').forNoKeyUpdate().execute();
    // The tier's rules are defined for male and female; the person record only allows these.
    const eligible = people.filter((p): p is { id: number; sex: Sex } => p.sex === 'male' || p.sex === 'female');
    const eligibleIds = eligible.map((p) => p.id);
    const ogrs3 = await refreshPredictorScores(db, eligibleIds, reason, actorId);
    const [facts, latest] = await Promise.all([
      tierFactsFor(db, eligible),
      db.selectFrom('tier_calculations').distinctOn('person_id').select(['person_id', 'tier', 'inputs'])
        .where('person_id', 'in', eligibleIds.length ? eligibleIds : [0]).orderBy('person_id').orderBy('id', 'desc').execute(),
    ]);
    const previous = new Map(latest.map((row) => [row.person_id, row]));
    const rows: Insertable<TierCalculationsTable>[] = [];
    for (const id of eligibleIds) {
      const { input, sources } = tierInputFrom({ ...facts.get(id)!, ogrs3: ogrs3.get(id) ?? null });
      const result = calculateTier(input);
      const before = previous.get(id);
      if (before && before.tier === result.tier && stableJson(before.inputs) === stableJson(input)) continue;
      rows.push({
        person_id: id, tier: result.tier,
        protect_level: result.protect.level, protect_points: result.protect.points,
        change_level: result.change.level, change_points: result.change.points,
        result: JSON.stringify(result), inputs: JSON.stringify(input), sources: JSON.stringify(sources),
        previous_tier: before?.tier ?? null, changed: before?.tier !== result.tier, reason, calculated_by: actorId,
      });
    }
    const saved = rows.length ? await db.insertInto('tier_calculations').values(rows).returning(['id', 'person_id']).execute() : [];
    counts.calculated += rows.length;
    counts.changed += rows.filter((row) => row.changed).length;
    if (options.notify === false) return;
    for (const [i, row] of rows.entries()) {
      if (row.changed) await followUpTierChange(db, row.person_id, saved[i]!.id, row.previous_tier ?? null, row.tier, row.protect_level, reason);
    }
  });
  return counts;
}

/** One case: see recalculateTiers. */
export async function recalculateTier(db: Db, personId: number, reason: string, actorId: number | null, options: { notify?: boolean } = {}): Promise<void> {
  await recalculateTiers(db, [personId], reason, actorId, options);
}

/**
 * Every case with a current sentence, in transactions of 500: for what moves with the calendar alone (a
 * licence reaching its unsupervised part) and after a change to the rules. Run it daily.
 */
export async function recalculateAllTiers(db: Db, reason: string): Promise<{ cases: number; calculated: number; changed: number }> {
  const ids = (await db.selectFrom('sentences').select('person_id').distinct().where('status', '=', 'active').orderBy('person_id').execute()).map((row) => row.person_id);
  const total = { cases: ids.length, calculated: 0, changed: 0 };
  await inBatches(ids, async (batch) => {
    const counts = await db.transaction().execute((trx) => recalculateTiers(trx, batch, reason, null));
    total.calculated += counts.calculated;
    total.changed += counts.changed;
  });
  return total;
}

/** Tells the people who hold the case, and checks the holder's grade is still right for it. */
async function followUpTierChange(db: Db, personId: number, calculationId: number, from: string | null, to: string, protect: string, reason: string) {
  const allocation = await db.selectFrom('case_allocations as a').innerJoin('people as p', 'p.id', 'a.person_id')
    .leftJoin('users as u', 'u.id', 'a.practitioner_id')
    .select(['a.team_id', 'a.practitioner_id', 'u.grade', 'u.display_name', 'p.crn'])
    .where('a.person_id', '=', personId).where('a.ended_at', 'is', null).executeTakeFirst();
  if (!allocation) return;
  // The holder and the team's managers, except anyone the case's access list refuses.
  const recipients = (await db.selectFrom('users').select('id')
    .where((eb) => eb.or([
      eb('id', '=', allocation.practitioner_id ?? 0),
      eb.and([eb('team_id', '=', allocation.team_id), eb('role_code', '=', 'senior-probation-officer')]),
    ]))
    .where('active', '=', true).where(userAllowedOnCase(personId)).orderBy('id').execute()).map((user) => user.id);
  const message = from ? `Tier changed from ${from} to ${to} for ${allocation.crn}: ${reason}` : `Tier ${to} calculated for ${allocation.crn}: ${reason}`;
  const link = `/people/${allocation.crn}/risk`;
  if (recipients.length) {
    await db.insertInto('notifications').values(recipients.map((user_id) => ({ person_id: personId, user_id, kind: 'tier-change', message, link }))).execute();
  }
  const rule = await db.selectFrom('tier_grade_rules').select(['grades', 'explanation']).where('protect_level', '=', protect).executeTakeFirst();
  if (!rule || !allocation.practitioner_id || !allocation.grade || rule.grades.includes(allocation.grade)) return;
  await db.insertInto('reallocation_reviews').values({
    person_id: personId, team_id: allocation.team_id, tier_calculation_id: calculationId,
    reason: `Tier ${to}: ${rule.explanation}; the case is held by ${allocation.display_name} (${allocation.grade}).`,
  }).onConflict((oc) => oc.column('person_id').where('resolved_at', 'is', null).doNothing()).execute();
}
