/** The plan's data: typed Kysely over the plan tables, and what a plan reads from needs and sentencing. */
import { sql } from 'kysely';
import { latestCompleted } from '../../assessment/needs/repository.ts';
import { sectionScores } from '../../assessment/needs/rules.ts';
import type { Db } from '../../database.ts';
import type { ActionOutcome, ActionValues, ObjectiveValues, PlanValues, ReviewValues } from './forms.ts';
import { assessedNeeds } from './rules.ts';

/** What a plan is built against: the latest completed needs assessment's needs, and the current order's requirements. */
export async function planFacts(db: Db, personId: number) {
  const [assessment, requirements, sentence] = await Promise.all([
    latestCompleted(db, personId),
    db.selectFrom('requirements as r').innerJoin('sentences as s', 's.id', 'r.sentence_id').innerJoin('requirement_types as t', 't.code', 'r.requirement_type')
      .select(['r.id', 'r.requirement_type', 't.name', 'r.units', 't.unit', 'r.expected_start_on', 'r.sentence_id'])
      .where('r.person_id', '=', personId).where('s.status', '=', 'active').where('r.ended_on', 'is', null)
      .orderBy('r.id').execute(),
    db.selectFrom('sentences').select(['id', 'sentence_type', 'sentenced_on']).where('person_id', '=', personId).where('status', '=', 'active')
      .orderBy('sentenced_on', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst(),
  ]);
  return {
    needs: assessedNeeds(assessment ? sectionScores(assessment.content.answers) : null),
    assessment: assessment && { version: assessment.version!, completedOn: assessment.completedOn! },
    requirements: requirements.map((r) => ({ id: r.id, type: r.requirement_type, name: r.units && r.unit ? `${r.name} (${r.units} ${r.unit})` : r.name })),
    sentenceId: sentence?.id ?? null,
  };
}
export type PlanFacts = Awaited<ReturnType<typeof planFacts>>;

const nameOf = (column: string) => sql<string | null>`(SELECT display_name FROM users WHERE users.id = ${sql.ref(column)})`;

/** The person's current plan (their newest) with everything in it, or null. */
export async function currentPlan(db: Db, personId: number) {
  const plan = await db.selectFrom('sentence_plans as p')
    .select(['p.id', 'p.person_id', 'p.sentence_id', 'p.review_due_on', 'p.status', 'p.agreed_on', 'p.persons_comment', 'p.created_at', nameOf('p.created_by').as('created_by_name')])
    .where('p.person_id', '=', personId).orderBy('p.id', 'desc').limit(1).executeTakeFirst();
  if (!plan) return null;
  const objectives = await db.selectFrom('plan_objectives as o')
    .leftJoin('requirements as r', 'r.id', 'o.requirement_id').leftJoin('requirement_types as t', 't.code', 'r.requirement_type')
    .select(['o.id', 'o.need_section', 'o.requirement_id', 't.name as requirement_name', 'o.objective', 'o.persons_words', 'o.status', 'o.updated_at', nameOf('o.updated_by').as('updated_by_name')])
    .where('o.plan_id', '=', plan.id).orderBy('o.id').execute();
  const ids = objectives.map((o) => o.id);
  const [history, actions, reviews] = await Promise.all([
    ids.length ? db.selectFrom('plan_objective_history as h').select(['h.id', 'h.objective_id', 'h.objective', 'h.persons_words', 'h.status', 'h.recorded_at', nameOf('h.recorded_by').as('recorded_by_name')])
      .where('h.objective_id', 'in', ids).orderBy('h.id', 'desc').execute() : [],
    ids.length ? db.selectFrom('plan_actions as a').select(['a.id', 'a.objective_id', 'a.action', 'a.owner', 'a.agency_name', 'a.target_on', 'a.status', 'a.status_note', 'a.status_on', nameOf('a.status_by').as('status_by_name')])
      .where('a.objective_id', 'in', ids).orderBy('a.target_on').orderBy('a.id').execute() : [],
    db.selectFrom('plan_reviews as v').select(['v.id', 'v.reviewed_on', 'v.next_review_on', 'v.summary', 'v.recorded_at', nameOf('v.reviewed_by').as('reviewed_by_name')])
      .where('v.plan_id', '=', plan.id).orderBy('v.reviewed_on', 'desc').orderBy('v.id', 'desc').execute(),
  ]);
  const progress = reviews.length ? await db.selectFrom('plan_review_progress').select(['review_id', 'objective_id', 'rating', 'progress'])
    .where('review_id', 'in', reviews.map((r) => r.id)).orderBy('id').execute() : [];
  return { plan, objectives, history, actions, reviews, progress };
}
export type CurrentPlan = NonNullable<Awaited<ReturnType<typeof currentPlan>>>;

export async function createPlan(db: Db, personId: number, sentenceId: number | null, values: PlanValues, userId: number, today: string) {
  return (await db.insertInto('sentence_plans').values({
    person_id: personId, sentence_id: sentenceId, review_due_on: values.reviewDueOn,
    status: values.agreed ? 'agreed' : 'draft', agreed_on: values.agreed ? today : null, persons_comment: values.personsComment, created_by: userId,
  }).returning('id').executeTakeFirstOrThrow()).id;
}

/** Records the person's agreement once: only a draft plan can be agreed. */
export async function agreePlan(db: Db, planId: number, personsComment: string | null, today: string) {
  const row = await db.updateTable('sentence_plans').set({ status: 'agreed', agreed_on: today, persons_comment: personsComment })
    .where('id', '=', planId).where('status', '=', 'draft').returning('id').executeTakeFirst();
  return !!row;
}

export async function addObjective(db: Db, personId: number, planId: number, values: ObjectiveValues, userId: number) {
  return (await db.insertInto('plan_objectives').values({
    person_id: personId, plan_id: planId, need_section: values.needSection, requirement_id: values.requirementId,
    objective: values.objective, persons_words: values.personsWords, status: values.status, created_by: userId, updated_by: userId,
  }).returning('id').executeTakeFirstOrThrow()).id;
}

/** Edits an objective; the database keeps the previous wording in plan_objective_history. */
export async function updateObjective(db: Db, objectiveId: number, planId: number, values: ObjectiveValues, userId: number) {
  const row = await db.updateTable('plan_objectives').set({
    need_section: values.needSection, requirement_id: values.requirementId, objective: values.objective,
    persons_words: values.personsWords, status: values.status, updated_by: userId,
  }).where('id', '=', objectiveId).where('plan_id', '=', planId).returning('id').executeTakeFirst();
  return !!row;
}

export async function addAction(db: Db, personId: number, objectiveId: number, values: ActionValues, userId: number) {
  return (await db.insertInto('plan_actions').values({
    person_id: personId, objective_id: objectiveId, action: values.action, owner: values.owner, agency_name: values.agencyName,
    target_on: values.targetOn, created_by: userId,
  }).returning('id').executeTakeFirstOrThrow()).id;
}

/** Records an open action's outcome (once). */
export async function recordActionOutcome(db: Db, actionId: number, personId: number, outcome: ActionOutcome, userId: number, today: string) {
  const row = await db.updateTable('plan_actions').set({ status: outcome.status, status_note: outcome.note, status_on: today, status_by: userId })
    .where('id', '=', actionId).where('person_id', '=', personId).where('status', '=', 'open').returning('id').executeTakeFirst();
  return !!row;
}

/** A review and its progress on each objective, together; objectives rated achieved are marked achieved. */
export async function recordReview(db: Db, personId: number, planId: number, values: ReviewValues, userId: number) {
  return db.transaction().execute(async (trx) => {
    const { id } = await trx.insertInto('plan_reviews').values({
      person_id: personId, plan_id: planId, reviewed_on: values.reviewedOn, next_review_on: values.nextReviewOn, summary: values.summary, reviewed_by: userId,
    }).returning('id').executeTakeFirstOrThrow();
    await trx.insertInto('plan_review_progress').values(values.progress.map((p) => ({ person_id: personId, review_id: id, objective_id: p.objectiveId, rating: p.rating, progress: p.progress }))).execute();
    const achieved = values.progress.filter((p) => p.rating === 'achieved').map((p) => p.objectiveId);
    if (achieved.length) {
      await trx.updateTable('plan_objectives').set({ status: 'achieved', updated_by: userId })
        .where('id', 'in', achieved).where('plan_id', '=', planId).where('status', '=', 'open').execute();
    }
    return id;
  });
}
