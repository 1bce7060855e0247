import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { audit } from '../../audit/request-audit.ts';
import { PERMISSIONS } from '../../auth/current-user.ts';
import { requires } from '../../auth/plugin.ts';
import type { Db } from '../../database.ts';
import { HttpError } from '../../platform/http/errors.ts';
import { ProblemRef } from '../../platform/http/problem.ts';
import { validateAbsence, validateReduction } from './forms.ts';
import { absencesOf, addAbsence, addReduction, findPdu, findTeam, organisation, reductionsOf, referenceData, staffIn } from './repository.ts';
import { assertUnitInScope, editableStaff, present, presentMany, today, viewableStaff, type PresentedStaff } from './service.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const Absence = Type.Object({ id: Type.Integer(), kind: Type.String(), startsOn: Type.String({ format: 'date' }), endsOn: Type.String({ format: 'date' }), when: Type.String({ description: 'past, current or future' }) });
const Reduction = Type.Object({
  id: Type.Integer(), hours: Type.Number(), reason: Type.String(), reasonCode: Nullable(Type.String()), detail: Nullable(Type.String()),
  startsOn: Type.String({ format: 'date' }), endsOn: Nullable(Type.String({ format: 'date' })), when: Type.String(),
});
const Profile = Type.Object({
  id: Type.Integer(), username: Type.String(), name: Type.String(), grade: Nullable(Type.String()),
  team: Nullable(Type.String({ description: 'Team code' })), pdu: Nullable(Type.String({ description: 'PDU code' })),
  contractedHours: Type.Number(), qualifiedOn: Nullable(Type.String({ format: 'date' })),
  qualifications: Type.Array(Type.String()), specialisms: Type.Array(Type.String({ description: 'Specialism code, e.g. domestic_abuse' })),
  baseOffice: Nullable(Type.String()), protectedCaseloadUntil: Nullable(Type.String({ format: 'date', description: 'Newly qualified PO: the first year after qualifying' })),
  absentNow: Nullable(Type.String({ description: 'e.g. "On leave until 12 December"' })),
  activeReductions: Type.Array(Reduction),
});
const ProfileWithHistory = Type.Intersect([Profile, Type.Object({ absences: Type.Array(Absence), reductions: Type.Array(Reduction) })]);
const Id = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2147483647 }) });
const DateField = (description: string) => Type.String({ maxLength: 10, description: `${description}, YYYY-MM-DD` });

const reductionOut = ({ id, hours, reason, reasonCode, detail, startsOn, endsOn, when }: PresentedStaff['reductions'][number]) => ({ id, hours, reason, reasonCode, detail, startsOn, endsOn, when });
const profileOut = (p: PresentedStaff) => ({
  id: p.id, username: p.username, name: p.displayName, grade: p.grade, team: p.teamCode, pdu: p.pduCode,
  contractedHours: p.contractedHours, qualifiedOn: p.qualifiedOn, qualifications: p.qualifications, specialisms: p.specialisms,
  baseOffice: p.baseOffice, protectedCaseloadUntil: p.protectedUntil, absentNow: p.absenceText, activeReductions: p.activeReductions.map(reductionOut),
});

