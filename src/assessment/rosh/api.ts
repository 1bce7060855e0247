import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { PERMISSIONS } from '../../auth/current-user.ts';
import { requires } from '../../auth/plugin.ts';
import type { Db } from '../../database.ts';
import { openCase } from '../../people/case-page.ts';
import { ProblemRef } from '../../platform/http/problem.ts';
import { roshHistory, type RoshRow } from './repository.ts';
import { roshReviewStatus, ROSH_LEVELS } from './rules.ts';

const Level = Type.Union(ROSH_LEVELS.map((level) => Type.Literal(level)));
const Assessment = Type.Object({
  id: Type.Integer(), version: Type.Integer(), overall: Level,
  levels: Type.Object({
    children: Level, public: Level, knownAdult: Level, staff: Level,
    prisoners: Type.Union([Level, Type.Null()], { description: 'null: not applicable, the person is not in custody' }),
  }),
  natureOfRisk: Type.String(), whoIsAtRisk: Type.String(), whenRiskGreatest: Type.String(), increasesRisk: Type.String(), reducesRisk: Type.String(),
  completedOn: Type.String({ format: 'date' }), completedBy: Type.Union([Type.String(), Type.Null()]),
  reviewDueOn: Type.String({ format: 'date' }),
});

const toJson = (row: RoshRow) => ({
  id: row.id, version: row.version, overall: row.overall,
  levels: { children: row.risk_to_children, public: row.risk_to_public, knownAdult: row.risk_to_known_adult, staff: row.risk_to_staff, prisoners: row.risk_to_prisoners },
  natureOfRisk: row.nature_of_risk, whoIsAtRisk: row.who_is_at_risk, whenRiskGreatest: row.when_risk_greatest,
  increasesRisk: row.increases_risk, reducesRisk: row.reduces_risk,
  completedOn: row.completed_on, completedBy: row.completed_by_name, reviewDueOn: row.review_due_on,
});

/** A case's RoSH assessments on the API: the latest with its review status, and every version. */
export async function roshApi(app: FastifyInstance, { db }: { db: Db }) {
  app.get('/people/:crn/rosh', {
    onRequest: requires(PERMISSIONS.caseRead),
    schema: {
      summary: 'A person\'s risk of serious harm: the latest assessment and every earlier version, newest first',
      tags: ['people'],
      params: Type.Object({ crn: Type.String({ maxLength: 20 }) }),
      response: {
        200: Type.Object({
          crn: Type.String(),
          latest: Type.Union([Type.Intersect([Assessment, Type.Object({ reviewStatus: Type.String({ description: 'overdue, due (within 14 days) or scheduled' }) })]), Type.Null()]),
          history: Type.Array(Assessment),
        }),
        401: ProblemRef, 403: ProblemRef, 404: ProblemRef,
      },
    },
  }, async (request) => {
    const person = await openCase(db, request, (request.params as { crn: string }).crn, 'api.case.rosh.read');
    const rows = await roshHistory(db, person.id);
    const latest = rows[0];
    const today = new Date().toISOString().slice(0, 10);
    return {
      crn: person.crn,
      latest: latest ? { ...toJson(latest), reviewStatus: roshReviewStatus(latest.review_due_on, today) } : null,
      history: rows.map(toJson),
    };
  });
}
