import type { FastifyInstance, FastifyRequest } from 'fastify';
import { audit } from '../audit/request-audit.ts';
import { can, PERMISSIONS } from '../auth/current-user.ts';
import { requires } from '../auth/plugin.ts';
import type { Db } from '../database.ts';
import { openCasePage, type CaseHeader } from '../people/case-page.ts';
import { formatDate } from '../platform/views/render.ts';
import { sanctionCounts } from '../sentencing/repository.ts';
import { scoreOgp } from './predictors/ogp.ts';
import { scoreOgrs3 } from './predictors/ogrs3.ts';
import { scoreOvp } from './predictors/ovp.ts';
import type { Validated } from './predictors/common.ts';
import { presentScore, presentTier, presentTierHistory } from './risk-presenter.ts';
import { validateCriminalHistory } from './scores/history-form.ts';
import { ogpInputFrom, ogrs3InputFrom, ovpInputFrom, type Gathered, type Missing } from './scores/inputs.ts';
import { criminalHistory, latestScores, predictorFacts, PREDICTORS, scoreHistory } from './scores/repository.ts';
import { recalculateTier } from './tier/recalculate.ts';
import { tierHistory } from './tier/repository.ts';

const todayIso = () => new Date().toISOString().slice(0, 10);
const crnOf = (request: FastifyRequest) => (request.params as { crn: string }).crn;

/** What stops a predictor being calculated now: inputs the record lacks, or inputs that contradict each other. */
function problems<T>(gathered: Gathered<T>, score: (raw: T) => Validated<unknown>): Missing[] {
  if (!gathered.ok) return gathered.missing;
  const scored = score(gathered.input);
  return scored.ok ? [] : Object.values(scored.errors).map((label) => ({ field: 'input', label, where: 'history' as const }));
}

/** The case's "Risk and tier" page and the criminal history the predictors ask for. */
export async function assessmentRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const read = { onRequest: requires(PERMISSIONS.caseRead) };
  const manage = { onRequest: requires(PERMISSIONS.assessmentsManage) };

  app.get('/people/:crn/risk', read, async (request, reply) => {
    const { person, caseHeader } = await openCasePage(db, request, crnOf(request), 'case.risk.read');
    const [facts, latest, history, tiers, scores] = await Promise.all([
      predictorFacts(db, person.id), latestScores(db, person.id), criminalHistory(db, person.id), tierHistory(db, person.id), scoreHistory(db, person.id),
    ]);
    const missing = {
      ogrs3: problems(ogrs3InputFrom(facts), scoreOgrs3),
      ogp: problems(ogpInputFrom(facts, latest.ogrs3?.two_year_percent ?? null), scoreOgp),
      ovp: problems(ovpInputFrom(facts), scoreOvp),
    };
    return reply.page('assessment/views/risk.njk', {
      pageTitle: `Risk and tier for ${person.crn}`,
      caseHeader,
      crn: person.crn,
      tier: presentTier(tiers[0]),
      tierHistory: presentTierHistory(tiers),
      predictors: PREDICTORS.map((predictor) => presentScore(predictor, latest[predictor], missing[predictor], person.crn)),
      scoreHistory: scores.map((row) => ({ ...row, when: formatDate(row.calculated_at) })),
      history: history && { ...history, firstSanction: formatDate(history.first_sanction_date), recorded: formatDate(history.recorded_on) },
      canManage: can(request.user, PERMISSIONS.assessmentsManage),
      flash: (request.query as { saved?: string }).saved ? 'The criminal history has been saved and the scores and tier recalculated.' : undefined,
    });
  });

  const historyPage = async (person: { id: number; crn: string }, caseHeader: CaseHeader, values?: Record<string, unknown>, errors?: Record<string, string>) => {
    const [saved, counts] = await Promise.all([criminalHistory(db, person.id), sanctionCounts(db, person.id)]);
    // Pre-filled from what is already held: the saved history, else the events on this record.
    const first = saved?.first_sanction_date ?? counts.firstConvictionDate;
    const [year, month, day] = first ? first.split('-') : ['', '', ''];
    return {
      pageTitle: `Criminal history for ${person.crn}`,
      caseHeader,
      crn: person.crn,
      counts,
      values: values ?? {
        previousSanctions: saved?.previous_sanctions ?? (counts.total > 0 ? counts.total - 1 : ''),
        previousConvictions: saved?.previous_convictions ?? '',
        violentSanctions: saved?.violent_sanctions ?? counts.violent,
        'firstSanctionDate-day': day ? String(Number(day)) : '', 'firstSanctionDate-month': month ? String(Number(month)) : '', 'firstSanctionDate-year': year ?? '',
      },
      prefilledFromRecord: !saved && counts.total > 0,
      errors,
    };
  };

  app.get('/people/:crn/risk/history', manage, async (request, reply) => {
    const { person, caseHeader } = await openCasePage(db, request, crnOf(request), 'case.risk.read');
    return reply.page('assessment/views/criminal-history.njk', await historyPage(person, caseHeader));
  });

  app.post('/people/:crn/risk/history', manage, async (request, reply) => {
    const { person, caseHeader } = await openCasePage(db, request, crnOf(request), 'case.risk.read');
    const body = (request.body ?? {}) as Record<string, unknown>;
    const { date_of_birth: dateOfBirth } = await db.selectFrom('people').select('date_of_birth').where('id', '=', person.id).executeTakeFirstOrThrow();
    const form = validateCriminalHistory(body, { dateOfBirth }, todayIso());
    if (!form.ok) return reply.code(400).page('assessment/views/criminal-history.njk', await historyPage(person, caseHeader, body, form.errors));
    const h = form.value;
    const row = {
      previous_sanctions: h.previousSanctions, previous_convictions: h.previousConvictions, violent_sanctions: h.violentSanctions,
      first_sanction_date: h.firstSanctionDate, recorded_by: request.user!.id,
    };
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('criminal_histories').values({ person_id: person.id, ...row })
        .onConflict((oc) => oc.column('person_id').doUpdateSet({ ...row, recorded_at: new Date() })).execute();
      await recalculateTier(trx, person.id, 'Criminal history recorded', request.user!.id);
    });
    await audit(db, request, { action: 'criminal-history.save', personId: person.id, detail: { ...h } });
    return reply.redirect(`/people/${person.crn}/risk?saved=1`, 303);
  });
}