/** The staff API: profiles of a team or PDU, one profile with its history, recording absences and reductions; the organisation. */
export async function staffApi(app: FastifyInstance, { db }: { db: Db }) {
  const problems = { 400: ProblemRef, 401: ProblemRef, 403: ProblemRef, 404: ProblemRef };

  app.get('/staff', {
    onRequest: requires(PERMISSIONS.workloadRead),
    schema: {
      summary: 'Staff profiles of a team or a PDU (in your region)', tags: ['staff'],
      querystring: Type.Object({ team: Type.Optional(Type.String({ maxLength: 40 })), pdu: Type.Optional(Type.String({ maxLength: 40 })) }),
      response: { 200: Type.Object({ staff: Type.Array(Profile) }), ...problems },
    },
  }, async (request) => {
    const query = request.query as { team?: string; pdu?: string };
    if (!query.team === !query.pdu) throw new HttpError(400, 'Give either team=CODE or pdu=CODE', { team: 'Give a team code or a PDU code, not both' });
    const unit = query.team ? await findTeam(db, query.team) : await findPdu(db, query.pdu!);
    if (!unit) throw new HttpError(404, `There is no ${query.team ? 'team' : 'PDU'} with that code.`);
    assertUnitInScope(request.user!, unit);
    const staff = await presentMany(db, await staffIn(db, unit), await referenceData(db), today());
    await audit(db, request, { action: 'api.staff.list', detail: { [unit.kind]: unit.code } });
    return { staff: staff.map(profileOut) };
  });

  app.get('/staff/:id', {
    onRequest: requires(PERMISSIONS.workloadRead),
    schema: { summary: 'One staff profile with its absences and reductions', tags: ['staff'], params: Id, response: { 200: ProfileWithHistory, ...problems } },
  }, async (request) => {
    const staff = await viewableStaff(db, request.user!, (request.params as { id: number }).id);
    const [ref, absences, reductions] = await Promise.all([referenceData(db), absencesOf(db, [staff.id]), reductionsOf(db, [staff.id])]);
    const p = present(staff, absences, reductions, ref, today());
    await audit(db, request, { action: 'api.staff.read', detail: { staffId: staff.id } });
    return { ...profileOut(p), absences: p.absences.map(({ id, kind, startsOn, endsOn, when }) => ({ id, kind, startsOn, endsOn, when })), reductions: p.reductions.map(reductionOut) };
  });

  app.post('/staff/:id/absences', {
    onRequest: requires(PERMISSIONS.workloadManage),
    schema: {
      summary: 'Record an absence (leave, training, sickness, other); needs workload:manage in the staff member\'s region', tags: ['staff'], params: Id,
      body: Type.Object({ kind: Type.String({ maxLength: 20, description: 'leave, training, sickness or other' }), startsOn: DateField('First day'), endsOn: DateField('Last day (on or after the first)') }),
      response: { 201: Type.Object({ id: Type.Integer(), kind: Type.String(), startsOn: Type.String(), endsOn: Type.String() }), ...problems },
    },
  }, async (request, reply) => {
    const staff = await editableStaff(db, request.user!, (request.params as { id: number }).id);
    const result = validateAbsence(request.body as Record<string, unknown>);
    if (!result.ok) throw new HttpError(400, Object.values(result.errors).join('; '), result.errors);
    const absence = await addAbsence(db, staff.id, result.value, request.user!.id);
    await audit(db, request, { action: 'api.staff.absence.add', detail: { staffId: staff.id, ...absence } });
    return reply.code(201).send({ id: absence.id, kind: absence.kind, startsOn: absence.startsOn, endsOn: absence.endsOn });
  });

  app.post('/staff/:id/reductions', {
    onRequest: requires(PERMISSIONS.workloadManage),
    schema: {
      summary: 'Record a workload reduction (hours a week with a reason); needs workload:manage in the staff member\'s region', tags: ['staff'], params: Id,
      body: Type.Object({
        hours: Type.Number({ description: 'Hours a week, more than 0 and no more than the contracted hours, one decimal place' }),
        reasonCode: Type.String({ maxLength: 40, description: 'A reduction reason code, e.g. protected_caseload, trade_union, training, phased_return, other' }),
        detail: Type.Optional(Type.String({ maxLength: 500, description: 'Free text; needed for other' })),
        startsOn: DateField('First day'), endsOn: Type.Optional(DateField('Last day, or leave out for no end')),
      }),
      response: { 201: Type.Omit(Reduction, ['when']), ...problems },
    },
  }, async (request, reply) => {
    const staff = await editableStaff(db, request.user!, (request.params as { id: number }).id);
    const ref = await referenceData(db);
    const result = validateReduction(request.body as Record<string, unknown>, staff.contractedHours, ref.reductionReasons.map((r) => r.code));
    if (!result.ok) throw new HttpError(400, Object.values(result.errors).join('; '), result.errors);
    const reason = ref.reductionReasons.find((r) => r.code === result.value.reasonCode)!.name;
    const reduction = await addReduction(db, staff.id, result.value, reason, request.user!.id);
    await audit(db, request, { action: 'api.staff.reduction.add', detail: { staffId: staff.id, ...reduction } });
    const { userId: _userId, ...body } = reduction;
    return reply.code(201).send(body);
  });

  const Office = Type.Object({ code: Type.String(), name: Type.String(), address: Type.String(), postcode: Type.String(), active: Type.Boolean() });
  const Team = Type.Object({ code: Type.String(), name: Type.String(), active: Type.Boolean(), office: Nullable(Type.String()) });
  app.get('/organisation/regions', {
    onRequest: requires(),
    schema: {
      summary: 'The 12 probation regions with their PDUs, and each PDU\'s teams and offices', tags: ['staff'],
      response: { 200: Type.Object({ regions: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), pdus: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), teams: Type.Array(Team), offices: Type.Array(Office) })) })) }), 401: ProblemRef },
    },
  }, async () => ({ regions: await organisation(db) }));
}
