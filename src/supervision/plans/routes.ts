import type { FastifyInstance, FastifyRequest } from 'fastify';
import { audit } from '../../audit/request-audit.ts';
import { can, PERMISSIONS } from '../../auth/current-user.ts';
import { requires } from '../../auth/plugin.ts';
import type { Db } from '../../database.ts';
import { addMonths, dateParts } from '../../platform/http/dates.ts';
import { HttpError } from '../../platform/http/errors.ts';
import { formatDate } from '../../platform/views/render.ts';
import { openCasePage, type CaseHeader } from '../../people/case-page.ts';
import { OBJECTIVE_STATUSES, OWNERS, validateAction, validateActionOutcome, validateAgreement, validateObjective, validatePlan, validateReview } from './forms.ts';
import { needItems, needLabel, presentPlan, requirementItems } from './presenter.ts';
import {
  addAction, addObjective, agreePlan, createPlan, currentPlan, planFacts, recordActionOutcome, recordReview, updateObjective,
  type CurrentPlan, type PlanFacts,
} from './repository.ts';
import { RATINGS } from './rules.ts';

const VIEWS = 'supervision/plans/views';
const todayIso = () => new Date().toISOString().slice(0, 10);
type Body = Record<string, unknown>;
type Errors = Record<string, string>;
type Person = { id: number; crn: string };

const FLASH: Record<string, string> = {
  created: 'The sentence plan has been created. Add its objectives.',
  agreed: 'The person\'s agreement has been recorded.',
  objective: 'The objective has been added.',
  edited: 'The objective has been saved. Its earlier wording is kept in its history.',
  action: 'The action has been added.',
  outcome: 'The action\'s outcome has been recorded.',
  review: 'The review has been recorded.',
};

/** A positive whole-number id from the path, or a 404 that says what was looked for. */
function idParam(request: FastifyRequest, what: string): number {
  const id = Number((request.params as { id?: string }).id);
  if (!Number.isSafeInteger(id) || id <= 0) throw new HttpError(404, `There is no ${what} with that id in this plan.`);
  return id;
}

/**
 * The case's sentence plan (issue 5 item 1): objectives grouped by need and requirement, actions with owners
 * and target dates, reviews, and which assessed needs and requirements no objective addresses. Reading
 * needs case:read; changing needs plans:manage. Every read and change is audited.
 */
