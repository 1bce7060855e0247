import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { can, PERMISSIONS } from '../../auth/current-user.ts';
import { requires } from '../../auth/plugin.ts';
import type { Db } from '../../database.ts';
import { openCasePage, type CaseHeader } from '../../people/case-page.ts';
import { HttpError } from '../../platform/http/errors.ts';
import { formatDate, formatDateTime } from '../../platform/views/render.ts';
import { caseTransferSummary } from '../transfers/case-summary.ts';
import { decide, openRequest, todayIso } from './decide.ts';
import { chosenCapacity, presentHistory, presentQueue, presentRanking, SOURCE_NAMES } from './presenter.ts';
import { postcodeDistrict, type Ranking } from './ranking.ts';
import { allocationHistory, decisionSummary, overCapacityDecisions, queueFor, teamsInRegion, type RequestRow } from './repository.ts';
import { overCapacityMessage, rankForCase, type CaseRanking } from './service.ts';

const VIEWS = 'workforce/allocation/views';
type Body = Record<string, unknown>;
const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
const idOf = (v: unknown) => (/^\d{1,9}$/.test(text(v)) ? Number(text(v)) : null);

/** The team's allocation queue, deciding a case, the over-capacity report and the case's Allocation tab. */
export async function allocationRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const allocate = { onRequest: requires(PERMISSIONS.casesAllocate) };
  const read = { onRequest: requires(PERMISSIONS.caseRead) };

  app.get('/allocations', allocate, async (request, reply) => {
    const user = request.user!;
    const q = request.query as { team?: string; decision?: string };
    const teams = await teamsInRegion(db, user);
    const team = q.team ? teams.find((t) => t.code === q.team) : teams.find((t) => t.id === user.teamId) ?? teams[0];
    if (q.team && !team) throw new HttpError(404, `There is no team ${String(q.team).slice(0, 40)} in your region.`);
    const rows = team ? await queueFor(db, team.id, user, todayIso()) : [];
    const decided = idOf(q.decision) ? await decisionSummary(db, idOf(q.decision)!) : undefined;
    return reply.page(`${VIEWS}/queue.njk`, {
      pageTitle: team ? `Allocations: ${team.name}` : 'Allocations', team, rows: presentQueue(rows), count: rows.length,
      teamItems: teams.map((t) => ({ value: t.code, text: `${t.name} (${t.pduName})`, selected: t.id === team?.id })),
      flash: decided ? `${decided.crn} has been allocated to ${decided.practitionerName}${decided.over_capacity_confirmed ? ' (over capacity: reported)' : ''}. They have been notified.` : undefined,
    });
  });

  app.get('/allocations/over-capacity', allocate, async (request, reply) => {
    const rows = await overCapacityDecisions(db, request.user!);
    return reply.page(`${VIEWS}/over-capacity.njk`, {
      pageTitle: 'Allocations over capacity',
      rows: rows.map((r) => [
        { text: r.practitionerName }, { text: r.viewable ? r.crn : `${r.crn} (Restricted)` }, { text: r.teamName },
        { text: formatDateTime(r.created_at) }, { text: r.decidedByName ?? 'Unknown' },
        { text: chosenCapacity(r.ranking as Ranking, r.practitioner_id)?.text ?? '' },
        { text: r.override_reason ?? 'The recommended practitioner' },
      ]),
    });
  });

  /** The decision page: the case with its risk, the points it adds, the ranking with reasons. */
  const decisionPage = async (request: FastifyRequest, row: RequestRow, extra: Record<string, unknown> = {}) => {
    const { caseHeader } = await openCasePage(db, request, row.crn, 'allocation.case.read');
    const ranked = await rankForCase(db, row.person_id, row.team_id, request.user!, todayIso());
    return decisionContext(row, caseHeader, ranked, extra);
  };

  app.get('/allocations/:id', allocate, async (request, reply) => {
    const row = await openRequest(db, request, (request.params as { id: string }).id, 'allocation.read');
    return reply.page(`${VIEWS}/decide.njk`, await decisionPage(request, row));
  });

  app.post('/allocations/:id', allocate, async (request, reply) => {
    const row = await openRequest(db, request, (request.params as { id: string }).id, 'allocation.read');
    const body = (request.body ?? {}) as Body;
    const practitionerId = idOf(body.practitionerId);
    const overrideReason = text(body.overrideReason) || null;
    const input = {
      practitionerId: practitionerId ?? 0, overrideReason, confirmOverCapacity: text(body.confirmOverCapacity) === 'yes',
      shownRecommendation: idOf(body.recommendedId),
    };
    const again = async (errors: Record<string, string>) =>
      reply.code(400).page(`${VIEWS}/decide.njk`, await decisionPage(request, row, { errors, values: { practitionerId: text(body.practitionerId), overrideReason: text(body.overrideReason) } }));
    if (practitionerId === null) return again({ practitionerId: 'Choose a practitioner' });
    try {
      const { decisionId } = await decide(db, request, row, input);
      return reply.redirect(`/allocations?team=${encodeURIComponent(row.teamCode)}&decision=${decisionId}`, 303);
    } catch (error) {
      if (!(error instanceof HttpError) || !error.fields) throw error;
      if (error.fields.confirmOverCapacity) return confirmPage(request, reply, row, input);
      return again(error.fields.practitionerId ? { practitionerId: error.message } : { overrideReason: error.fields.overrideReason ?? error.message });
    }
  });

  /** "This will increase their workload from 97.0% to 104.3%. Allocate anyway?" */
  const confirmPage = async (request: FastifyRequest, reply: FastifyReply, row: RequestRow, input: { practitionerId: number; overrideReason: string | null; shownRecommendation: number | null }) => {
    const { caseHeader } = await openCasePage(db, request, row.crn, 'allocation.case.read');
    const ranked = await rankForCase(db, row.person_id, row.team_id, request.user!, todayIso());
    const chosen = ranked.ranking.eligible.find((e) => e.userId === input.practitionerId)!;
    return reply.code(409).page(`${VIEWS}/confirm.njk`, {
      pageTitle: `Allocate ${row.crn} over capacity?`, caseHeader, row, chosen, input,
      message: overCapacityMessage(chosen.name, chosen.capacityBefore, chosen.capacityAfter),
    });
  };

  app.get('/people/:crn/allocation', read, async (request, reply) => {
    const { person, caseHeader } = await openCasePage(db, request, (request.params as { crn: string }).crn, 'case.allocation.read');
    const [history, current, transferSummary] = await Promise.all([
      allocationHistory(db, person.id),
      db.selectFrom('case_allocations as a').innerJoin('teams as t', 't.id', 'a.team_id').leftJoin('users as u', 'u.id', 'a.practitioner_id')
        .select(['t.name as teamName', 'u.display_name as practitionerName', 'u.grade', 'a.started_at'])
        .where('a.person_id', '=', person.id).where('a.ended_at', 'is', null).executeTakeFirst(),
      caseTransferSummary(db, person.id, request.user!),
    ]);
    return reply.page(`${VIEWS}/case-allocation.njk`, {
      pageTitle: `Allocation for ${person.crn}`, caseHeader, crn: person.crn,
      current: current && { team: current.teamName, practitioner: current.practitionerName ? `${current.practitionerName}${current.grade ? ` (${current.grade})` : ''}` : null, since: formatDate(current.started_at) },
      history: presentHistory(history.spells),
      open: history.open && { ...history.open, source: SOURCE_NAMES[history.open.source], arrived: formatDate(history.open.arrived_at) },
      canAllocate: can(request.user, PERMISSIONS.casesAllocate),
      transferSummary,
    });
  });
}

