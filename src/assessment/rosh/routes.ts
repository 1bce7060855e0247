import type { FastifyInstance, FastifyRequest } from 'fastify';
import { audit } from '../../audit/request-audit.ts';
import { can, PERMISSIONS } from '../../auth/current-user.ts';
import { requires } from '../../auth/plugin.ts';
import type { Db } from '../../database.ts';
import { openCasePage, type CaseHeader } from '../../people/case-page.ts';
import { HttpError } from '../../platform/http/errors.ts';
import { recalculateTier } from '../tier/recalculate.ts';
import { definitions, pageErrors, presentAssessment, presentForm, presentHistory, valuesFrom } from './presenter.ts';
import { completeRosh, roshHistory, roshVersion } from './repository.ts';
import { reviewDateInput, validateRosh } from './rules.ts';

const todayIso = () => new Date().toISOString().slice(0, 10);
const VIEWS = 'assessment/rosh/views';

/** Risk of serious harm: the latest assessment with its history, each version, and completing a new one. */
export async function roshRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const read = { onRequest: requires(PERMISSIONS.caseRead) };
  const manage = { onRequest: requires(PERMISSIONS.assessmentsManage) };
  const crnOf = (request: FastifyRequest) => (request.params as { crn: string }).crn;

  app.get('/people/:crn/rosh', read, async (request, reply) => {
    const { person, caseHeader } = await openCasePage(db, request, crnOf(request), 'case.rosh.read');
    const history = await roshHistory(db, person.id);
    const saved = (request.query as { saved?: string }).saved;
    return reply.page(`${VIEWS}/rosh.njk`, {
      pageTitle: `Risk of serious harm for ${person.crn}`,
      crn: person.crn,
      caseHeader,
      latest: history[0] && presentAssessment(history[0], todayIso()),
      history: presentHistory(history, person.crn),
      definitions,
      canManage: can(request.user, PERMISSIONS.assessmentsManage),
      flash: saved ? 'The RoSH assessment has been saved.' : undefined,
    });
  });

  const form = async (person: { id: number; crn: string }, caseHeader: CaseHeader, values?: Record<string, unknown>, errors?: Record<string, string>) => {
    const history = await roshHistory(db, person.id);
    const today = todayIso();
    return {
      pageTitle: history.length ? `Review the RoSH assessment for ${person.crn}` : `Complete a RoSH assessment for ${person.crn}`,
      crn: person.crn,
      caseHeader,
      previous: history[0] && presentAssessment(history[0], today),
      form: presentForm(values ?? valuesFrom(history[0]), errors, today),
      definitions,
      errors: errors && pageErrors(errors),
    };
  };

  app.get('/people/:crn/rosh/new', manage, async (request, reply) => {
    const { person, caseHeader } = await openCasePage(db, request, crnOf(request), 'case.rosh.read');
    return reply.page(`${VIEWS}/form.njk`, await form(person, caseHeader));
  });

  app.post('/people/:crn/rosh', manage, async (request, reply) => {
    const { person, caseHeader } = await openCasePage(db, request, crnOf(request), 'case.rosh.read');
    const body = (request.body ?? {}) as Record<string, unknown>;
    const today = todayIso();
    const validated = validateRosh({ ...body, reviewDueOn: reviewDateInput(body) }, today);
    if (!validated.ok) return reply.code(400).page(`${VIEWS}/form.njk`, await form(person, caseHeader, body, validated.errors));
    const id = await db.transaction().execute(async (trx) => {
      const saved = await completeRosh(trx, person.id, validated.value, request.user!.id, today);
      await recalculateTier(trx, person.id, 'RoSH assessment completed', request.user!.id);
      return saved;
    });
    await audit(db, request, { action: 'rosh.complete', personId: person.id, detail: { id, overall: validated.value.overall } });
    return reply.redirect(`/people/${person.crn}/rosh?saved=1`, 303);
  });

  app.get('/people/:crn/rosh/:id', read, async (request, reply) => {
    const { person, caseHeader } = await openCasePage(db, request, crnOf(request), 'case.rosh.read');
    const id = Number((request.params as { id: string }).id);
    const row = Number.isSafeInteger(id) && id > 0 ? await roshVersion(db, person.id, id) : undefined;
    if (!row) throw new HttpError(404, 'There is no RoSH assessment with that id on this case.');
    return reply.page(`${VIEWS}/version.njk`, {
      pageTitle: `RoSH assessment version ${row.version} for ${person.crn}`,
      crn: person.crn,
      caseHeader,
      assessment: presentAssessment(row, todayIso()),
      definitions,
    });
  });
}
