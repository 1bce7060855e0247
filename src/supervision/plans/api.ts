import { Type, type TSchema } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { audit } from '../../audit/request-audit.ts';
import { PERMISSIONS } from '../../auth/current-user.ts';
import { requires } from '../../auth/plugin.ts';
import type { Db } from '../../database.ts';
import { badRequest, HttpError } from '../../platform/http/errors.ts';
import { ProblemRef } from '../../platform/http/problem.ts';
import { openCase } from '../../people/case-page.ts';
import { validateAction, validateObjective, validatePlan, validateReview, type Result } from './forms.ts';
import { needLabel } from './presenter.ts';
import { addAction, addObjective, createPlan, currentPlan, planFacts, recordReview, type CurrentPlan, type PlanFacts } from './repository.ts';
import { actionOverdue, needsWithoutObjective, progressSummary, requirementsWithoutObjective, reviewDueOn, reviewStatus } from './rules.ts';

const tags = ['plans'];
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const DateStr = Type.String({ format: 'date' });
const Crn = Type.Object({ crn: Type.String({ maxLength: 20 }) });
const Need = Type.Object({ key: Type.String(), label: Type.String(), level: Type.String({ description: 'standard or severe' }), score: Type.Integer() });
const Requirement = Type.Object({ id: Type.Integer(), type: Type.String(), name: Type.String() });
const Action = Type.Object({
  id: Type.Integer(), action: Type.String(), owner: Type.String({ description: 'person, practitioner or agency' }), agencyName: Nullable(Type.String()),
  targetOn: DateStr, status: Type.String({ description: 'open, done or not_done' }), note: Nullable(Type.String()), overdue: Type.Boolean(),
});
const Objective = Type.Object({
  id: Type.Integer(), needSection: Nullable(Type.String()), needLabel: Nullable(Type.String()), requirementId: Nullable(Type.Integer()), requirementName: Nullable(Type.String()),
  objective: Type.String({ description: 'In the practitioner\'s words' }), personsWords: Type.String({ description: 'In the person\'s own words' }),
  status: Type.String({ description: 'open, achieved or withdrawn' }), actions: Type.Array(Action),
  latestProgress: Nullable(Type.Object({ reviewId: Type.Integer(), rating: Type.String(), progress: Type.String() })),
});
const Review = Type.Object({
  id: Type.Integer(), reviewedOn: DateStr, nextReviewOn: DateStr, summary: Type.String(), reviewedBy: Nullable(Type.String()),
  progress: Type.Array(Type.Object({ objectiveId: Type.Integer(), rating: Type.String(), progress: Type.String() })),
});
const Plan = Type.Object({
  id: Type.Integer(), status: Type.String({ description: 'draft or agreed' }), agreedOn: Nullable(DateStr), personsComment: Nullable(Type.String()),
  reviewDueOn: DateStr, reviewStatus: Type.String({ description: 'overdue, due (within 14 days) or not_due' }), progress: Type.String(),
  objectives: Type.Array(Objective), reviews: Type.Array(Review, { description: 'Newest first' }),
});
const PlanBody = Type.Object({
  crn: Type.String(), plan: Nullable(Plan),
  needsWithoutObjective: Type.Array(Need, { description: 'Needs in the latest completed needs assessment that no objective addresses' }),
  requirementsWithoutObjective: Type.Array(Requirement), assessedNeeds: Type.Array(Need), requirements: Type.Array(Requirement),
});
const Created = Type.Object({ id: Type.Integer() });
const errors4xx = { 400: ProblemRef, 401: ProblemRef, 403: ProblemRef, 404: ProblemRef };

function present(crn: string, current: CurrentPlan | null, facts: PlanFacts, today: string) {
  const links = current?.objectives.map((o) => ({ needSection: o.need_section, requirementId: o.requirement_id, status: o.status })) ?? [];
  const need = (n: PlanFacts['needs'][number]) => ({ key: n.key, label: n.label, level: n.level, score: n.score });
  let plan = null;
  if (current) {
    const { reviews, progress } = current;
    const latestOf = (id: number) => reviews.map((r) => progress.find((p) => p.review_id === r.id && p.objective_id === id)).find(Boolean);
    const dueOn = reviewDueOn({ reviewDueOn: current.plan.review_due_on }, reviews.map((r) => ({ id: r.id, reviewedOn: r.reviewed_on, nextReviewOn: r.next_review_on })));
    plan = {
      id: current.plan.id, status: current.plan.status, agreedOn: current.plan.agreed_on, personsComment: current.plan.persons_comment,
      reviewDueOn: dueOn, reviewStatus: reviewStatus(dueOn, today),
      progress: progressSummary(current.objectives, new Map(current.objectives.flatMap((o) => { const l = latestOf(o.id); return l ? [[o.id, l.rating] as const] : []; }))).text,
      objectives: current.objectives.map((o) => {
        const l = latestOf(o.id);
        return {
          id: o.id, needSection: o.need_section, needLabel: needLabel(o.need_section), requirementId: o.requirement_id, requirementName: o.requirement_name,
          objective: o.objective, personsWords: o.persons_words, status: o.status,
          actions: current.actions.filter((a) => a.objective_id === o.id).map((a) => ({
            id: a.id, action: a.action, owner: a.owner, agencyName: a.agency_name, targetOn: a.target_on, status: a.status, note: a.status_note,
            overdue: o.status !== 'withdrawn' && actionOverdue({ status: a.status, targetOn: a.target_on }, today),
          })),
          latestProgress: l ? { reviewId: l.review_id, rating: l.rating, progress: l.progress } : null,
        };
      }),
      reviews: reviews.map((r) => ({
        id: r.id, reviewedOn: r.reviewed_on, nextReviewOn: r.next_review_on, summary: r.summary, reviewedBy: r.reviewed_by_name,
        progress: progress.filter((p) => p.review_id === r.id).map((p) => ({ objectiveId: p.objective_id, rating: p.rating, progress: p.progress })),
      })),
    };
  }
  return {
    crn, plan,
    needsWithoutObjective: needsWithoutObjective(facts.needs, links).map(need),
    requirementsWithoutObjective: requirementsWithoutObjective(facts.requirements, links),
    assessedNeeds: facts.needs.map(need), requirements: facts.requirements,
  };
}

