import type { FastifyInstance, FastifyRequest } from 'fastify';
import { audit } from '../../audit/request-audit.ts';
import { can, PERMISSIONS, type CurrentUser } from '../../auth/current-user.ts';
import { requires } from '../../auth/plugin.ts';
import type { Db } from '../../database.ts';
import { dateParts } from '../../platform/http/dates.ts';
import { HttpError } from '../../platform/http/errors.ts';
import { ABSENCE_KINDS, endAction, validateAbsence, validateProfile, validateReduction } from './forms.ts';
import {
  absencesOf, addAbsence, addReduction, endAbsence, endReduction, findPdu, findTeam, findTeamById, officesForRegion, organisation,
  reductionsOf, referenceData, saveProfile, staffIn, unitsInScope, type StaffRow, type Unit,
} from './repository.ts';
import { assertUnitInScope, editableStaff, mayEdit, present, presentMany, today, viewableStaff } from './service.ts';

type Body = Record<string, unknown>;
const str = (value: unknown) => (typeof value === 'string' ? value : '');

/** Which team or PDU the staff page lists: ?show=team:CODE|pdu:CODE, ?team=, ?pdu=, else the user's own team. */
async function chosenUnit(db: Db, user: CurrentUser, query: Record<string, unknown>): Promise<Unit | null> {
  const show = str(query.show);
  const [kind, code] = show.includes(':') ? show.split(':', 2) as [string, string] : query.pdu ? ['pdu', str(query.pdu)] : query.team ? ['team', str(query.team)] : ['', ''];
  if (!kind) return user.teamId ? findTeamById(db, user.teamId) : null;
  const unit = kind === 'pdu' ? await findPdu(db, code) : kind === 'team' ? await findTeam(db, code) : null;
  if (!unit) throw new HttpError(404, `There is no ${kind === 'pdu' ? 'PDU' : 'team'} with the code ${code.slice(0, 40)}.`);
  assertUnitInScope(user, unit);
  return unit;
}

