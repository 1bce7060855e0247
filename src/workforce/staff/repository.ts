/** Staff and organisation data access (typed Kysely). */
import { sql } from 'kysely';
import type { CurrentUser } from '../../auth/current-user.ts';
import type { Db } from '../../database.ts';
import type { AbsenceValues, ProfileValues, ReductionValues } from './forms.ts';

const iso = (column: string) => sql<string>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`;
const isoOrNull = (column: string) => sql<string | null>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`;

export interface Reference { code: string; name: string }
export interface ReferenceData { grades: Reference[]; specialisms: Reference[]; qualifications: Reference[]; reductionReasons: Reference[] }

export async function referenceData(db: Db): Promise<ReferenceData> {
  const [grades, specialisms, qualifications, reductionReasons] = await Promise.all([
    db.selectFrom('staff_grades').select(['code', 'name']).orderBy('position').execute(),
    db.selectFrom('specialisms').select(['code', 'name']).orderBy('position').execute(),
    db.selectFrom('qualifications').select(['code', 'name']).orderBy('position').execute(),
    db.selectFrom('reduction_reasons').select(['code', 'name']).where('active', '=', true).orderBy('position').execute(),
  ]);
  return { grades, specialisms, qualifications, reductionReasons };
}

/** The region a user sees staff in; null for a national role (every region). */
export const regionScope = (user: CurrentUser): number | null | 'none' =>
  user.caseScope === 'national' ? null : user.regionId ?? 'none';

export interface Unit { kind: 'team' | 'pdu'; id: number; code: string; name: string; pduName: string; regionId: number }

export async function findTeam(db: Db, code: string): Promise<Unit | null> {
  const row = await db.selectFrom('teams as t').innerJoin('pdus as p', 'p.id', 't.pdu_id')
    .select(['t.id', 't.code', 't.name', 'p.name as pduName', 'p.region_id as regionId']).where('t.code', '=', code).executeTakeFirst();
  return row ? { kind: 'team', ...row } : null;
}
export async function findTeamById(db: Db, id: number): Promise<Unit | null> {
  const row = await db.selectFrom('teams as t').innerJoin('pdus as p', 'p.id', 't.pdu_id')
    .select(['t.code']).where('t.id', '=', id).executeTakeFirst();
  return row ? findTeam(db, row.code) : null;
}
export async function findPdu(db: Db, code: string): Promise<Unit | null> {
  const row = await db.selectFrom('pdus as p').select(['p.id', 'p.code', 'p.name', 'p.name as pduName', 'p.region_id as regionId']).where('p.code', '=', code).executeTakeFirst();
  return row ? { kind: 'pdu', ...row } : null;
}

/** The teams and PDUs a user may choose on the staff page: their region's, or all for a national role. */
export async function unitsInScope(db: Db, user: CurrentUser) {
  const scope = regionScope(user);
  if (scope === 'none') return [];
  let query = db.selectFrom('pdus as p').innerJoin('teams as t', 't.pdu_id', 'p.id').innerJoin('regions as r', 'r.id', 'p.region_id')
    .select(['p.code as pduCode', 'p.name as pduName', 't.code as teamCode', 't.name as teamName', 'r.name as regionName'])
    .where('t.active', '=', true).orderBy('r.name').orderBy('p.name').orderBy('t.name');
  if (scope !== null) query = query.where('p.region_id', '=', scope);
  return query.execute();
}

export interface StaffRow {
  id: number; username: string; displayName: string; grade: string | null; roleName: string;
  teamId: number | null; teamCode: string | null; teamName: string | null; pduId: number | null; pduCode: string | null; pduName: string | null; regionId: number | null;
  contractedHours: number; qualifiedOn: string | null; qualifications: string[]; specialisms: string[];
  baseOfficeId: number | null; baseOffice: string | null; hasProfile: boolean;
}

