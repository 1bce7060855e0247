import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { PERMISSIONS } from '../../auth/current-user.ts';
import { requires } from '../../auth/plugin.ts';
import type { Db } from '../../database.ts';
import { openCase } from '../../people/case-page.ts';
import { ProblemRef } from '../../platform/http/problem.ts';
import type { TierResult } from '../tiering/rules.ts';
import { tierHistory } from './repository.ts';

const Level = Type.Object({ level: Type.Union([Type.String(), Type.Integer()]), points: Type.Number(), reasons: Type.Array(Type.String()) });
const Calculation = Type.Object({
  tier: Type.String(),
  previousTier: Type.Union([Type.String(), Type.Null()]),
  changed: Type.Boolean({ description: 'Whether this calculation moved the tier' }),
  calculatedAt: Type.String({ format: 'date-time' }),
  reason: Type.String({ description: 'What changed to cause the calculation' }),
});
const Current = Type.Object({
  tier: Type.String(), protect: Level, change: Level,
  calculatedAt: Type.String({ format: 'date-time' }), reason: Type.String(),
  inputs: Type.Record(Type.String(), Type.Unknown(), { description: 'The inputs as POST /tiers/calculate takes them' }),
  sources: Type.Record(Type.String(), Type.String(), { description: 'Where each input came from in the record' }),
});

/** A case's tier with its reasons and history: the same access rules and audit as the page. */
export async function tierApi(app: FastifyInstance, { db }: { db: Db }) {
  app.get('/people/:crn/tier', {
    onRequest: requires(PERMISSIONS.caseRead),
    schema: {
      summary: 'A person\'s current tier with the points and reasons behind it, and every calculation, newest first',
      tags: ['people'],
      params: Type.Object({ crn: Type.String({ maxLength: 20 }) }),
      response: {
        200: Type.Object({ crn: Type.String(), current: Type.Union([Current, Type.Null()], { description: 'Null until the first calculation' }), history: Type.Array(Calculation) }),
        401: ProblemRef, 403: ProblemRef, 404: ProblemRef,
      },
    },
  }, async (request) => {
    const person = await openCase(db, request, (request.params as { crn: string }).crn, 'api.case.tier.read');
    const rows = await tierHistory(db, person.id);
    const latest = rows[0];
    const result = latest?.result as unknown as TierResult | undefined;
    return {
      crn: person.crn,
      current: latest && result ? {
        tier: latest.tier, protect: result.protect, change: result.change,
        calculatedAt: new Date(latest.calculated_at).toISOString(), reason: latest.reason, inputs: latest.inputs, sources: latest.sources,
      } : null,
      history: rows.map((row) => ({ tier: row.tier, previousTier: row.previous_tier, changed: row.changed, calculatedAt: new Date(row.calculated_at).toISOString(), reason: row.reason })),
    };
  });
}
