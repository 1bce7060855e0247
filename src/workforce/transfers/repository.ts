/** Typed SQL for transfers: the case_transfers table and what its pages read around it. */
import { sql } from 'kysely';
import { accessListAllows } from '../../access/visibility.ts';
import { PERMISSIONS, type CurrentUser } from '../../auth/current-user.ts';
import { roleGrants } from '../../auth/repository.ts';
import type { Db } from '../../database.ts';
import type { TransferRequest } from './forms.ts';
import type { TransferStatus } from './tables.ts';

/** Where the case is held now (its open case_allocations row), with names. */
export async function holdingOf(db: Db, personId: number) {
  return db.selectFrom('case_allocations as a')
    .innerJoin('teams as t', 't.id', 'a.team_id')
    .innerJoin('pdus as p', 'p.id', 't.pdu_id')
    .leftJoin('users as u', 'u.id', 'a.practitioner_id')
    .select(['a.id', 'a.team_id as teamId', 'a.practitioner_id as practitionerId', 't.name as teamName', 'p.region_id as regionId', 'u.display_name as practitionerName'])
    .where('a.person_id', '=', personId).where('a.ended_at', 'is', null)
    .executeTakeFirst();
}
export type HoldingRow = NonNullable<Awaited<ReturnType<typeof holdingOf>>>;

/** Every active team with its PDU and region, and the practitioners who may hold cases (as allocation ranks them). */
export async function destinations(db: Db) {
  const [teams, practitioners] = await Promise.all([
    db.selectFrom('teams as t').innerJoin('pdus as p', 'p.id', 't.pdu_id').innerJoin('regions as r', 'r.id', 'p.region_id')
      .select(['t.id', 't.name', 't.code', 'p.name as pduName', 'p.id as pduId', 'r.id as regionId', 'r.name as regionName'])
      .where('t.active', '=', true).orderBy('r.name').orderBy('p.name').orderBy('t.name').execute(),
    db.selectFrom('users').select(['id', 'display_name as name', 'grade', 'team_id'])
      .where('active', '=', true).where('service_account', '=', false).where('grade', 'is not', null).where('team_id', 'is not', null)
      .where(roleGrants(PERMISSIONS.caseloadHold))
      .orderBy('display_name').execute(),
  ]);
  return { teams, practitioners: practitioners.map((p) => ({ id: p.id, name: p.name, grade: p.grade, teamId: p.team_id! })) };
}
export type DestinationRows = Awaited<ReturnType<typeof destinations>>;

/** A transfer with the names a page shows. The person's name only where the access list allows `user`. */
function transfers(db: Db, user: CurrentUser) {
  const allowed = accessListAllows(user);
  return db.selectFrom('case_transfers as ct')
    .innerJoin('people', 'people.id', 'ct.person_id')
    .innerJoin('teams as ft', 'ft.id', 'ct.from_team_id')
    .innerJoin('teams as tt', 'tt.id', 'ct.to_team_id')
    .innerJoin('pdus as tp', 'tp.id', 'tt.pdu_id')
    .innerJoin('regions as tr', 'tr.id', 'tp.region_id')
    .leftJoin('users as fp', 'fp.id', 'ct.from_practitioner_id')
    .leftJoin('users as tpr', 'tpr.id', 'ct.to_practitioner_id')
    .innerJoin('users as rb', 'rb.id', 'ct.requested_by')
    .leftJoin('users as du', 'du.id', 'ct.decided_by')
    .leftJoin('allocation_decisions as ad', 'ad.id', 'ct.allocation_decision_id')
    .leftJoin('users as ap', 'ap.id', 'ad.practitioner_id')
    .select([
      'ct.id', 'ct.person_id as personId', 'people.crn', 'ct.status', 'ct.reason', 'ct.appointments', 'ct.requested_at as requestedAt',
      'ct.decided_at as decidedAt', 'ct.decision_reason as decisionReason', 'ct.requested_by as requestedBy',
      'ct.from_team_id as fromTeamId', 'ct.to_team_id as toTeamId', 'ct.from_practitioner_id as fromPractitionerId', 'ct.to_practitioner_id as toPractitionerId',
      'ft.name as fromTeam', 'tt.name as toTeam', 'tp.name as toPdu', 'tr.name as toRegion', 'tr.id as toRegionId',
      'fp.display_name as fromPractitioner', 'tpr.display_name as toPractitioner', 'rb.display_name as requestedByName',
      'du.display_name as decidedByName', 'ap.display_name as allocatedTo',
      allowed.as('viewable'),
      sql<string | null>`case when ${allowed} then people.first_name || ' ' || people.last_name end`.as('name'),
      sql<string | null>`case when ${allowed} then (select tc.tier from tier_calculations tc where tc.person_id = people.id order by tc.id desc limit 1) end`.as('tier'),
      sql<string | null>`case when ${allowed} then (select r.overall from rosh_assessments r where r.person_id = people.id and not r.superseded limit 1) end`.as('rosh'),
    ]);
}
export type TransferRow = Awaited<ReturnType<ReturnType<typeof transfers>['execute']>>[number];

