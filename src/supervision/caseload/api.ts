import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { audit } from '../../audit/request-audit.ts';
import { can, PERMISSIONS } from '../../auth/current-user.ts';
import { requires } from '../../auth/plugin.ts';
import type { Db } from '../../database.ts';
import { openCase } from '../../people/case-page.ts';
import { HttpError } from '../../platform/http/errors.ts';
import { ProblemRef } from '../../platform/http/problem.ts';
import { parseDefaultsApi } from './forms.ts';
import { changeDefaults, contactLevelDefaults, endOverride, overrideHistory, setOverride } from './repository.ts';
import { parseFrequency, parseReason } from './rules.ts';
import { contactLevelOf } from './service.ts';
import { parseTimelineQuery, windowOf } from './timeline/query.ts';
import { timelineOf } from './timeline/timeline.ts';
import { KIND_CODES } from './timeline/types.ts';

const NullStr = Type.Union([Type.String(), Type.Null()]);
const NullDate = Type.Union([Type.String({ format: 'date' }), Type.Null()]);
const Crn = Type.Object({ crn: Type.String({ maxLength: 20 }) });

const ContactLevel = Type.Object({
  crn: Type.String(),
  tier: NullStr,
  frequencyDays: Type.Union([Type.Integer(), Type.Null()]),
  source: Type.String({ description: 'override (set for the case), tier (a full-tier default), protect_level (the protect level default) or none' }),
  defaultKey: NullStr,
  defaultDays: Type.Union([Type.Integer(), Type.Null()]),
  overrideReason: NullStr,
  status: Type.String({ description: 'on_track, overdue or no_level' }),
  lastContactOn: NullDate,
  nextDueOn: NullDate,
  daysOverdue: Type.Integer(),
  explanation: Type.String(),
  history: Type.Array(Type.Object({
    frequencyDays: Type.Integer(), reason: Type.String(), setBy: NullStr, setAt: Type.String({ format: 'date-time' }),
    endedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]), endReason: NullStr,
  })),
});
const SetLevel = Type.Object({
  frequencyDays: Type.Union([Type.Null(), Type.Integer()], { description: 'Days between counted contacts, 1 to 365; null returns the case to its tier\'s default' }),
  reason: Type.String({ maxLength: 2000, description: 'Required: the risks and needs behind the judgement, or why the default applies again' }),
});
const Defaults = Type.Object({
  defaults: Type.Array(Type.Object({ key: Type.String(), frequencyDays: Type.Integer(), description: Type.String(), source: Type.String() })),
});
const ChangeDefaults = Type.Object({
  changes: Type.Array(Type.Object({ key: Type.String({ maxLength: 4 }), frequencyDays: Type.Union([Type.Null(), Type.Integer()]) }), { maxItems: 50 }),
  reason: Type.String({ maxLength: 2000 }),
});
const TimelineQuery = Type.Object({
  kinds: Type.Optional(Type.String({ maxLength: 500, description: `Comma-separated: ${KIND_CODES.join(', ')}` })),
  from: Type.Optional(Type.String({ maxLength: 20, description: 'YYYY-MM-DD, inclusive' })),
  to: Type.Optional(Type.String({ maxLength: 20, description: 'YYYY-MM-DD, inclusive' })),
  before: Type.Optional(Type.String({ maxLength: 40, description: 'Paging cursor: nextBefore from the previous page' })),
});
const Timeline = Type.Object({
  crn: Type.String(),
  entries: Type.Array(Type.Object({ kind: Type.String(), at: Type.String({ format: 'date-time' }), dateOnly: Type.Boolean(), title: Type.String(), lines: Type.Array(Type.String()), tag: NullStr })),
  nextBefore: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

const firstError = (errors: Record<string, string>) => Object.entries(errors).map(([field, message]) => `${field}: ${message}`).join('; ');

async function changesLevels(request: FastifyRequest) {
  if (!can(request.user, PERMISSIONS.caseloadHold) && !can(request.user, PERMISSIONS.casesAllocate)) {
    throw new HttpError(403, 'Your role does not allow you to set a contact level. It needs caseload:hold or cases:allocate.');
  }
}

/** Contact levels and the case timeline on the API: the same rules, access list and audit as the pages. */
export async function caseloadApi(app: FastifyInstance, { db }: { db: Db }) {
  const levelBody = async (personId: number, crn: string) => {
    const [level, history] = await Promise.all([contactLevelOf(db, personId, new Date().toISOString().slice(0, 10)), overrideHistory(db, personId)]);
    return {
      crn, tier: level.tier, frequencyDays: level.frequencyDays, source: level.source, defaultKey: level.defaultKey, defaultDays: level.defaultDays,
      overrideReason: level.overrideReason, status: level.status, lastContactOn: level.lastContactOn, nextDueOn: level.nextDueOn,
      daysOverdue: level.daysOverdue, explanation: level.explanation,
      history: history.map((h) => ({ frequencyDays: h.frequency_days, reason: h.reason, setBy: h.set_by_name, setAt: h.set_at.toISOString(), endedAt: h.ended_at?.toISOString() ?? null, endReason: h.end_reason })),
    };
  };

  app.get('/people/:crn/contact-level', {
    onRequest: requires(PERMISSIONS.caseRead),
    schema: { summary: 'A case\'s planned contact level, where it comes from, and whether contact is on track', tags: ['caseload'], params: Crn, response: { 200: ContactLevel, 401: ProblemRef, 403: ProblemRef, 404: ProblemRef } },
  }, async (request) => {
    const person = await openCase(db, request, (request.params as { crn: string }).crn, 'api.case.contact-level.read');
    return levelBody(person.id, person.crn);
  });

  app.put('/people/:crn/contact-level', {
    onRequest: [requires(PERMISSIONS.caseRead), changesLevels],
    schema: { summary: 'Set another contact level for a case, with the reason (or null frequency to return to the default)', tags: ['caseload'], params: Crn, body: SetLevel, response: { 200: ContactLevel, 400: ProblemRef, 401: ProblemRef, 403: ProblemRef, 404: ProblemRef, 409: ProblemRef } },
  }, async (request) => {
    const person = await openCase(db, request, (request.params as { crn: string }).crn, 'api.case.contact-level.read');
    const body = request.body as Static<typeof SetLevel>;
    const reason = parseReason(body.reason, 'Give the reason: the risks and needs behind the judgement, or why the default applies again');
    if (!reason.ok) throw new HttpError(400, reason.message);
    if (body.frequencyDays === null) {
      if (!await endOverride(db, person.id, reason.value, request.user!.id)) throw new HttpError(400, 'This case already follows its tier\'s default: there is no level set for the case to end.');
      await audit(db, request, { action: 'contact-level.default', personId: person.id, detail: { reason: reason.value } });
    } else {
      const frequency = parseFrequency(body.frequencyDays);
      if (!frequency.ok) throw new HttpError(400, frequency.message);
      const id = await setOverride(db, person.id, frequency.value, reason.value, request.user!.id);
      await audit(db, request, { action: 'contact-level.set', personId: person.id, detail: { id, frequencyDays: frequency.value, reason: reason.value } });
    }
    return levelBody(person.id, person.crn);
  });

  const defaultsBody = async () => ({ defaults: (await contactLevelDefaults(db)).map((d) => ({ key: d.key, frequencyDays: d.frequency_days, description: d.description, source: d.source })) });

  app.get('/contact-levels', {
    onRequest: requires(PERMISSIONS.caseRead),
    schema: { summary: 'The default contact levels by protect level and full tier (our policy settings)', tags: ['caseload'], response: { 200: Defaults, 401: ProblemRef, 403: ProblemRef } },
  }, async () => defaultsBody());

  app.put('/contact-levels', {
    onRequest: requires(PERMISSIONS.casesAllocate),
    schema: { summary: 'Change default contact levels, with a reason (a null frequency removes a full-tier row)', tags: ['caseload'], body: ChangeDefaults, response: { 200: Defaults, 400: ProblemRef, 401: ProblemRef, 403: ProblemRef } },
  }, async (request) => {
    const body = request.body as Static<typeof ChangeDefaults>;
    const existing = (await contactLevelDefaults(db)).map((d) => d.key);
    const parsed = parseDefaultsApi(body, existing);
    if (!parsed.ok) throw new HttpError(400, firstError(parsed.errors));
    const changed = await changeDefaults(db, parsed.changes, parsed.reason, request.user!.id);
    await audit(db, request, { action: 'contact-level-defaults.change', detail: { changes: parsed.changes, reason: parsed.reason, changed } });
    return defaultsBody();
  });

  app.get('/people/:crn/timeline', {
    onRequest: requires(PERMISSIONS.caseRead),
    schema: { summary: 'Everything that happened on a case, newest first, 50 at a time, with filters', tags: ['caseload'], params: Crn, querystring: TimelineQuery, response: { 200: Timeline, 400: ProblemRef, 401: ProblemRef, 403: ProblemRef, 404: ProblemRef } },
  }, async (request) => {
    const parsed = parseTimelineQuery(request.query as Record<string, unknown>);
    if (!parsed.ok) throw new HttpError(400, firstError(parsed.errors));
    const person = await openCase(db, request, (request.params as { crn: string }).crn, 'api.case.timeline.read');
    const q = parsed.value;
    const page = await timelineOf(db, person.id, { kinds: q.kinds, ...windowOf(q), before: q.before }, { canSeeSensitive: request.user!.permissions.has('contacts:sensitive') });
    return {
      crn: person.crn,
      entries: page.entries.map((e) => ({ kind: e.kind, at: e.at.toISOString(), dateOnly: e.dateOnly, title: e.title, lines: e.lines, tag: e.tag?.text ?? null })),
      nextBefore: page.nextBefore?.toISOString() ?? null,
    };
  });
}
