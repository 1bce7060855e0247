import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { audit } from '../../audit/request-audit.ts';
import { PERMISSIONS } from '../../auth/current-user.ts';
import { requires } from '../../auth/plugin.ts';
import type { Db } from '../../database.ts';
import { HttpError } from '../../platform/http/errors.ts';
import { ProblemRef } from '../../platform/http/problem.ts';
import { readPeriod, validateEntry } from './forms.ts';
import { entriesOf, kinds } from './repository.ts';
import { addDays } from './rules.ts';
import { figuresFor, recordEntry, scopeOf } from './service.ts';

const todayIso = () => new Date().toISOString().slice(0, 10);
const DateStr = (description: string) => Type.String({ maxLength: 10, description });
const Share = Type.Union([Type.Number(), Type.Null()], { description: 'Direct-engagement minutes over recorded minutes, %, one decimal; null when nothing is recorded (no data, not 0%)' });
const Figures = {
  directMinutes: Type.Integer({ description: 'Minutes of contacts that happened and were direct engagement' }),
  contactMinutes: Type.Integer({ description: 'Minutes of all contacts that happened' }),
  otherMinutes: Type.Integer({ description: 'Minutes of other work recorded' }),
  recordedMinutes: Type.Integer({ description: 'contactMinutes + otherMinutes' }),
  share: Share,
  explanation: Type.String({ description: 'The figure with its inputs, e.g. "12 h 30 min with people of 41 h recorded = 30.5%"' }),
};
const Query = Type.Object({
  practitioner: Type.Optional(Type.String({ maxLength: 12, description: 'A practitioner\'s staff id (default: you)' })),
  team: Type.Optional(Type.String({ maxLength: 40, description: 'A team code of your region (team managers)' })),
  pdu: Type.Optional(Type.String({ maxLength: 40, description: 'A PDU code of your region (team managers)' })),
  from: Type.Optional(DateStr('First day, YYYY-MM-DD (with to); default: the last 12 ISO weeks')),
  to: Type.Optional(DateStr('Last day, YYYY-MM-DD')),
  weeks: Type.Optional(Type.String({ maxLength: 5, description: '4, 12 or 26: the last weeks up to today (Monday start), instead of from and to' })),
  by: Type.Optional(Type.String({ maxLength: 5, description: 'week (ISO weeks, default) or month' })),
});
const Series = Type.Object({
  scope: Type.Object({ kind: Type.String(), name: Type.String(), practitioner: Type.Union([Type.Integer(), Type.Null()]), team: Type.Union([Type.String(), Type.Null()]), pdu: Type.Union([Type.String(), Type.Null()]), practitioners: Type.Integer() }),
  from: Type.String(), to: Type.String(), by: Type.String(),
  series: Type.Array(Type.Object({ key: Type.String({ description: 'ISO week (2026-W10) or month (2026-03)' }), start: Type.String(), end: Type.String(), ...Figures })),
  total: Type.Object(Figures),
  otherByKind: Type.Array(Type.Object({ kind: Type.String(), name: Type.String(), minutes: Type.Integer() })),
});
const NewEntry = Type.Object({
  workedOn: DateStr('The day of the work, YYYY-MM-DD (today or up to a year ago)'),
  kind: Type.String({ maxLength: 20, description: 'reports, admin, travel, training, meetings or other' }),
  minutes: Type.Integer({ minimum: 1, maximum: 1440 }),
  crn: Type.Optional(Type.String({ maxLength: 20, description: 'The case the work was for, if one' })),
  note: Type.Optional(Type.String({ maxLength: 500 })),
}, { additionalProperties: false });
const Entry = Type.Object({
  id: Type.Integer({ description: 'The entry\'s stable id' }), versionId: Type.Integer(), workedOn: Type.String(), kind: Type.String(), minutes: Type.Integer(),
  crn: Type.Union([Type.String(), Type.Null()]), note: Type.Union([Type.String(), Type.Null()]), change: Type.String(), recordedAt: Type.String({ format: 'date-time' }),
});
const EntriesQuery = Type.Object({ from: Type.Optional(DateStr('First day, YYYY-MM-DD; default 8 weeks ago')), to: Type.Optional(DateStr('Last day, YYYY-MM-DD; default today')) });