export const transfersOfPerson = (db: Db, user: CurrentUser, personId: number) =>
  transfers(db, user).where('ct.person_id', '=', personId).orderBy('ct.id', 'desc').execute();

export const transferById = (db: Db, user: CurrentUser, id: number) =>
  transfers(db, user).where('ct.id', '=', id).executeTakeFirst();

/** Waiting for the team's decision (the team is the destination), oldest first. */
export const incomingTransfers = (db: Db, user: CurrentUser, teamId: number) =>
  transfers(db, user).where('ct.to_team_id', '=', teamId).where('ct.status', '=', 'requested').orderBy('ct.id').execute();

/** Requested from the team, or by the user, still waiting. */
export const outgoingTransfers = (db: Db, user: CurrentUser, teamId: number | null) =>
  transfers(db, user).where('ct.status', '=', 'requested')
    .where((eb) => eb.or([eb('ct.requested_by', '=', user.id), ...(teamId ? [eb('ct.from_team_id', '=', teamId)] : [])]))
    .orderBy('ct.id').execute();

/** The latest decisions on transfers into or out of the team (or requested by the user). */
export const recentDecisions = (db: Db, user: CurrentUser, teamId: number | null, limit = 20) =>
  transfers(db, user).where('ct.status', '!=', 'requested')
    .where((eb) => eb.or([eb('ct.requested_by', '=', user.id), ...(teamId ? [eb('ct.from_team_id', '=', teamId), eb('ct.to_team_id', '=', teamId)] : [])]))
    .orderBy('ct.decided_at', 'desc').orderBy('ct.id', 'desc').limit(limit).execute();

export async function hasOpenTransfer(db: Db, personId: number): Promise<boolean> {
  const row = await db.selectFrom('case_transfers').select('id').where('person_id', '=', personId).where('status', '=', 'requested').executeTakeFirst();
  return !!row;
}

export async function insertTransfer(db: Db, personId: number, holding: { teamId: number; practitionerId: number | null }, request: TransferRequest, by: number) {
  return db.insertInto('case_transfers').values({
    person_id: personId, from_team_id: holding.teamId, from_practitioner_id: holding.practitionerId,
    to_team_id: request.toTeamId, to_practitioner_id: request.toPractitionerId, reason: request.reason,
    appointments: request.appointments, requested_by: by,
  }).returning('id').executeTakeFirstOrThrow();
}

/** Locks the transfer row for a decision: two managers deciding at once take turns. */
export const lockTransfer = (trx: Db, id: number) =>
  trx.selectFrom('case_transfers').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

export async function markDecided(trx: Db, id: number, status: Exclude<TransferStatus, 'requested'>, by: number, reason: string | null, allocationDecisionId: number | null) {
  await trx.updateTable('case_transfers').set({
    status, decided_by: by, decided_at: sql<Date>`now()`, decision_reason: reason, allocation_decision_id: allocationDecisionId,
  }).where('id', '=', id).where('status', '=', 'requested').execute();
}

/** The managers (cases:allocate) of a team: who hears of a transfer into it. */
export async function teamManagers(db: Db, teamId: number): Promise<number[]> {
  const rows = await db.selectFrom('users').select('users.id')
    .where('users.team_id', '=', teamId).where('users.active', '=', true)
    .where(roleGrants(PERMISSIONS.casesAllocate))
    .execute();
  return rows.map((r) => r.id);
}

/** The cases a practitioner holds now, with whether the manager may open each and any open transfer. */
export async function caseloadOf(db: Db, user: CurrentUser, practitionerId: number) {
  const allowed = accessListAllows(user);
  return db.selectFrom('case_allocations as a')
    .innerJoin('people', 'people.id', 'a.person_id')
    .select([
      'people.id as personId', 'people.crn', 'a.team_id as teamId', allowed.as('viewable'),
      sql<string | null>`case when ${allowed} then people.first_name || ' ' || people.last_name end`.as('name'),
      sql<string | null>`(select tc.tier from tier_calculations tc where tc.person_id = people.id order by tc.id desc limit 1)`.as('tier'),
      sql<boolean>`exists (select 1 from case_transfers ct where ct.person_id = people.id and ct.status = 'requested')`.as('openTransfer'),
    ])
    .where('a.practitioner_id', '=', practitionerId).where('a.ended_at', 'is', null)
    .orderBy('people.last_name').orderBy('people.first_name').orderBy('people.crn')
    .execute();
}

export const userInTeam = (db: Db, userId: number, teamId: number) =>
  db.selectFrom('users').select(['id', 'display_name as name', 'grade', 'team_id as teamId'])
    .where('id', '=', userId).where('team_id', '=', teamId).executeTakeFirst();

export const regionOfTeam = async (db: Db, teamId: number) =>
  (await db.selectFrom('teams').innerJoin('pdus', 'pdus.id', 'teams.pdu_id').select('pdus.region_id').where('teams.id', '=', teamId).executeTakeFirstOrThrow()).region_id;