function staffQuery(db: Db) {
  return db.selectFrom('users as u')
    .innerJoin('roles as ro', 'ro.code', 'u.role_code')
    .leftJoin('teams as t', 't.id', 'u.team_id')
    .leftJoin('pdus as p', 'p.id', 't.pdu_id')
    .leftJoin('staff_profiles as sp', 'sp.user_id', 'u.id')
    .leftJoin('offices as o', 'o.id', 'sp.base_office_id')
    .select([
      'u.id', 'u.username', 'u.display_name as displayName', 'u.grade', 'ro.name as roleName',
      'u.team_id as teamId', 't.code as teamCode', 't.name as teamName', 'p.id as pduId', 'p.code as pduCode', 'p.name as pduName',
      sql<number | null>`coalesce(p.region_id, u.region_id)`.as('regionId'),
      sql<string>`coalesce(sp.contracted_hours, 37)::text`.as('hours'),
      isoOrNull('sp.qualified_on').as('qualifiedOn'),
      sql<string[]>`coalesce(sp.qualifications, '{}')`.as('qualifications'),
      sql<string[]>`coalesce(sp.specialisms, '{}')`.as('specialisms'),
      'sp.base_office_id as baseOfficeId', 'o.name as baseOffice',
      sql<boolean>`sp.user_id IS NOT NULL`.as('hasProfile'),
    ])
    .where('u.active', '=', true).where('u.service_account', '=', false);
}
type RawStaff = Awaited<ReturnType<ReturnType<typeof staffQuery>['execute']>>[number];
const toStaff = ({ hours, ...row }: RawStaff): StaffRow => ({ ...row, contractedHours: Number(hours) });

export async function staffIn(db: Db, unit: Unit): Promise<StaffRow[]> {
  const rows = await staffQuery(db).where(unit.kind === 'team' ? 't.id' : 'p.id', '=', unit.id).orderBy('t.name').orderBy('u.display_name').execute();
  return rows.map(toStaff);
}

export async function staffMember(db: Db, id: number): Promise<StaffRow | null> {
  const row = await staffQuery(db).where('u.id', '=', id).executeTakeFirst();
  return row ? toStaff(row) : null;
}

export interface AbsenceRow { id: number; userId: number; kind: AbsenceValues['kind']; startsOn: string; endsOn: string }
export interface ReductionRow { id: number; userId: number; hours: number; reason: string; reasonCode: string | null; detail: string | null; startsOn: string; endsOn: string | null }

export async function absencesOf(db: Db, userIds: number[]): Promise<AbsenceRow[]> {
  if (!userIds.length) return [];
  return db.selectFrom('staff_absences')
    .select(['id', 'user_id as userId', 'kind', iso('starts_on').as('startsOn'), iso('ends_on').as('endsOn')])
    .where('user_id', 'in', userIds).orderBy('starts_on', 'desc').orderBy('id', 'desc').execute();
}

export async function reductionsOf(db: Db, userIds: number[]): Promise<ReductionRow[]> {
  if (!userIds.length) return [];
  const rows = await db.selectFrom('workload_reductions')
    .select(['id', 'user_id as userId', sql<string>`hours::text`.as('hours'), 'reason', 'reason_code as reasonCode', 'detail', iso('starts_on').as('startsOn'), isoOrNull('ends_on').as('endsOn')])
    .where('user_id', 'in', userIds).orderBy('starts_on', 'desc').orderBy('id', 'desc').execute();
  return rows.map((row) => ({ ...row, hours: Number(row.hours) }));
}

/** The offices a member of staff can be based at: the active offices of their region's PDUs. */
export async function officesForRegion(db: Db, regionId: number | null) {
  let query = db.selectFrom('offices as o').innerJoin('pdus as p', 'p.id', 'o.pdu_id')
    .select(['o.id', 'o.name', 'p.name as pduName']).where('o.active', '=', true).orderBy('p.name').orderBy('o.name');
  if (regionId !== null) query = query.where('p.region_id', '=', regionId);
  return query.execute();
}

