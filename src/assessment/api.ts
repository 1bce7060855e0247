import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { requires } from '../auth/plugin.ts';
import { HttpError } from '../platform/http/errors.ts';
import { ProblemRef } from '../platform/http/problem.ts';
import { CURRENT_SANCTIONS, OFFENCE_CATEGORY_CODES, scoreOgrs3 } from './predictors/ogrs3.ts';
import { validateTierInput } from './tiering/input.ts';
import { COMPLEXITY_FACTORS, NEED_SECTIONS, ROSH_LEVELS, calculateTier } from './tiering/rules.ts';

const Nullable = <T extends ReturnType<typeof Type.Number>>(schema: T) => Type.Union([schema, Type.Null()]);

const TierInputBody = Type.Object({
  sex: Type.Union([Type.Literal('male'), Type.Literal('female')]),
  rsr: Type.Union([Type.Number({ minimum: 0, maximum: 100 }), Type.Null()], { description: 'RSR as a percentage, or null' }),
  rosh: Type.Union([...ROSH_LEVELS.map((r) => Type.Literal(r.level)), Type.Null()], { description: 'Overall RoSH, or null' }),
  mappaLevel: Type.Integer({ minimum: 0, maximum: 3, description: '0 when not managed under MAPPA' }),
  complexityFactors: Type.Array(Type.Union(COMPLEXITY_FACTORS.map((f) => Type.Literal(f.code)))),
  womenFactors: Type.Optional(Type.Object({ parenting: Type.Boolean(), impulsivityOrTemper: Type.Boolean(), recentBreachOrRecall: Type.Boolean() }, { description: 'Required for women' })),
  mandateForChange: Type.Boolean(),
  needs: Type.Union([Type.Object(Object.fromEntries(NEED_SECTIONS.map((s) => [s.key, Nullable(Type.Number({ minimum: 0 }))]))), Type.Null()], { description: 'Section scores, or null when there is no needs assessment' }),
  ogrs3TwoYearPercent: Type.Union([Type.Integer({ minimum: 0, maximum: 100 }), Type.Null()]),
  iomNominal: Type.Boolean(),
  unsupervised: Type.Boolean(),
});

const Ogrs3Body = Type.Object({
  sex: Type.Union([Type.Literal('male'), Type.Literal('female')]),
  dateOfBirth: Type.String({ format: 'date' }),
  followUpStartDate: Type.String({ format: 'date', description: 'Start of the community sentence or caution, or release from custody' }),
  currentConvictionDate: Type.String({ format: 'date' }),
  firstSanctionDate: Type.String({ format: 'date' }),
  previousSanctions: Type.Integer({ minimum: 0 }),
  offenceCategory: Type.Union(OFFENCE_CATEGORY_CODES.map((code) => Type.Literal(code))),
  currentSanction: Type.Optional(Type.Union(CURRENT_SANCTIONS.map((code) => Type.Literal(code)))),
  previousConvictions: Type.Optional(Type.Integer({ minimum: 0, description: 'Needed only when the current sanction is a caution' })),
});
const Term = Type.Object({ label: Type.String(), value: Type.Number(), code: Type.Optional(Type.String()) });
const Ogrs3Result = Type.Object({
  oneYear: Type.Number(), twoYear: Type.Number(), oneYearPercent: Type.Integer(), twoYearPercent: Type.Integer(),
  band: Type.String(), terms: Type.Record(Type.String(), Term),
});

const Level = Type.Object({ level: Type.Union([Type.String(), Type.Integer()]), points: Type.Number(), reasons: Type.Array(Type.String()) });

/**
 * Calculators that need no case, for analysts and other systems. The body schema documents the
 * inputs; the domain validator (which reports every problem at once, in plain words, and never
 * coerces "7" into 7) decides what is accepted, so the route's schema validation is switched off.
 */
export async function assessmentApi(app: FastifyInstance) {
  app.post('/predictors/ogrs3', {
    onRequest: requires(),
    validatorCompiler: () => () => true,
    schema: {
      summary: 'OGRS3: the probability of a proven reoffence within one and two years, with every term of the formula',
      tags: ['assessment'],
      body: Ogrs3Body,
      response: { 200: Ogrs3Result, 400: ProblemRef, 401: ProblemRef },
    },
  }, async (request) => {
    const body = request.body;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new HttpError(400, 'Send the OGRS3 inputs as a JSON object');
    const scored = scoreOgrs3(body as Record<string, unknown>);
    if (!scored.ok) throw new HttpError(400, `OGRS3 was not calculated: ${Object.values(scored.errors).join('; ')}`, scored.errors);
    return scored.value;
  });

  app.post('/tiers/calculate', {
    onRequest: requires(),
    validatorCompiler: () => () => true,
    schema: {
      summary: 'Calculate a management tier (protect level A-D, change level 0-3) with the points and reasons behind it',
      tags: ['assessment'],
      body: TierInputBody,
      response: { 200: Type.Object({ tier: Type.String(), protect: Level, change: Level }), 400: ProblemRef, 401: ProblemRef },
    },
  }, async (request) => {
    const validated = validateTierInput(request.body);
    if (!validated.ok) throw new HttpError(400, `The tier was not calculated: ${Object.values(validated.errors).join('; ')}`, validated.errors);
    return calculateTier(validated.value);
  });
}