function decisionContext(row: RequestRow, caseHeader: CaseHeader, ranked: CaseRanking, extra: Record<string, unknown>) {
  const ranking = presentRanking(ranked.ranking);
  const recommended = ranking.eligible.find((e) => e.recommended) ?? null;
  return {
    pageTitle: `Allocate ${row.crn}`, caseHeader, row, awaiting: row.status === 'awaiting',
    source: SOURCE_NAMES[row.source], arrived: formatDate(row.arrived_at), decidedAt: formatDateTime(row.decided_at),
    points: ranked.pointsExplanation, ranking, recommended,
    others: ranking.eligible.filter((e) => !e.recommended),
    needs: [
      ranked.case.domesticAbuse && 'Domestic abuse flag', ranked.case.sexualOffending && 'Sexual offending',
      ranked.case.previousPractitioners.length > 0 && `${ranked.case.previousPractitioners.length} previous ${ranked.case.previousPractitioners.length === 1 ? 'practitioner' : 'practitioners'}`,
      ranked.case.psrAuthorId !== null && 'Has a pre-sentence report author',
      postcodeDistrict(ranked.case.postcode) !== null && `Lives in postcode district ${postcodeDistrict(ranked.case.postcode)}`,
    ].filter(Boolean),
    ...extra,
  };
}