/** A validation result, or a 400 naming each field's problem. */
function valid<T>(result: Result<T>): T {
  if (!result.ok) throw badRequest(`The request has problems: ${Object.values(result.errors).join('; ')}.`, result.errors);
  return result.value;
}

/** Sentence plans on the API: the same rules, permissions, access list and audit as the pages. */
export async function planApi(app: FastifyInstance, { db }: { db: Db }) {
  const today = () => new Date().toISOString().slice(0, 10);
  const open = (request: FastifyRequest, action: string) => openCase(db, request, (request.params as { crn: string }).crn, action);
  const planOf = async (person: { id: number; crn: string }) => {
    const current = await currentPlan(db, person.id);
    if (!current) throw new HttpError(404, `${person.crn} has no sentence plan yet: create it with POST /api/v1/people/${person.crn}/plan.`);
    return current;
  };

  app.get('/people/:crn/plan', {
    onRequest: requires(PERMISSIONS.caseRead),
    schema: { summary: 'A person\'s current sentence plan, with the assessed needs and requirements no objective addresses', tags, params: Crn, response: { 200: PlanBody, ...errors4xx } },
  }, async (request) => {
    const person = await open(request, 'api.case.plan.read');
    const [current, facts] = await Promise.all([currentPlan(db, person.id), planFacts(db, person.id)]);
    return present(person.crn, current, facts, today());
  });

  app.post('/people/:crn/plan', {
    onRequest: requires(PERMISSIONS.plansManage),
    schema: {
      summary: 'Create the sentence plan for the current order, with its review date', tags, params: Crn,
      body: Type.Object({ reviewDueOn: Type.String({ description: 'YYYY-MM-DD, in the future', maxLength: 20 }), agreed: Type.Optional(Type.Boolean()), personsComment: Type.Optional(Type.String({ maxLength: 4000 })) }, { additionalProperties: false }),
      response: { 201: Created, ...errors4xx },
    },
  }, async (request, reply) => {
    const person = await open(request, 'api.case.plan.read');
    const body = request.body as { reviewDueOn: string; agreed?: boolean; personsComment?: string };
    const [existing, facts] = await Promise.all([currentPlan(db, person.id), planFacts(db, person.id)]);
    if (existing && existing.plan.sentence_id === facts.sentenceId) throw badRequest(`${person.crn} already has a sentence plan for the current order (id ${existing.plan.id}).`);
    const values = valid(validatePlan({ reviewDueOn: body.reviewDueOn, agreed: body.agreed ? 'yes' : 'no', personsComment: body.personsComment ?? '' }, today()));
    const id = await createPlan(db, person.id, facts.sentenceId, values, request.user!.id, today());
    await audit(db, request, { action: 'plan.create', personId: person.id, detail: { id, reviewDueOn: values.reviewDueOn, agreed: values.agreed, via: 'api' } });
    return reply.code(201).send({ id });
  });

  app.post('/people/:crn/plan/objectives', {
    onRequest: requires(PERMISSIONS.plansManage),
    schema: {
      summary: 'Add an objective addressing an assessed need (OASys section key) and/or serving a current requirement', tags, params: Crn,
      body: Type.Object({
        needSection: Type.Optional(Type.String({ maxLength: 40, description: 'accommodation, ete, relationships, lifestyle, drugs, alcohol, thinking_behaviour, attitudes, finance or emotional' })),
        requirementId: Type.Optional(Type.Integer({ minimum: 1 })),
        objective: Type.String({ maxLength: 2000 }), personsWords: Type.String({ maxLength: 2000 }),
      }, { additionalProperties: false }),
      response: { 201: Created, ...errors4xx },
    },
  }, async (request, reply) => {
    const person = await open(request, 'api.case.plan.read');
    const current = await planOf(person);
    const facts = await planFacts(db, person.id);
    const body = request.body as { needSection?: string; requirementId?: number; objective: string; personsWords: string };
    const values = valid(validateObjective({ ...body, requirementId: body.requirementId === undefined ? '' : String(body.requirementId) }, facts.requirements.map((r) => r.id), false));
    const id = await addObjective(db, person.id, current.plan.id, values, request.user!.id);
    await audit(db, request, { action: 'plan.objective.add', personId: person.id, detail: { id, need: values.needSection, requirementId: values.requirementId, via: 'api' } });
    return reply.code(201).send({ id });
  });

  app.post('/people/:crn/plan/objectives/:id/actions', {
    onRequest: requires(PERMISSIONS.plansManage),
    schema: {
      summary: 'Add an action to an objective: what, who (the person, the practitioner or a named agency) and by when', tags,
      params: Type.Object({ crn: Type.String({ maxLength: 20 }), id: Type.Integer({ minimum: 1 }) }),
      body: Type.Object({
        action: Type.String({ maxLength: 2000 }), owner: Type.Union([Type.Literal('person'), Type.Literal('practitioner'), Type.Literal('agency')]),
        agencyName: Type.Optional(Type.String({ maxLength: 200 })), targetOn: Type.String({ maxLength: 20, description: 'YYYY-MM-DD, today or later' }),
      }, { additionalProperties: false }),
      response: { 201: Created, ...errors4xx },
    },
  }, async (request, reply) => {
    const person = await open(request, 'api.case.plan.read');
    const current = await planOf(person);
    const objectiveId = (request.params as { id: number }).id;
    const objective = current.objectives.find((o) => o.id === objectiveId);
    if (!objective) throw new HttpError(404, `There is no objective ${objectiveId} in ${person.crn}'s current plan.`);
    if (objective.status === 'withdrawn') throw badRequest('This objective has been withdrawn: actions can be added only to open objectives.');
    const values = valid(validateAction(request.body as Record<string, unknown>, today()));
    const id = await addAction(db, person.id, objective.id, values, request.user!.id);
    await audit(db, request, { action: 'plan.action.add', personId: person.id, detail: { id, objectiveId, owner: values.owner, targetOn: values.targetOn, via: 'api' } });
    return reply.code(201).send({ id });
  });

  app.post('/people/:crn/plan/reviews', {
    onRequest: requires(PERMISSIONS.plansManage),
    schema: {
      summary: 'Record a review: progress on every open or achieved objective and the next review date', tags, params: Crn,
      body: Type.Object({
        reviewedOn: Type.String({ maxLength: 20 }), nextReviewOn: Type.String({ maxLength: 20 }), summary: Type.Optional(Type.String({ maxLength: 4000 })),
        progress: Type.Array(Type.Object({
          objectiveId: Type.Integer({ minimum: 1 }),
          rating: Type.Union(['not_started', 'some_progress', 'good_progress', 'achieved'].map((r) => Type.Literal(r))),
          progress: Type.Optional(Type.String({ maxLength: 4000 })),
        }, { additionalProperties: false }), { maxItems: 100 }),
      }, { additionalProperties: false }),
      response: { 201: Created, ...errors4xx },
    },
  }, async (request, reply) => {
    const person = await open(request, 'api.case.plan.read');
    const current = await planOf(person);
    const body = request.body as { reviewedOn: string; nextReviewOn: string; summary?: string; progress: { objectiveId: number; rating: string; progress?: string }[] };
    const live = current.objectives.filter((o) => o.status !== 'withdrawn').map((o) => o.id);
    const unknown = body.progress.filter((p) => !live.includes(p.objectiveId)).map((p) => p.objectiveId);
    if (unknown.length) throw badRequest(`These objectives are not open in ${person.crn}'s current plan: ${unknown.join(', ')}.`);
    const form: Record<string, unknown> = { reviewedOn: body.reviewedOn, nextReviewOn: body.nextReviewOn, summary: body.summary ?? '' };
    for (const p of body.progress) { form[`rating-${p.objectiveId}`] = p.rating; form[`progress-${p.objectiveId}`] = p.progress ?? ''; }
    const result = validateReview(form, live, today(), current.plan.created_at.toISOString().slice(0, 10));
    if (!result.ok) {
      // Name missing objectives by id rather than by form field.
      const fields = Object.fromEntries(Object.entries(result.errors).map(([k, v]) => [k, k.startsWith('rating-') ? `Give a rating for objective ${k.slice(7)}` : v]));
      throw badRequest(`The review has problems: ${Object.values(fields).join('; ')}.`, fields);
    }
    const id = await recordReview(db, person.id, current.plan.id, result.value, request.user!.id);
    await audit(db, request, { action: 'plan.review', personId: person.id, detail: { id, reviewedOn: result.value.reviewedOn, nextReviewOn: result.value.nextReviewOn, via: 'api' } });
    return reply.code(201).send({ id });
  });
}
