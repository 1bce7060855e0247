/** Who may see and change a staff profile, and the profile as pages and API show it. */
import { can, PERMISSIONS, type CurrentUser } from '../../auth/current-user.ts';
import type { Db } from '../../database.ts';
import { HttpError } from '../../platform/http/errors.ts';
import { isNewlyQualified } from '../workload/rules.ts';
import { absenceStatus, dayMonth, endAction, period, protectedUntil } from './forms.ts';
import { absencesOf, reductionsOf, regionScope, staffMember, type AbsenceRow, type ReductionRow, type ReferenceData, type StaffRow, type Unit } from './repository.ts';

export const today = () => new Date().toISOString().slice(0, 10);

export function inRegion(user: CurrentUser, regionId: number | null): boolean {
  const scope = regionScope(user);
  return scope === null || (scope !== 'none' && regionId === scope);
}

/** A unit (team or PDU) the user may list: in their region, or anywhere for a national role. */
export function assertUnitInScope(user: CurrentUser, unit: Unit) {
  if (!inRegion(user, unit.regionId)) throw new HttpError(403, `${unit.name} is not in your region. You can see the staff of your own region's teams and PDUs.`);
}

/** Reads one member of staff the user may see: anyone in their region with workload:read, or themselves. */
export async function viewableStaff(db: Db, user: CurrentUser, rawId: unknown): Promise<StaffRow> {
  const id = Number(rawId);
  const staff = Number.isSafeInteger(id) && id > 0 && id < 2 ** 31 ? await staffMember(db, id) : null;
  if (!staff) throw new HttpError(404, 'There is no member of staff with that id.');
  if (staff.id !== user.id && !(can(user, PERMISSIONS.workloadRead) && inRegion(user, staff.regionId))) {
    throw new HttpError(403, 'This member of staff is not in your region.');
  }
  return staff;
}

export function mayEdit(user: CurrentUser, staff: StaffRow): boolean {
  return can(user, PERMISSIONS.workloadManage) && inRegion(user, staff.regionId);
}

export async function editableStaff(db: Db, user: CurrentUser, rawId: unknown): Promise<StaffRow> {
  const staff = await viewableStaff(db, user, rawId);
  if (!mayEdit(user, staff)) {
    throw new HttpError(403, can(user, PERMISSIONS.workloadManage)
      ? 'This member of staff is not in your region, so you cannot change their details.'
      : 'Only a team manager (SPO) or an administrator can change staff details, absences and reductions.');
  }
  return staff;
}

const nameOf = (list: { code: string; name: string }[], code: string) => list.find((item) => item.code === code)?.name ?? code;

export interface PresentedAbsence extends AbsenceRow { when: 'past' | 'current' | 'future'; endable: boolean; kindName: string; dates: string }
export interface PresentedReduction extends ReductionRow { when: 'past' | 'current' | 'future'; endable: boolean; dates: string }

/** A profile as the pages and API show it: names for codes, the protected caseload, today's absence and reductions. */
export function present(staff: StaffRow, absences: AbsenceRow[], reductions: ReductionRow[], ref: ReferenceData, day: string) {
  const kindName: Record<string, string> = { leave: 'Annual leave', training: 'Training', sickness: 'Sickness', other: 'Other absence' };
  const presentedAbsences: PresentedAbsence[] = absences.filter((a) => a.userId === staff.id).map((a) => ({
    ...a, when: period(a.startsOn, a.endsOn, day), endable: endAction(a.startsOn, a.endsOn, day) !== 'already-ended', kindName: kindName[a.kind] ?? a.kind,
    dates: a.startsOn === a.endsOn ? dayMonth(a.startsOn, day) : `${dayMonth(a.startsOn, day)} to ${dayMonth(a.endsOn, day)}`,
  }));
  const presentedReductions: PresentedReduction[] = reductions.filter((r) => r.userId === staff.id).map((r) => ({
    ...r, when: period(r.startsOn, r.endsOn, day), endable: endAction(r.startsOn, r.endsOn, day) !== 'already-ended',
    dates: r.endsOn ? `${dayMonth(r.startsOn, day)} to ${dayMonth(r.endsOn, day)}` : `From ${dayMonth(r.startsOn, day)}, no end date`,
  }));
  const current = presentedAbsences.find((a) => a.when === 'current');
  const until = protectedUntil(staff.grade, staff.qualifiedOn, isNewlyQualified(staff.qualifiedOn, day));
  return {
    ...staff,
    gradeName: staff.grade ? nameOf(ref.grades, staff.grade) : null,
    qualificationNames: staff.qualifications.map((q) => nameOf(ref.qualifications, q)),
    specialismNames: staff.specialisms.map((s) => nameOf(ref.specialisms, s)),
    protectedUntil: until,
    protectedText: until ? `Protected caseload until ${dayMonth(until, day)}` : null,
    absenceText: current ? absenceStatus(current.kind, current.endsOn, day) : null,
    activeReductions: presentedReductions.filter((r) => r.when === 'current'),
    absences: presentedAbsences,
    reductions: presentedReductions,
  };
}
export type PresentedStaff = ReturnType<typeof present>;

export async function presentMany(db: Db, rows: StaffRow[], ref: ReferenceData, day: string): Promise<PresentedStaff[]> {
  const ids = rows.map((r) => r.id);
  const [absences, reductions] = await Promise.all([absencesOf(db, ids), reductionsOf(db, ids)]);
  return rows.map((row) => present(row, absences, reductions, ref, day));
}