export async function timeApi(app: FastifyInstance, { db }: { db: Db }) {
  const read = { onRequest: requires(PERMISSIONS.workloadRead) };

  app.get('/time-with-people', {
    ...read,
    schema: {
      summary: 'The share of recorded time spent with people for a practitioner (default: you), a team or a PDU, per ISO week or month, with the total and its explanation',
      tags: ['time'], querystring: Query, response: { 200: Series, 400: ProblemRef, 401: ProblemRef, 403: ProblemRef, 404: ProblemRef },
    },
  }, async (request) => {
    const q = request.query as Static<typeof Query>;
    const scope = await scopeOf(db, request.user!, q);
    const period = readPeriod({ ...q, weeks: q.weeks ?? (q.from || q.to ? 'dates' : undefined) }, todayIso());
    if (!period.ok) throw new HttpError(400, Object.values(period.errors).join('. '), period.errors);
    const f = await figuresFor(db, scope, period.value);
    await audit(db, request, { action: 'api.time-with-people.read', detail: { kind: scope.kind, name: scope.name, from: period.value.from, to: period.value.to } });
    return {
      scope: { kind: scope.kind, name: scope.name, practitioner: scope.practitionerId, team: scope.teamCode, pdu: scope.pduCode, practitioners: scope.members.length },
      from: period.value.from, to: period.value.to, by: period.value.by,
      series: f.series, total: f.total, otherByKind: f.otherByKind.map((k) => ({ kind: k.kind, name: k.name, minutes: k.minutes })),
    };
  });

  app.post('/work-time', {
    ...read,
    schema: {
      summary: 'Record your own other work time (reports, admin, travel, training, meetings, other)',
      tags: ['time'], body: NewEntry, response: { 201: Type.Object({ id: Type.Integer() }), 400: ProblemRef, 401: ProblemRef, 403: ProblemRef },
    },
  }, async (request, reply) => {
    const body = request.body as Static<typeof NewEntry>;
    const v = validateEntry(body, (await kinds(db)).map((k) => k.code), todayIso());
    if (!v.ok) throw new HttpError(400, Object.values(v.errors).join('. '), v.errors);
    const saved = await recordEntry(db, request.user!, v.value);
    if (!saved.ok) throw new HttpError(400, Object.values(saved.errors).join('. '), saved.errors);
    await audit(db, request, { action: 'api.work-time.record', ...(saved.personId ? { personId: saved.personId } : {}), detail: { entry: saved.entryId, workedOn: v.value.workedOn, kind: v.value.kind, minutes: v.value.minutes } });
    return reply.code(201).send({ id: saved.entryId });
  });

  app.get('/work-time', {
    ...read,
    schema: {
      summary: 'Your own other work time entries (current versions, removed ones left out), newest first',
      tags: ['time'], querystring: EntriesQuery, response: { 200: Type.Object({ entries: Type.Array(Entry) }), 400: ProblemRef, 401: ProblemRef, 403: ProblemRef },
    },
  }, async (request) => {
    const q = request.query as Static<typeof EntriesQuery>;
    const today = todayIso();
    const period = readPeriod({ weeks: 'dates', from: q.from ?? addDays(today, -56), to: q.to ?? today }, today);
    if (!period.ok) throw new HttpError(400, Object.values(period.errors).join('. '), period.errors);
    const rows = await entriesOf(db, request.user!.id, period.value.from, period.value.to, 2000);
    await audit(db, request, { action: 'api.work-time.read', detail: { from: period.value.from, to: period.value.to, entries: rows.length } });
    return {
      entries: rows.map((r) => ({ id: r.entry_id, versionId: r.id, workedOn: r.worked_on, kind: r.kind, minutes: r.minutes, crn: r.crn, note: r.note, change: r.change, recordedAt: new Date(r.recorded_at).toISOString() })),
    };
  });
}