/** Pages: the staff of a team or PDU, one person's profile and its forms, and the organisation. */
export async function staffRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const read = { onRequest: requires(PERMISSIONS.workloadRead) };
  const manage = { onRequest: requires(PERMISSIONS.workloadManage) };

  app.get('/staff', read, async (request, reply) => {
    const user = request.user!;
    const unit = await chosenUnit(db, user, request.query as Record<string, unknown>);
    const [ref, units] = await Promise.all([referenceData(db), unitsInScope(db, user)]);
    const day = today();
    const staff = unit ? await presentMany(db, await staffIn(db, unit), ref, day) : [];
    const options: { value: string; text: string; selected: boolean }[] = [];
    for (const u of units) {
      const pduValue = `pdu:${u.pduCode}`;
      if (!options.some((o) => o.value === pduValue)) options.push({ value: pduValue, text: `${u.pduName} PDU (all teams)`, selected: unit?.kind === 'pdu' && unit.code === u.pduCode });
      options.push({ value: `team:${u.teamCode}`, text: `${u.teamName} (${u.pduName})`, selected: unit?.kind === 'team' && unit.code === u.teamCode });
    }
    await audit(db, request, { action: 'staff.list', detail: unit ? { [unit.kind]: unit.code } : null });
    return reply.page('workforce/staff/views/list.njk', {
      pageTitle: unit ? `Staff: ${unit.name}` : 'Staff', unit, staff, options: unit ? options : [{ value: '', text: 'Choose a team or PDU', selected: true }, ...options],
      canManage: can(user, PERMISSIONS.workloadManage),
    });
  });

  const profilePage = async (request: FastifyRequest, staff: StaffRow, flash?: string) => {
    const [ref, absences, reductions] = await Promise.all([referenceData(db), absencesOf(db, [staff.id]), reductionsOf(db, [staff.id])]);
    return {
      pageTitle: staff.displayName, person: present(staff, absences, reductions, ref, today()),
      canEdit: mayEdit(request.user!, staff), flash,
      // A manager moves an absent or leaving practitioner's caseload with the allocation ranking (transfers).
      canReallocate: can(request.user!, PERMISSIONS.casesAllocate) && staff.teamId === request.user!.teamId && staff.id !== request.user!.id,
    };
  };

  app.get('/staff/:id', read, async (request, reply) => {
    const staff = await viewableStaff(db, request.user!, (request.params as { id: string }).id);
    await audit(db, request, { action: 'staff.read', detail: { staffId: staff.id } });
    const saved = str((request.query as Body).saved);
    const flashes: Record<string, string> = { profile: 'The profile has been saved.', absence: 'The absence has been recorded.', reduction: 'The reduction has been recorded.', ended: 'The change has been recorded.' };
    return reply.page('workforce/staff/views/profile.njk', await profilePage(request, staff, flashes[saved]));
  });

  const editPage = async (staff: StaffRow, values: Body, errors?: Record<string, string>) => {
    const [ref, offices] = await Promise.all([referenceData(db), officesForRegion(db, staff.regionId)]);
    const chosen = (field: string) => new Set(Array.isArray(values[field]) ? (values[field] as string[]) : values[field] ? [str(values[field])] : []);
    const quals = chosen('qualifications');
    const specs = chosen('specialisms');
    return {
      pageTitle: `Edit ${staff.displayName}`, person: staff, values, errors,
      grades: [{ value: '', text: 'Select a grade' }, ...ref.grades.map((g) => ({ value: g.code, text: g.name, selected: values.grade === g.code }))],
      qualifications: ref.qualifications.map((q) => ({ value: q.code, text: q.name, checked: quals.has(q.code) })),
      specialisms: ref.specialisms.map((s) => ({ value: s.code, text: s.name, checked: specs.has(s.code) })),
      offices: [{ value: '', text: 'No base office' }, ...offices.map((o) => ({ value: String(o.id), text: `${o.name} (${o.pduName})`, selected: str(values.baseOffice) === String(o.id) }))],
    };
  };

  app.get('/staff/:id/edit', manage, async (request, reply) => {
    const staff = await editableStaff(db, request.user!, (request.params as { id: string }).id);
    const values: Body = {
      grade: staff.grade ?? '', contractedHours: String(staff.contractedHours), ...dateParts('qualifiedOn', staff.qualifiedOn),
      qualifications: staff.qualifications, specialisms: staff.specialisms, baseOffice: staff.baseOfficeId ? String(staff.baseOfficeId) : '',
    };
    return reply.page('workforce/staff/views/edit.njk', await editPage(staff, values));
  });

  app.post('/staff/:id/edit', manage, async (request, reply) => {
    const staff = await editableStaff(db, request.user!, (request.params as { id: string }).id);
    const body = (request.body ?? {}) as Body;
    const [ref, offices] = await Promise.all([referenceData(db), officesForRegion(db, staff.regionId)]);
    const result = validateProfile(body, {
      grades: ref.grades.map((g) => g.code), qualifications: ref.qualifications.map((q) => q.code),
      specialisms: ref.specialisms.map((s) => s.code), officeIds: offices.map((o) => o.id),
    }, today());
    if (!result.ok) return reply.code(400).page('workforce/staff/views/edit.njk', await editPage(staff, body, result.errors));
    await saveProfile(db, staff.id, result.value);
    await audit(db, request, { action: 'staff.profile.update', detail: { staffId: staff.id, before: { grade: staff.grade, contractedHours: staff.contractedHours, qualifiedOn: staff.qualifiedOn, qualifications: staff.qualifications, specialisms: staff.specialisms, baseOfficeId: staff.baseOfficeId }, after: result.value } });
    return reply.redirect(`/staff/${staff.id}?saved=profile`, 303);
  });

  const absencePage = (staff: StaffRow, values: Body, errors?: Record<string, string>) => ({
    pageTitle: `Add an absence for ${staff.displayName}`, person: staff, values, errors,
    kinds: ABSENCE_KINDS.map((k) => ({ value: k.value, text: k.text, checked: values.kind === k.value })),
  });
  app.get('/staff/:id/absences/new', manage, async (request, reply) => {
    const staff = await editableStaff(db, request.user!, (request.params as { id: string }).id);
    return reply.page('workforce/staff/views/absence.njk', absencePage(staff, {}));
  });
  app.post('/staff/:id/absences', manage, async (request, reply) => {
    const staff = await editableStaff(db, request.user!, (request.params as { id: string }).id);
    const body = (request.body ?? {}) as Body;
    const result = validateAbsence(body);
    if (!result.ok) return reply.code(400).page('workforce/staff/views/absence.njk', absencePage(staff, body, result.errors));
    const absence = await addAbsence(db, staff.id, result.value, request.user!.id);
    await audit(db, request, { action: 'staff.absence.add', detail: { staffId: staff.id, ...absence } });
    return reply.redirect(`/staff/${staff.id}?saved=absence`, 303);
  });

  const reductionPage = async (staff: StaffRow, values: Body, errors?: Record<string, string>) => {
    const ref = await referenceData(db);
    return {
      pageTitle: `Add a workload reduction for ${staff.displayName}`, person: staff, values, errors,
      reasons: ref.reductionReasons.map((r) => ({ value: r.code, text: r.name, checked: values.reasonCode === r.code })),
    };
  };
  app.get('/staff/:id/reductions/new', manage, async (request, reply) => {
    const staff = await editableStaff(db, request.user!, (request.params as { id: string }).id);
    return reply.page('workforce/staff/views/reduction.njk', await reductionPage(staff, {}));
  });
  app.post('/staff/:id/reductions', manage, async (request, reply) => {
    const staff = await editableStaff(db, request.user!, (request.params as { id: string }).id);
    const body = (request.body ?? {}) as Body;
    const ref = await referenceData(db);
    const result = validateReduction(body, staff.contractedHours, ref.reductionReasons.map((r) => r.code));
    if (!result.ok) return reply.code(400).page('workforce/staff/views/reduction.njk', await reductionPage(staff, body, result.errors));
    const reason = ref.reductionReasons.find((r) => r.code === result.value.reasonCode)!.name;
    const reduction = await addReduction(db, staff.id, result.value, reason, request.user!.id);
    await audit(db, request, { action: 'staff.reduction.add', detail: { staffId: staff.id, ...reduction } });
    return reply.redirect(`/staff/${staff.id}?saved=reduction`, 303);
  });

  app.post('/staff/:id/absences/:entry/end', manage, async (request, reply) => {
    const params = request.params as { id: string; entry: string };
    const staff = await editableStaff(db, request.user!, params.id);
    const absence = (await absencesOf(db, [staff.id])).find((a) => String(a.id) === params.entry);
    if (!absence) throw new HttpError(404, 'There is no such absence for this member of staff.');
    const action = endAction(absence.startsOn, absence.endsOn, today());
    if (action === 'already-ended') throw new HttpError(409, 'That absence already ends today or has ended.');
    await endAbsence(db, absence.id, action, today());
    await audit(db, request, { action: action === 'cancel' ? 'staff.absence.cancel' : 'staff.absence.end', detail: { staffId: staff.id, ...absence } });
    return reply.redirect(`/staff/${staff.id}?saved=ended`, 303);
  });

  app.post('/staff/:id/reductions/:entry/end', manage, async (request, reply) => {
    const params = request.params as { id: string; entry: string };
    const staff = await editableStaff(db, request.user!, params.id);
    const reduction = (await reductionsOf(db, [staff.id])).find((r) => String(r.id) === params.entry);
    if (!reduction) throw new HttpError(404, 'There is no such reduction for this member of staff.');
    const action = endAction(reduction.startsOn, reduction.endsOn, today());
    if (action === 'already-ended') throw new HttpError(409, 'That reduction already ends today or has ended.');
    await endReduction(db, reduction.id, action, today());
    await audit(db, request, { action: action === 'cancel' ? 'staff.reduction.cancel' : 'staff.reduction.end', detail: { staffId: staff.id, ...reduction } });
    return reply.redirect(`/staff/${staff.id}?saved=ended`, 303);
  });

  app.get('/organisation', { onRequest: requires() }, async (request, reply) => {
    const regions = await organisation(db);
    return reply.page('workforce/staff/views/organisation.njk', {
      pageTitle: 'Organisation', regions,
      pduCount: regions.reduce((n, r) => n + r.pdus.length, 0),
    });
  });
}