export async function saveProfile(db: Db, userId: number, values: ProfileValues): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const profile = {
      contracted_hours: values.contractedHours,
      qualified_on: values.qualifiedOn,
      qualifications: values.qualifications,
      specialisms: values.specialisms,
      base_office_id: values.baseOfficeId,
    };
    await trx.insertInto('staff_profiles').values({ user_id: userId, ...profile })
      .onConflict((oc) => oc.column('user_id').doUpdateSet(profile)).execute();
    await trx.updateTable('users').set({ grade: values.grade }).where('id', '=', userId).execute();
  });
}

export async function addAbsence(db: Db, userId: number, values: AbsenceValues, recordedBy: number): Promise<AbsenceRow> {
  const row = await db.insertInto('staff_absences')
    .values({ user_id: userId, kind: values.kind, starts_on: values.startsOn, ends_on: values.endsOn, recorded_by: recordedBy })
    .returning('id').executeTakeFirstOrThrow();
  return { id: row.id, userId, ...values };
}

export async function addReduction(db: Db, userId: number, values: ReductionValues, reasonName: string, recordedBy: number): Promise<ReductionRow> {
  const row = await db.insertInto('workload_reductions')
    .values({ user_id: userId, hours: values.hours, reason: reasonName, reason_code: values.reasonCode, detail: values.detail, starts_on: values.startsOn, ends_on: values.endsOn, recorded_by: recordedBy })
    .returning('id').executeTakeFirstOrThrow();
  return { id: row.id, userId, hours: values.hours, reason: reasonName, reasonCode: values.reasonCode, detail: values.detail, startsOn: values.startsOn, endsOn: values.endsOn };
}

/** Ends a current absence today, or cancels (removes) one not yet started; the audit log keeps what it was. */
export async function endAbsence(db: Db, id: number, action: 'cancel' | 'end', today: string) {
  if (action === 'cancel') await db.deleteFrom('staff_absences').where('id', '=', id).execute();
  else await db.updateTable('staff_absences').set({ ends_on: today }).where('id', '=', id).execute();
}
export async function endReduction(db: Db, id: number, action: 'cancel' | 'end', today: string) {
  if (action === 'cancel') await db.deleteFrom('workload_reductions').where('id', '=', id).execute();
  else await db.updateTable('workload_reductions').set({ ends_on: today }).where('id', '=', id).execute();
}

/** Regions with their PDUs, and each PDU's teams and offices: the organisation page and API. */
export async function organisation(db: Db) {
  const [regions, pdus, teams, offices, teamOffices] = await Promise.all([
    db.selectFrom('regions').select(['id', 'code', 'name']).orderBy('name').execute(),
    db.selectFrom('pdus').select(['id', 'region_id as regionId', 'code', 'name']).orderBy('name').execute(),
    db.selectFrom('teams').select(['id', 'pdu_id as pduId', 'code', 'name', 'active']).orderBy('name').execute(),
    db.selectFrom('offices').select(['id', 'pdu_id as pduId', 'code', 'name', 'address', 'postcode', 'active']).orderBy('name').execute(),
    db.selectFrom('team_offices').select(['team_id as teamId', 'office_id as officeId']).execute(),
  ]);
  const officeName = new Map(offices.map((o) => [o.id, o.name]));
  const officeOf = new Map(teamOffices.map((t) => [t.teamId, officeName.get(t.officeId) ?? null]));
  return regions.map((region) => ({
    code: region.code,
    name: region.name,
    pdus: pdus.filter((p) => p.regionId === region.id).map((pdu) => ({
      code: pdu.code,
      name: pdu.name,
      teams: teams.filter((t) => t.pduId === pdu.id).map((t) => ({ code: t.code, name: t.name, active: t.active, office: officeOf.get(t.id) ?? null })),
      offices: offices.filter((o) => o.pduId === pdu.id).map(({ code, name, address, postcode, active }) => ({ code, name, address, postcode, active })),
    })),
  }));
}