export async function planRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const read = { onRequest: requires(PERMISSIONS.caseRead) };
  const manage = { onRequest: requires(PERMISSIONS.plansManage) };
  const crnOf = (request: FastifyRequest) => (request.params as { crn: string }).crn;
  const open = (request: FastifyRequest) => openCasePage(db, request, crnOf(request), 'case.plan.read');
  const planOf = async (person: Person) => {
    const plan = await currentPlan(db, person.id);
    if (!plan) throw new HttpError(404, `${person.crn} has no sentence plan yet. Create the plan first, on the Sentence plan tab.`);
    return plan;
  };

  const planPage = async (request: FastifyRequest, person: Person, caseHeader: CaseHeader, extra: { errors?: Errors; values?: Body; flash?: string } = {}) => {
    const today = todayIso();
    const [current, facts] = await Promise.all([currentPlan(db, person.id), planFacts(db, person.id)]);
    return {
      pageTitle: `Sentence plan for ${person.crn}`, caseHeader, crn: person.crn, base: `/people/${person.crn}/plan`,
      plan: current && presentPlan(current, facts, today),
      facts, assessedOn: facts.assessment && formatDate(facts.assessment.completedOn),
      canManage: can(request.user, PERMISSIONS.plansManage),
      values: extra.values ?? dateParts('reviewDueOn', addMonths(today, 3)), errors: extra.errors, flash: extra.flash,
    };
  };

  app.get('/people/:crn/plan', read, async (request, reply) => {
    const { person, caseHeader } = await open(request);
    const saved = (request.query as { saved?: string }).saved;
    return reply.page(`${VIEWS}/plan.njk`, await planPage(request, person, caseHeader, { flash: typeof saved === 'string' ? FLASH[saved] : undefined }));
  });

  app.post('/people/:crn/plan', manage, async (request, reply) => {
    const { person, caseHeader } = await open(request);
    const body = (request.body ?? {}) as Body;
    const [existing, facts] = await Promise.all([currentPlan(db, person.id), planFacts(db, person.id)]);
    if (existing && existing.plan.sentence_id === facts.sentenceId) throw new HttpError(400, `${person.crn} already has a sentence plan for the current order: add objectives to it or review it.`);
    const result = validatePlan(body, todayIso());
    if (!result.ok) return reply.code(400).page(`${VIEWS}/plan.njk`, await planPage(request, person, caseHeader, { errors: result.errors, values: body }));
    const id = await createPlan(db, person.id, facts.sentenceId, result.value, request.user!.id, todayIso());
    await audit(db, request, { action: 'plan.create', personId: person.id, detail: { id, reviewDueOn: result.value.reviewDueOn, agreed: result.value.agreed } });
    return reply.redirect(`/people/${person.crn}/plan?saved=created`, 303);
  });

  app.post('/people/:crn/plan/agreement', manage, async (request, reply) => {
    const { person, caseHeader } = await open(request);
    const current = await planOf(person);
    const body = (request.body ?? {}) as Body;
    const result = validateAgreement(body);
    if (!result.ok) return reply.code(400).page(`${VIEWS}/plan.njk`, await planPage(request, person, caseHeader, { errors: result.errors, values: body }));
    if (!await agreePlan(db, current.plan.id, result.value.personsComment, todayIso())) throw new HttpError(400, 'The plan has already been agreed.');
    await audit(db, request, { action: 'plan.agree', personId: person.id, detail: { id: current.plan.id } });
    return reply.redirect(`/people/${person.crn}/plan?saved=agreed`, 303);
  });

  // ---- Objectives: add and edit (the earlier wording is kept) ----
  const objectivePage = (person: Person, caseHeader: CaseHeader, facts: PlanFacts, values: Body, errors?: Errors, objectiveId?: number) => ({
    pageTitle: objectiveId ? `Edit an objective for ${person.crn}` : `Add an objective for ${person.crn}`, caseHeader, crn: person.crn,
    base: `/people/${person.crn}/plan`, action: objectiveId ? `/people/${person.crn}/plan/objectives/${objectiveId}` : `/people/${person.crn}/plan/objectives`,
    editing: !!objectiveId, needs: needItems(facts, String(values.needSection ?? '')), requirements: requirementItems(facts, String(values.requirementId ?? '')),
    statuses: OBJECTIVE_STATUSES.map((s) => ({ ...s, checked: values.status === s.value })),
    assessed: facts.assessment, values, errors,
  });
  const objectiveOf = (current: CurrentPlan, request: FastifyRequest) => {
    const id = idParam(request, 'objective');
    const objective = current.objectives.find((o) => o.id === id);
    if (!objective) throw new HttpError(404, 'There is no objective with that id in this plan.');
    return objective;
  };

  app.get('/people/:crn/plan/objectives/new', manage, async (request, reply) => {
    const { person, caseHeader } = await open(request);
    await planOf(person);
    const query = request.query as { need?: string; requirement?: string };
    const values = { needSection: typeof query.need === 'string' ? query.need : '', requirementId: typeof query.requirement === 'string' ? query.requirement : '' };
    return reply.page(`${VIEWS}/objective.njk`, objectivePage(person, caseHeader, await planFacts(db, person.id), values));
  });

  app.post('/people/:crn/plan/objectives', manage, async (request, reply) => {
    const { person, caseHeader } = await open(request);
    const current = await planOf(person);
    const facts = await planFacts(db, person.id);
    const body = (request.body ?? {}) as Body;
    const result = validateObjective(body, facts.requirements.map((r) => r.id), false);
    if (!result.ok) return reply.code(400).page(`${VIEWS}/objective.njk`, objectivePage(person, caseHeader, facts, body, result.errors));
    const id = await addObjective(db, person.id, current.plan.id, result.value, request.user!.id);
    await audit(db, request, { action: 'plan.objective.add', personId: person.id, detail: { id, need: result.value.needSection, requirementId: result.value.requirementId } });
    return reply.redirect(`/people/${person.crn}/plan?saved=objective`, 303);
  });

  app.get('/people/:crn/plan/objectives/:id', manage, async (request, reply) => {
    const { person, caseHeader } = await open(request);
    const o = objectiveOf(await planOf(person), request);
    const values = { needSection: o.need_section ?? '', requirementId: o.requirement_id ? String(o.requirement_id) : '', objective: o.objective, personsWords: o.persons_words, status: o.status };
    return reply.page(`${VIEWS}/objective.njk`, objectivePage(person, caseHeader, await planFacts(db, person.id), values, undefined, o.id));
  });

  app.post('/people/:crn/plan/objectives/:id', manage, async (request, reply) => {
    const { person, caseHeader } = await open(request);
    const current = await planOf(person);
    const o = objectiveOf(current, request);
    const facts = await planFacts(db, person.id);
    const body = (request.body ?? {}) as Body;
    // The requirement it already serves stays choosable even if that requirement has since ended.
    const allowed = [...facts.requirements.map((r) => r.id), ...(o.requirement_id ? [o.requirement_id] : [])];
    const result = validateObjective(body, allowed, true);
    if (!result.ok) return reply.code(400).page(`${VIEWS}/objective.njk`, objectivePage(person, caseHeader, facts, body, result.errors, o.id));
    await updateObjective(db, o.id, current.plan.id, result.value, request.user!.id);
    await audit(db, request, { action: 'plan.objective.edit', personId: person.id, detail: { id: o.id, status: result.value.status } });
    return reply.redirect(`/people/${person.crn}/plan?saved=edited`, 303);
  });

  // ---- Actions: add, and record the outcome ----
  const actionPage = (person: Person, caseHeader: CaseHeader, objective: CurrentPlan['objectives'][number], values: Body, errors?: Errors) => ({
    pageTitle: `Add an action for ${person.crn}`, caseHeader, crn: person.crn, base: `/people/${person.crn}/plan`,
    action: `/people/${person.crn}/plan/objectives/${objective.id}/actions`,
    objective: { ...objective, need: needLabel(objective.need_section) },
    owners: OWNERS.map((o) => ({ ...o, checked: values.owner === o.value })), values, errors,
  });

  app.get('/people/:crn/plan/objectives/:id/actions/new', manage, async (request, reply) => {
    const { person, caseHeader } = await open(request);
    const o = objectiveOf(await planOf(person), request);
    return reply.page(`${VIEWS}/action.njk`, actionPage(person, caseHeader, o, {}));
  });

  app.post('/people/:crn/plan/objectives/:id/actions', manage, async (request, reply) => {
    const { person, caseHeader } = await open(request);
    const o = objectiveOf(await planOf(person), request);
    if (o.status === 'withdrawn') throw new HttpError(400, 'This objective has been withdrawn: actions can be added only to open objectives.');
    const body = (request.body ?? {}) as Body;
    const result = validateAction(body, todayIso());
    if (!result.ok) return reply.code(400).page(`${VIEWS}/action.njk`, actionPage(person, caseHeader, o, body, result.errors));
    const id = await addAction(db, person.id, o.id, result.value, request.user!.id);
    await audit(db, request, { action: 'plan.action.add', personId: person.id, detail: { id, objectiveId: o.id, owner: result.value.owner, targetOn: result.value.targetOn } });
    return reply.redirect(`/people/${person.crn}/plan?saved=action`, 303);
  });

  const outcomePage = (person: Person, caseHeader: CaseHeader, a: CurrentPlan['actions'][number], values: Body, errors?: Errors) => ({
    pageTitle: `Record an action's outcome for ${person.crn}`, caseHeader, crn: person.crn, base: `/people/${person.crn}/plan`,
    action: `/people/${person.crn}/plan/actions/${a.id}`, item: { ...a, targetOn: formatDate(a.target_on), owner: a.owner === 'agency' ? a.agency_name : OWNERS.find((o) => o.value === a.owner)?.text },
    statuses: [{ value: 'done', text: 'Done' }, { value: 'not_done', text: 'Not done' }].map((s) => ({ ...s, checked: values.status === s.value })), values, errors,
  });
  const actionOf = (current: CurrentPlan, request: FastifyRequest) => {
    const id = idParam(request, 'action');
    const a = current.actions.find((x) => x.id === id);
    if (!a) throw new HttpError(404, 'There is no action with that id in this plan.');
    if (a.status !== 'open') throw new HttpError(400, 'This action\'s outcome has already been recorded.');
    return a;
  };

  app.get('/people/:crn/plan/actions/:id', manage, async (request, reply) => {
    const { person, caseHeader } = await open(request);
    return reply.page(`${VIEWS}/outcome.njk`, outcomePage(person, caseHeader, actionOf(await planOf(person), request), { status: 'done' }));
  });

  app.post('/people/:crn/plan/actions/:id', manage, async (request, reply) => {
    const { person, caseHeader } = await open(request);
    const a = actionOf(await planOf(person), request);
    const body = (request.body ?? {}) as Body;
    const result = validateActionOutcome(body);
    if (!result.ok) return reply.code(400).page(`${VIEWS}/outcome.njk`, outcomePage(person, caseHeader, a, body, result.errors));
    if (!await recordActionOutcome(db, a.id, person.id, result.value, request.user!.id, todayIso())) throw new HttpError(400, 'This action\'s outcome has already been recorded.');
    await audit(db, request, { action: 'plan.action.outcome', personId: person.id, detail: { id: a.id, ...result.value } });
    return reply.redirect(`/people/${person.crn}/plan?saved=outcome`, 303);
  });

  // ---- Reviews: progress on each objective and the next review date ----
  const reviewPage = (person: Person, caseHeader: CaseHeader, current: CurrentPlan, values: Body, errors?: Errors) => ({
    pageTitle: `Review the sentence plan for ${person.crn}`, caseHeader, crn: person.crn, base: `/people/${person.crn}/plan`,
    action: `/people/${person.crn}/plan/reviews`,
    objectives: current.objectives.filter((o) => o.status !== 'withdrawn').map((o) => ({
      ...o, need: needLabel(o.need_section),
      ratings: RATINGS.map((r) => ({ ...r, checked: values[`rating-${o.id}`] === r.value })),
    })),
    values, errors,
  });

  app.get('/people/:crn/plan/reviews/new', manage, async (request, reply) => {
    const { person, caseHeader } = await open(request);
    const today = todayIso();
    return reply.page(`${VIEWS}/review.njk`, reviewPage(person, caseHeader, await planOf(person), { ...dateParts('reviewedOn', today), ...dateParts('nextReviewOn', addMonths(today, 3)) }));
  });

  app.post('/people/:crn/plan/reviews', manage, async (request, reply) => {
    const { person, caseHeader } = await open(request);
    const current = await planOf(person);
    const body = (request.body ?? {}) as Body;
    const live = current.objectives.filter((o) => o.status !== 'withdrawn').map((o) => o.id);
    const result = validateReview(body, live, todayIso(), current.plan.created_at.toISOString().slice(0, 10));
    if (!result.ok) return reply.code(400).page(`${VIEWS}/review.njk`, reviewPage(person, caseHeader, current, body, result.errors));
    const id = await recordReview(db, person.id, current.plan.id, result.value, request.user!.id);
    await audit(db, request, { action: 'plan.review', personId: person.id, detail: { id, reviewedOn: result.value.reviewedOn, nextReviewOn: result.value.nextReviewOn } });
    return reply.redirect(`/people/${person.crn}/plan?saved=review`, 303);
  });
}
