import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { requires } from '../../auth/plugin.ts';
import type { Db } from '../../database.ts';
import { HttpError } from '../../platform/http/errors.ts';
import { ProblemRef } from '../../platform/http/problem.ts';
import { gradeTargets, loadWeights } from './repository.ts';
import { availablePoints, capacityPercent, casePoints, isValidTier, taskPoints } from './rules.ts';

const Count = (description: string) => Type.Integer({ minimum: 0, maximum: 1000, description });
const Calculate = Type.Object({
  grade: Type.String({ maxLength: 20, description: 'Grade: PO, PSO, PQiP, SPO (a row of the grade targets table)' }),
  contractedHours: Type.Number({ minimum: 0, maximum: 60, description: 'Contracted hours a week (full time is 37)' }),
  reductions: Type.Optional(Type.Array(Type.Object({
    hours: Type.Number({ minimum: 0, maximum: 60 }),
    reason: Type.String({ minLength: 1, maxLength: 200 }),
  }), { maxItems: 50 })),
  cases: Type.Optional(Type.Array(Type.Object({
    tier: Type.String({ maxLength: 4, description: 'Tier, e.g. B2, or B2S (unsupervised: 0 points)' }),
    caseType: Type.Union([Type.Literal('community'), Type.Literal('custody'), Type.Literal('licence')]),
    youngAdult: Type.Optional(Type.Boolean({ description: 'Aged 18-24: the young adult weights' })),
  }), { maxItems: 2000 })),
  reports: Type.Optional(Type.Object({ standard: Type.Optional(Count('Standard pre-sentence reports')), fast: Type.Optional(Count('Fast pre-sentence reports')) })),
  paroleReports: Type.Optional(Count('Parole reports')),
});
const Result = Type.Object({
  totalPoints: Type.Integer(),
  availablePoints: Type.Integer(),
  capacityPercent: Type.Number({ description: 'Points used over points available, %, one decimal' }),
});

export async function workloadApi(app: FastifyInstance, { db }: { db: Db }) {
  app.post('/workload/calculate', {
    onRequest: requires(),
    schema: {
      summary: 'Try a caseload before it exists: its points, the points available for the hours, and the capacity %, from the current weights table',
      tags: ['workload'], body: Calculate, response: { 200: Result, 400: ProblemRef, 401: ProblemRef },
    },
  }, async (request) => {
    const body = request.body as Static<typeof Calculate>;
    const [weights, targets] = await Promise.all([loadWeights(db), gradeTargets(db)]);
    const target = targets.get(body.grade);
    if (!target) throw new HttpError(400, `Unknown grade ${body.grade}: use one of ${[...targets.keys()].join(', ')}`, { grade: 'Unknown grade' });
    const cases = body.cases ?? [];
    const badIndex = cases.findIndex((c) => !isValidTier(c.tier));
    if (badIndex >= 0) throw new HttpError(400, `Unknown tier ${cases[badIndex]!.tier} (cases[${badIndex}]): use A3 to D0, with an optional S`, { [`cases[${badIndex}].tier`]: 'Unknown tier' });
    const reduced = (body.reductions ?? []).reduce((sum, r) => sum + r.hours, 0);
    const hours = Math.max(0, body.contractedHours - reduced);
    const available = availablePoints(target.points, hours, target.fullTimeHours);
    const totalPoints = cases.reduce((sum, c) => sum + casePoints(weights, { tier: c.tier, caseType: c.caseType, youngAdult: c.youngAdult ?? false }), 0)
      + taskPoints(weights, 'standard_report', body.reports?.standard ?? 0)
      + taskPoints(weights, 'fast_report', body.reports?.fast ?? 0)
      + taskPoints(weights, 'parole_report', body.paroleReports ?? 0);
    return { totalPoints, availablePoints: available, capacityPercent: capacityPercent(totalPoints, available) };
  });
}
