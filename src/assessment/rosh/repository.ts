import { sql, type Expression } from 'kysely';
import type { Db } from '../../database.ts';
import { inBatches } from '../../platform/db/batches.ts';
import type { RoshAssessment, RoshLevel } from './rules.ts';

const columns = [
  'r.id', 'r.version', 'r.risk_to_children', 'r.risk_to_public', 'r.risk_to_known_adult', 'r.risk_to_staff', 'r.risk_to_prisoners',
  'r.overall', 'r.nature_of_risk', 'r.who_is_at_risk', 'r.when_risk_greatest', 'r.increases_risk', 'r.reduces_risk',
  'r.completed_on', 'r.review_due_on', 'r.completed_at', 'r.superseded', 'by.display_name as completed_by_name',
] as const;

const assessments = (db: Db, personId: number) =>
  db.selectFrom('rosh_assessments as r').leftJoin('users as by', 'by.id', 'r.completed_by').select(columns).where('r.person_id', '=', personId);

/** Every completed assessment on a case, newest first. */
export const roshHistory = (db: Db, personId: number) => assessments(db, personId).orderBy('r.version', 'desc').execute();
export type RoshRow = Awaited<ReturnType<typeof roshHistory>>[number];

/** One version of a case's assessment (another case's id is not found). */
export const roshVersion = (db: Db, personId: number, id: number) => assessments(db, personId).where('r.id', '=', id).executeTakeFirst();

export interface LatestRosh { id: number; overall: RoshLevel; completedOn: string; reviewDueOn: string }

/** The newest assessment's level and dates, for the tier, for many people at once. */
export async function latestRoshFor(db: Db, personIds: readonly number[]): Promise<Map<number, LatestRosh>> {
  const rows = await inBatches(personIds, (ids) => db.selectFrom('rosh_assessments').select(['person_id', 'id', 'overall', 'completed_on', 'review_due_on'])
    .where('person_id', 'in', ids).where('superseded', '=', false).execute());
  return new Map(rows.map((row) => [row.person_id, { id: Number(row.id), overall: row.overall, completedOn: row.completed_on, reviewDueOn: row.review_due_on }]));
}
/** A case's current (not superseded) RoSH: its level and review date. */
export const currentRoshQuery = (db: Db, personId: number | Expression<number>) =>
  db.selectFrom('rosh_assessments').select(['overall', 'review_due_on']).where('person_id', '=', personId).where('superseded', '=', false);
export const latestRosh = async (db: Db, personId: number) => (await latestRoshFor(db, [personId])).get(personId) ?? null;

/**
 * Saves a completed assessment as the case's next version and supersedes the previous one. Call inside
 * a transaction: the person's row is locked first, so two saves at once take turns rather than clash.
 */
export async function completeRosh(db: Db, personId: number, assessment: RoshAssessment, userId: number, today: string): Promise<number> {
  await sql`select id from people where id = ${personId} for no key update`.execute(db);
  const previous = await db.updateTable('rosh_assessments').set({ superseded: true })
    .where('person_id', '=', personId).where('superseded', '=', false).returning('version').executeTakeFirst();
  const { levels, narrative } = assessment;
  const row = await db.insertInto('rosh_assessments').values({
    person_id: personId,
    version: (previous?.version ?? 0) + 1,
    risk_to_children: levels.riskToChildren,
    risk_to_public: levels.riskToPublic,
    risk_to_known_adult: levels.riskToKnownAdult,
    risk_to_staff: levels.riskToStaff,
    risk_to_prisoners: levels.riskToPrisoners,
    overall: assessment.overall,
    nature_of_risk: narrative.natureOfRisk,
    who_is_at_risk: narrative.whoIsAtRisk,
    when_risk_greatest: narrative.whenRiskGreatest,
    increases_risk: narrative.increasesRisk,
    reduces_risk: narrative.reducesRisk,
    completed_on: today,
    review_due_on: assessment.reviewDueOn,
    completed_by: userId,
  }).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}
