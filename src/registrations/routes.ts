import type { FastifyInstance, FastifyRequest } from 'fastify';
import { recalculateTier } from '../assessment/tier/recalculate.ts';
import { audit } from '../audit/request-audit.ts';
import { can, PERMISSIONS } from '../auth/current-user.ts';
import { requires } from '../auth/plugin.ts';
import type { Db } from '../database.ts';
import { HttpError } from '../platform/http/errors.ts';
import { openCasePage, type CaseHeader } from '../people/case-page.ts';
import { presentRegistrations } from './presenter.ts';
import { activeRegistration, addRegistration, deregister, registrationsFor, registrationTypes, reviewRegistration } from './repository.ts';
import { validateDeregistration, validateRegistration, validateReview } from './rules.ts';

const todayIso = () => new Date().toISOString().slice(0, 10);
type Values = Record<string, unknown>;

/** Risk flags on a case: the list with history, adding one, reviewing it and removing it with a reason. */
export async function registrationRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const read = { onRequest: requires(PERMISSIONS.caseRead) };
  const manage = { onRequest: requires(PERMISSIONS.registrationsManage) };
  const crnOf = (request: FastifyRequest) => (request.params as { crn: string }).crn;

  const listPage = async (request: FastifyRequest, person: { id: number; crn: string }, caseHeader: CaseHeader, extra: Values = {}) => {
    const types = await registrationTypes(db);
    const values = (extra.values ?? {}) as Values;
    return {
      pageTitle: `Risk flags for ${person.crn}`,
      crn: person.crn,
      caseHeader,
      flags: presentRegistrations(await registrationsFor(db, person.id), todayIso()),
      canManage: can(request.user, PERMISSIONS.registrationsManage),
      types: [{ value: '', text: 'Select a type' }, ...types.map((t) => ({ value: t.code, text: t.name, selected: values.typeCode === t.code }))],
      levels: [{ value: '', text: 'Not applicable' }, ...[...new Set(types.flatMap((t) => t.levels))].map((level) => ({ value: level, text: level, selected: values.level === level }))],
      values,
      ...extra,
    };
  };

  app.get('/people/:crn/flags', read, async (request, reply) => {
    const { person, caseHeader } = await openCasePage(db, request, crnOf(request), 'case.flags.read');
    const saved = (request.query as { saved?: string }).saved;
    return reply.page('registrations/views/flags.njk', await listPage(request, person, caseHeader, { flash: saved ? 'The risk flags have been updated.' : undefined }));
  });

  app.post('/people/:crn/flags', manage, async (request, reply) => {
    const { person, caseHeader } = await openCasePage(db, request, crnOf(request), 'case.flags.read');
    const body = (request.body ?? {}) as Values;
    const validated = validateRegistration(body, await registrationTypes(db), todayIso());
    if (!validated.ok) return reply.code(400).page('registrations/views/flags.njk', await listPage(request, person, caseHeader, { values: body, errors: validated.errors }));
    const id = await db.transaction().execute(async (trx) => {
      const added = await addRegistration(trx, person.id, validated.value, request.user!.id);
      await recalculateTier(trx, person.id, `Risk flag added`, request.user!.id);
      return added;
    });
    await audit(db, request, { action: 'registration.create', personId: person.id, detail: { id, type: validated.value.typeCode, level: validated.value.level } });
    return reply.redirect(`/people/${person.crn}/flags?saved=1`, 303);
  });

  const flagAction = (action: 'review' | 'remove') => async (request: FastifyRequest, reply: import('fastify').FastifyReply) => {
    const { person, caseHeader } = await openCasePage(db, request, crnOf(request), 'case.flags.read');
    const id = Number((request.params as { id: string }).id);
    const flag = Number.isSafeInteger(id) && id > 0 ? await activeRegistration(db, person.id, id) : undefined;
    if (!flag) throw new HttpError(404, 'There is no active flag with that id on this case. It may have been removed already.');
    const body = (request.body ?? {}) as Values;
    if (action === 'review') {
      const review = validateReview(body, todayIso(), flag.review_months);
      if (!review.ok) return reply.code(400).page('registrations/views/flags.njk', await listPage(request, person, caseHeader, { errors: prefix(review.errors, `review-${id}-`), reviewValues: { [id]: body } }));
      await db.transaction().execute(async (trx) => {
        await reviewRegistration(trx, person.id, id, review.value, request.user!.id);
        await recalculateTier(trx, person.id, `Risk flag reviewed: ${flag.name}`, request.user!.id);
      });
      await audit(db, request, { action: 'registration.review', personId: person.id, detail: { id, nextReviewOn: review.value.nextReviewOn } });
    } else {
      const removal = validateDeregistration(body);
      if (!removal.ok) return reply.code(400).page('registrations/views/flags.njk', await listPage(request, person, caseHeader, { errors: prefix(removal.errors, `remove-${id}-`) }));
      await db.transaction().execute(async (trx) => {
        await deregister(trx, id, removal.value.reason, request.user!.id);
        await recalculateTier(trx, person.id, `Risk flag removed: ${flag.name}`, request.user!.id);
      });
      await audit(db, request, { action: 'registration.remove', personId: person.id, detail: { id, reason: removal.value.reason } });
    }
    return reply.redirect(`/people/${person.crn}/flags?saved=1`, 303);
  };
  app.post('/people/:crn/flags/:id/review', manage, flagAction('review'));
  app.post('/people/:crn/flags/:id/remove', manage, flagAction('remove'));
}

/** Field errors keyed by the id of the field on the page (each flag has its own small forms). */
const prefix = (errors: Record<string, string>, with_: string) => Object.fromEntries(Object.entries(errors).map(([key, value]) => [`${with_}${key}`, value]));
