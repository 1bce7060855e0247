import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { PERMISSIONS } from '../../auth/current-user.ts';
import { requires } from '../../auth/plugin.ts';
import type { Db } from '../../database.ts';
import { openCase } from '../../people/case-page.ts';
import { HttpError } from '../../platform/http/errors.ts';
import { ProblemRef } from '../../platform/http/problem.ts';
import { decide, openRequest, todayIso } from './decide.ts';
import type { Ranking } from './ranking.ts';
import { allocationHistory, queueFor, teamsInRegion } from './repository.ts';
import { rankForCase } from './service.ts';

const tags = ['allocation'];
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Source = Type.Union([Type.Literal('court'), Type.Literal('custody'), Type.Literal('transfer_in')]);
const RankingSchema = Type.Object({
  recommendedUserId: Nullable(Type.Integer()),
  eligible: Type.Array(Type.Object({
    userId: Type.Integer(), name: Type.String(), score: Type.Number(), capacityBefore: Type.Number(), capacityAfter: Type.Number(),
    overCapacity: Type.Boolean(), recentAllocations: Type.Integer(), reasons: Type.Array(Type.String()),
  })),
  ineligible: Type.Array(Type.Object({ userId: Type.Integer(), name: Type.String(), reasons: Type.Array(Type.String()) })),
}, { description: 'Eligible practitioners best first, each with every reason; the ineligible with why' });
const Id = Type.Object({ id: Type.String({ pattern: '^[0-9]{1,15}$' }) });
const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** The allocation queue and decisions: the same access list and audit as the pages. */
export async function allocationApi(app: FastifyInstance, { db }: { db: Db }) {
  const allocate = requires(PERMISSIONS.casesAllocate);

  app.get('/allocations', {
    onRequest: allocate,
    schema: {
      summary: 'A team\'s allocation queue, oldest first (the caller\'s team unless `team` names another in their region)', tags,
      querystring: Type.Object({ team: Type.Optional(Type.String({ maxLength: 40, description: 'Team code, e.g. NE-NCL-C' })) }),
      response: {
        200: Type.Object({
          team: Type.Object({ code: Type.String(), name: Type.String() }),
          cases: Type.Array(Type.Object({
            requestId: Type.Integer(), crn: Type.String(), restricted: Type.Boolean({ description: 'The access list refuses the caller: only the CRN is given' }),
            name: Nullable(Type.String()), tier: Nullable(Type.String()), rosh: Nullable(Type.String()),
            source: Source, arrivedAt: Type.String({ format: 'date-time' }), daysWaiting: Type.Integer(),
          })),
        }),
        400: ProblemRef, 401: ProblemRef, 403: ProblemRef, 404: ProblemRef,
      },
    },
  }, async (request) => {
    const user = request.user!;
    const code = (request.query as { team?: string }).team;
    const teams = await teamsInRegion(db, user);
    const team = code ? teams.find((t) => t.code === code) : teams.find((t) => t.id === user.teamId);
    if (!team) throw code ? new HttpError(404, `There is no team ${code} in your region.`) : new HttpError(400, 'You are not in a team: give the team code as ?team=CODE.');
    const rows = await queueFor(db, team.id, user, todayIso());
    return {
      team: { code: team.code, name: team.name },
      cases: rows.map((r) => ({
        requestId: Number(r.id), crn: r.crn, restricted: !r.viewable, name: r.viewable ? `${r.first_name} ${r.last_name}` : null,
        tier: r.viewable ? r.tier : null, rosh: r.viewable ? r.rosh : null, source: r.source, arrivedAt: iso(r.arrived_at)!, daysWaiting: Number(r.daysWaiting),
      })),
    };
  });

  app.get('/allocations/:id', {
    onRequest: allocate,
    schema: {
      summary: 'An allocation request: the case, its risk, the points it adds and the ranked practitioners with their reasons', tags, params: Id,
      response: {
        200: Type.Object({
          requestId: Type.Integer(), status: Type.String(), source: Source, arrivedAt: Type.String({ format: 'date-time' }),
          team: Type.Object({ code: Type.String(), name: Type.String() }),
          case: Type.Object({
            crn: Type.String(), tier: Nullable(Type.String()), rosh: Nullable(Type.String()), protectLevel: Nullable(Type.String()),
            domesticAbuse: Type.Boolean(), sexualOffending: Type.Boolean(), flags: Type.Array(Type.String()),
            pointsAdded: Type.Number(), pointsExplanation: Type.String(),
          }),
          ranking: RankingSchema,
        }),
        401: ProblemRef, 403: ProblemRef, 404: ProblemRef,
      },
    },
  }, async (request) => {
    const row = await openRequest(db, request, (request.params as { id: string }).id, 'api.allocation.read');
    const [ranked, flags] = await Promise.all([
      rankForCase(db, row.person_id, row.team_id, request.user!, todayIso()),
      db.selectFrom('registrations as r').innerJoin('registration_types as t', 't.code', 'r.type_code').select('t.name')
        .where('r.person_id', '=', row.person_id).where('r.deregistered_on', 'is', null).orderBy('t.name').execute(),
    ]);
    return {
      requestId: Number(row.id), status: row.status, source: row.source, arrivedAt: iso(row.arrived_at)!,
      team: { code: row.teamCode, name: row.teamName },
      case: {
        crn: row.crn, tier: ranked.case.tier, rosh: ranked.case.roshLevel, protectLevel: ranked.case.protectLevel,
        domesticAbuse: ranked.case.domesticAbuse, sexualOffending: ranked.case.sexualOffending, flags: flags.map((f) => f.name),
        pointsAdded: ranked.pointsAdded, pointsExplanation: ranked.pointsExplanation,
      },
      ranking: ranked.ranking,
    };
  });

  app.post('/allocations/:id/decision', {
    onRequest: allocate,
    schema: {
      summary: 'Allocate the case: the recommendation, or another eligible practitioner with overrideReason; over 100% needs confirmOverCapacity', tags, params: Id,
      body: Type.Object({
        practitionerId: Type.Integer({ minimum: 1 }),
        overrideReason: Type.Optional(Type.String({ maxLength: 2000 })),
        confirmOverCapacity: Type.Optional(Type.Boolean()),
      }, { additionalProperties: false }),
      response: {
        201: Type.Object({ decisionId: Type.Integer(), practitionerId: Type.Integer(), recommendedUserId: Nullable(Type.Integer()), overCapacity: Type.Boolean(), capacityAfter: Type.Number() }),
        400: ProblemRef, 401: ProblemRef, 403: ProblemRef, 404: ProblemRef, 409: ProblemRef,
      },
    },
  }, async (request, reply) => {
    const row = await openRequest(db, request, (request.params as { id: string }).id, 'api.allocation.read');
    const body = request.body as { practitionerId: number; overrideReason?: string; confirmOverCapacity?: boolean };
    const { decisionId, ranked, chosen } = await decide(db, request, row, {
      practitionerId: body.practitionerId, overrideReason: body.overrideReason?.trim() || null, confirmOverCapacity: body.confirmOverCapacity === true,
    });
    return reply.code(201).send({ decisionId: Number(decisionId), practitionerId: body.practitionerId, recommendedUserId: ranked.ranking.recommendedUserId, overCapacity: chosen.overCapacity, capacityAfter: chosen.capacityAfter });
  });

  app.get('/people/:crn/allocations', {
    onRequest: requires(PERMISSIONS.caseRead),
    schema: {
      summary: 'A case\'s allocation history, newest first: each spell with the decision that started it (recommended, chosen, reason, ranking)', tags,
      params: Type.Object({ crn: Type.String({ maxLength: 20 }) }),
      response: {
        200: Type.Object({
          crn: Type.String(),
          openRequest: Nullable(Type.Object({ requestId: Type.Integer(), team: Type.String(), source: Source, arrivedAt: Type.String({ format: 'date-time' }) })),
          history: Type.Array(Type.Object({
            team: Type.String(), practitionerId: Nullable(Type.Integer()), practitioner: Nullable(Type.String()),
            startedAt: Type.String({ format: 'date-time' }), endedAt: Nullable(Type.String({ format: 'date-time' })),
            decision: Nullable(Type.Object({
              decisionId: Type.Integer(), decidedBy: Nullable(Type.String()), decidedAt: Type.String({ format: 'date-time' }), source: Source,
              recommended: Nullable(Type.String()), overrideReason: Nullable(Type.String()), overCapacityConfirmed: Type.Boolean(), ranking: RankingSchema,
            })),
          })),
        }),
        401: ProblemRef, 403: ProblemRef, 404: ProblemRef,
      },
    },
  }, async (request) => {
    const person = await openCase(db, request, (request.params as { crn: string }).crn, 'api.case.allocations.read');
    const { spells, open } = await allocationHistory(db, person.id);
    return {
      crn: person.crn,
      openRequest: open && { requestId: Number(open.id), team: open.teamName, source: open.source, arrivedAt: iso(open.arrived_at)! },
      history: spells.map((s) => ({
        team: s.teamName, practitionerId: s.practitioner_id, practitioner: s.practitionerName, startedAt: iso(s.started_at)!, endedAt: iso(s.ended_at),
        decision: s.decision && {
          decisionId: Number(s.decision.id), decidedBy: s.decision.decidedByName, decidedAt: iso(s.decision.created_at)!, source: s.decision.source,
          recommended: s.decision.recommendedName, overrideReason: s.decision.override_reason, overCapacityConfirmed: s.decision.over_capacity_confirmed,
          ranking: s.decision.ranking as Ranking,
        },
      })),
    };
  });
}
