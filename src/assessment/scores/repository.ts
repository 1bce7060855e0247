import { sql, type Insertable } from 'kysely';
import type { Db } from '../../database.ts';
import { latestNeedsFor, type LatestNeeds } from '../needs/repository.ts';
import { currentEventsForPredictors } from '../../sentencing/repository.ts';
import { byPerson, inBatches } from '../../platform/db/batches.ts';
import type { PredictorScoresTable } from '../tables.ts';
import { freshScores, type CurrentOgrs3, type FreshScore, type Predictor } from './fresh.ts';
import type { PredictorFacts } from './inputs.ts';

export type { Predictor, CurrentOgrs3 } from './fresh.ts';
export const PREDICTORS: readonly Predictor[] = ['ogrs3', 'ogp', 'ovp'];

const historyColumns = (db: Db) => db.selectFrom('criminal_histories as h').leftJoin('users as u', 'u.id', 'h.recorded_by')
  .select(['h.person_id', 'h.previous_sanctions', 'h.previous_convictions', 'h.violent_sanctions', 'h.first_sanction_date', 'u.display_name', sql<string>`h.recorded_at::date::text`.as('recorded_on')]);

export const criminalHistory = (db: Db, personId: number) => historyColumns(db).where('h.person_id', '=', personId).executeTakeFirst();

/**
 * Everything the predictors read from the record, for many people: a few queries whatever their number.
 * `needs`, when the caller has read them already (the tier reads them too), are not read again.
 */
export async function predictorFactsFor(db: Db, personIds: readonly number[], needs?: Map<number, LatestNeeds>): Promise<Map<number, PredictorFacts>> {
  const [people, events, histories, latestNeeds] = await Promise.all([
    inBatches(personIds, (ids) => db.selectFrom('people').select(['id', 'sex', 'date_of_birth']).where('id', 'in', ids).execute()),
    currentEventsForPredictors(db, personIds),
    inBatches(personIds, (ids) => historyColumns(db).where('h.person_id', 'in', ids).execute()),
    needs ?? latestNeedsFor(db, personIds),
  ]);
  const history = new Map(histories.map((h) => [h.person_id, h]));
  return new Map(people.map((person) => {
    const h = history.get(person.id);
    const n = latestNeeds.get(person.id);
    return [person.id, {
      person: { sex: person.sex, dateOfBirth: person.date_of_birth },
      event: events.get(person.id) ?? null,
      history: h ? {
        previousSanctions: h.previous_sanctions, previousConvictions: h.previous_convictions, violentSanctions: h.violent_sanctions,
        firstSanctionDate: h.first_sanction_date, recordedOn: h.recorded_on, recordedBy: h.display_name ?? 'the service',
      } : null,
      needs: n ? { version: n.version, completedOn: n.completedOn, answers: n.answers } : null,
    }];
  }));
}
export const predictorFacts = async (db: Db, personId: number) => (await predictorFactsFor(db, [personId])).get(personId)!;

const scoreColumns = (db: Db) => db.selectFrom('predictor_scores as s').leftJoin('users as u', 'u.id', 's.calculated_by').selectAll('s').select('u.display_name as calculated_by_name');
type ScoreRowOf = Awaited<ReturnType<ReturnType<typeof scoreColumns>['executeTakeFirstOrThrow']>>;
export type LatestScores = Partial<Record<Predictor, ScoreRowOf>>;

/** Each person's latest score of each predictor. */
export async function latestScoresFor(db: Db, personIds: readonly number[]): Promise<Map<number, LatestScores>> {
  const rows = await inBatches(personIds, (ids) => scoreColumns(db).distinctOn(['s.person_id', 's.predictor'])
    .where('s.person_id', 'in', ids).orderBy('s.person_id').orderBy('s.predictor').orderBy('s.id', 'desc').execute());
  const grouped = byPerson(rows);
  return new Map(personIds.map((id) => [id, Object.fromEntries((grouped.get(id) ?? []).map((row) => [row.predictor, row])) as LatestScores]));
}
export const latestScores = async (db: Db, personId: number) => (await latestScoresFor(db, [personId])).get(personId)!;
export type ScoreRow = ScoreRowOf;

export async function scoreHistory(db: Db, personId: number) {
  return db.selectFrom('predictor_scores as s').leftJoin('users as u', 'u.id', 's.calculated_by')
    .select(['s.id', 's.predictor', 's.score', 's.one_year_percent', 's.two_year_percent', 's.band', 's.reason', 's.calculated_at', 'u.display_name as calculated_by_name'])
    .where('s.person_id', '=', personId).orderBy('s.id', 'desc').limit(60).execute();
}

/** Each person's latest inputs of each predictor, and OGRS3's result: what a refresh compares and keeps (not the terms and sources). */
async function latestInputsFor(db: Db, personIds: readonly number[]) {
  const rows = await inBatches(personIds, (ids) => db.selectFrom('predictor_scores').distinctOn(['person_id', 'predictor'])
    .select(['person_id', 'predictor', 'inputs', 'two_year_percent', 'calculated_at'])
    .where('person_id', 'in', ids).orderBy('person_id').orderBy('predictor').orderBy('id', 'desc').execute());
  const grouped = byPerson(rows);
  return new Map(personIds.map((id) => [id, Object.fromEntries((grouped.get(id) ?? []).map((row) => [row.predictor, row])) as Partial<Record<Predictor, (typeof rows)[number]>>]));
}


/**
 * Recomputes each predictor whose inputs the record now holds, for many people, and keeps a new row only
 * when its inputs changed: the history shows each change, not each page save. Returns the OGRS3 the
 * tier uses (null where there is none).
 */
export async function refreshPredictorScores(db: Db, personIds: readonly number[], reason: string, actorId: number | null, needs?: Map<number, LatestNeeds>): Promise<Map<number, CurrentOgrs3 | null>> {
  const [facts, latest] = await Promise.all([predictorFactsFor(db, personIds, needs), latestInputsFor(db, personIds)]);
  const today = new Date().toISOString().slice(0, 10);
  const rows: Insertable<PredictorScoresTable>[] = [];
  const ogrs3 = new Map<number, CurrentOgrs3 | null>();
  for (const [personId, personFacts] of facts) {
    const fresh = freshScores(personFacts, latest.get(personId) ?? {}, today);
    ogrs3.set(personId, fresh.ogrs3);
    for (const scored of fresh.scores) rows.push({ person_id: personId, ...predictorScoreColumns(scored), reason, calculated_by: actorId });
  }
  await inBatches(rows, (batch) => db.insertInto('predictor_scores').values(batch).execute());
  return ogrs3;
}

/** A fresh score as the columns of predictor_scores (the caller adds the person, the reason and who). */
export const predictorScoreColumns = ({ predictor, input, sources, result }: FreshScore) => ({
  predictor, score: result.score ?? null,
  one_year: result.oneYear, two_year: result.twoYear, one_year_percent: result.oneYearPercent, two_year_percent: result.twoYearPercent, band: result.band,
  inputs: JSON.stringify(input), sources: JSON.stringify(sources), terms: JSON.stringify(result.terms),
});
