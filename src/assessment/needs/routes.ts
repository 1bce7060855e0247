import type { FastifyInstance, FastifyRequest } from 'fastify';
import { audit } from '../../audit/request-audit.ts';
import { can, PERMISSIONS } from '../../auth/current-user.ts';
import { requires } from '../../auth/plugin.ts';
import type { Db } from '../../database.ts';
import { HttpError } from '../../platform/http/errors.ts';
import { formatDate, formatDateTime } from '../../platform/views/render.ts';
import { openCasePage, type CaseHeader } from '../../people/case-page.ts';
import { recalculateTier } from '../tier/recalculate.ts';
import { presentAssessment, presentHistory } from './presenter.ts';
import { caseFacts, completedVersion, completeDraft, draftFor, latestCompleted, needsHistory, saveDraft, versionBefore, type StoredAssessment } from './repository.ts';
import { completenessErrors, FORM_ID, LIMITS, parseNeedsForm, prefill, sectionScores, type AssessmentContent } from './rules.ts';

const FORM = 'assessment/needs/views/form.njk';

/**
 * Criminogenic needs: the latest assessment with the chart of every version, each completed version,
 * and the one draft a case may have, pre-filled from the latest version and the case record.
 */
export async function needsRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const read = { onRequest: requires(PERMISSIONS.caseRead) };
  const manage = { onRequest: requires(PERMISSIONS.assessmentsManage) };
  const crnOf = (request: FastifyRequest) => (request.params as { crn: string }).crn;
  const version = (assessment: StoredAssessment | null) => assessment && { id: assessment.id, version: assessment.version, completedOn: formatDate(assessment.completedOn), completedBy: assessment.completedBy ?? 'the service' };

  app.get('/people/:crn/needs', read, async (request, reply) => {
    const { person, caseHeader } = await openCasePage(db, request, crnOf(request), 'case.needs.read');
    const [latest, history, draft] = await Promise.all([latestCompleted(db, person.id), needsHistory(db, person.id), draftFor(db, person.id)]);
    const previous = latest ? await versionBefore(db, person.id, latest.version!) : null;
    const query = request.query as { saved?: string };
    return reply.page('assessment/needs/views/needs.njk', {
      pageTitle: `Needs for ${person.crn}`,
      caseHeader,
      crn: person.crn,
      latest: latest && { ...version(latest), content: latest.content, ...presentAssessment(latest.content, previous?.content ?? null) },
      history: presentHistory(history),
      draft: draft && { updatedAt: formatDateTime(draft.updatedAt), updatedBy: draft.updatedBy ?? 'the service' },
      canManage: can(request.user, PERMISSIONS.assessmentsManage),
      flash: query.saved ? 'The draft has been saved. Continue it whenever you are ready.' : undefined,
    });
  });

  /** The draft as stored, or a new one pre-filled (not stored until saved). */
  const formPage = async (person: { id: number; crn: string }, caseHeader: CaseHeader, extra: { content?: AssessmentContent; errors?: Record<string, string> } = {}) => {
    const [draft, latest, facts] = await Promise.all([draftFor(db, person.id), latestCompleted(db, person.id), caseFacts(db, person.id)]);
    const content = extra.content ?? draft?.content ?? prefill(latest?.content ?? null, facts);
    return {
      pageTitle: `Needs assessment for ${person.crn}`,
      caseHeader,
      crn: person.crn,
      formId: FORM_ID,
      limits: LIMITS,
      content,
      draft: draft && { updatedAt: formatDateTime(draft.updatedAt), updatedBy: draft.updatedBy ?? 'the service' },
      prefilledFrom: version(latest),
      ...presentAssessment(content, latest?.content ?? null, { facts, errors: extra.errors ?? {} }),
      errors: extra.errors,
    };
  };

  app.get('/people/:crn/needs/draft', manage, async (request, reply) => {
    const { person, caseHeader } = await openCasePage(db, request, crnOf(request), 'case.needs.read');
    return reply.page(FORM, await formPage(person, caseHeader));
  });

  app.post('/people/:crn/needs/draft', manage, async (request, reply) => {
    const { person, caseHeader } = await openCasePage(db, request, crnOf(request), 'case.needs.read');
    const { action, content, errors } = parseNeedsForm((request.body ?? {}) as Record<string, unknown>);
    // Malformed input is shown back, as typed, and not saved: storing it would lose the parts refused.
    if (Object.keys(errors).length) return reply.code(400).page(FORM, await formPage(person, caseHeader, { content, errors }));

    const incomplete = action === 'complete' ? completenessErrors(content) : {};
    if (action === 'save' || Object.keys(incomplete).length) {
      // Whatever was typed is kept, even when completing fails.
      const id = await saveDraft(db, person.id, content, request.user!.id);
      await audit(db, request, { action: 'needs.draft', personId: person.id, detail: { id, answered: Object.keys(content.answers).length, ...(action === 'complete' ? { unanswered: Object.keys(incomplete).length } : {}) } });
      if (action === 'save') return reply.redirect(`/people/${person.crn}/needs?saved=1`, 303);
      return reply.code(400).page(FORM, await formPage(person, caseHeader, { content, errors: incomplete }));
    }
    const done = await db.transaction().execute(async (trx) => {
      await saveDraft(trx, person.id, content, request.user!.id);
      const completed = await completeDraft(trx, person.id, request.user!.id);
      await recalculateTier(trx, person.id, 'Needs assessment completed', request.user!.id);
      return completed;
    });
    await audit(db, request, { action: 'needs.complete', personId: person.id, detail: { ...done, scores: sectionScores(content.answers) } });
    return reply.redirect(`/people/${person.crn}/needs/${done.id}?completed=1`, 303);
  });

  app.get('/people/:crn/needs/:id', read, async (request, reply) => {
    const { person, caseHeader } = await openCasePage(db, request, crnOf(request), 'case.needs.read');
    const id = Number((request.params as { id: string }).id);
    const assessment = Number.isSafeInteger(id) && id > 0 ? await completedVersion(db, person.id, id) : null;
    if (!assessment) throw new HttpError(404, 'There is no completed needs assessment with that id on this case.');
    const previous = await versionBefore(db, person.id, assessment.version!);
    const completed = (request.query as { completed?: string }).completed;
    return reply.page('assessment/needs/views/version.njk', {
      pageTitle: `Needs assessment version ${assessment.version} for ${person.crn}`,
      caseHeader,
      crn: person.crn,
      assessment: { ...version(assessment), content: assessment.content },
      previous: version(previous),
      ...presentAssessment(assessment.content, previous?.content ?? null),
      flash: completed ? `Version ${assessment.version} of the needs assessment is complete.` : undefined,
    });
  });
}
