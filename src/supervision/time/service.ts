/** Time with people: whose figures a user may see, the figures themselves, and recording other work. */
import { accessListAllows, inScope } from '../../access/visibility.ts';
import { can, PERMISSIONS, type CurrentUser } from '../../auth/current-user.ts';
import type { Db } from '../../database.ts';
import { HttpError } from '../../platform/http/errors.ts';
import { practitioner, practitionersIn, regionOrg } from '../../workforce/workload/repository.ts';
import type { EntryValue } from './forms.ts';
import { contactTimes, currentEntry, dayTotal, kinds, otherTimes } from './repository.ts';
import { formatMinutes, timeWithPeople, totalsOf, type BucketBy } from './rules.ts';

type Query = { practitioner?: unknown; team?: unknown; pdu?: unknown };
const str = (v: unknown) => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '');

export interface Scope {
  kind: 'practitioner' | 'team' | 'pdu';
  /** What the figures are for: 'Jo Armstrong', 'Newcastle Central', ... */
  name: string;
  practitionerId: number | null; teamCode: string | null; pduCode: string | null;
  members: { id: number; name: string }[];
  teams: { code: string; name: string }[]; pdus: { code: string; name: string }[];
  /** For a manager: the practitioners of the region they may choose from. */
  practitioners: { id: number; name: string }[];
  canChoose: boolean;
}

/**
 * Whose figures: a practitioner sees only their own (403 otherwise); a team manager (cases:allocate) any
 * practitioner, team or PDU of their region, by default their own team.
 */
export async function scopeOf(db: Db, user: CurrentUser, query: Query): Promise<Scope> {
  const manager = can(user, PERMISSIONS.casesAllocate);
  const [pId, teamCode, pduCode] = [str(query.practitioner), str(query.team), str(query.pdu)];
  if ([pId, teamCode, pduCode].filter(Boolean).length > 1) throw new HttpError(400, 'Choose one of a practitioner, a team or a PDU, not more than one.');
  const org = manager ? await regionOrg(db, user.regionId) : { pdus: [], teams: [] };
  const inRegion = manager ? await practitionersIn(db, org.teams.map((t) => t.id)) : [];
  const base = {
    teams: org.teams.map((t) => ({ code: t.code, name: t.name })), pdus: org.pdus.map((p) => ({ code: p.code, name: p.name })),
    practitioners: inRegion.map((p) => ({ id: p.id, name: p.name })), canChoose: manager,
  };
  const refuse = () => new HttpError(403, 'You can see only your own time with people. Team managers (cases:allocate) see their team\'s and PDU\'s.');
  if (pId || (!teamCode && !pduCode && !manager)) {
    const id = pId ? Number(pId) : user.id;
    if (!Number.isSafeInteger(id) || id <= 0) throw new HttpError(400, 'The practitioner must be a staff id (a whole number).');
    if (id !== user.id && !manager) throw refuse();
    const p = await practitioner(db, id);
    if (!p || (id !== user.id && (p.region_id === null || p.region_id !== user.regionId))) throw new HttpError(404, 'There is no practitioner with that id in your region.');
    return { ...base, kind: 'practitioner', name: p.name, practitionerId: p.id, teamCode: null, pduCode: null, members: [{ id: p.id, name: p.name }] };
  }
  if (!manager) throw refuse();
  if (pduCode) {
    const pdu = org.pdus.find((p) => p.code === pduCode);
    if (!pdu) throw new HttpError(400, `There is no PDU "${pduCode}" in your region. Choose one from the list.`);
    const members = await practitionersIn(db, org.teams.filter((t) => t.pdu_id === pdu.id).map((t) => t.id));
    return { ...base, kind: 'pdu', name: pdu.name, practitionerId: null, teamCode: null, pduCode: pdu.code, members: members.map((m) => ({ id: m.id, name: m.name })) };
  }
  const team = teamCode ? org.teams.find((t) => t.code === teamCode) : org.teams.find((t) => t.id === user.teamId) ?? org.teams[0];
  if (!team) throw new HttpError(400, teamCode ? `There is no team "${teamCode}" in your region. Choose one from the list.` : 'You are not in a team: choose a team or PDU.');
  const members = await practitionersIn(db, [team.id]);
  return { ...base, kind: 'team', name: team.name, practitionerId: null, teamCode: team.code, pduCode: null, members: members.map((m) => ({ id: m.id, name: m.name })) };
}

/** The figures for a scope and period: the series, the total, other work by kind and, for a team or PDU, each practitioner's. */
export async function figuresFor(db: Db, scope: Scope, period: { from: string; to: string; by: BucketBy }) {
  const ids = scope.members.map((m) => m.id);
  const [contacts, other, kindRows] = await Promise.all([contactTimes(db, ids, period.from, period.to), otherTimes(db, ids, period.from, period.to), kinds(db)]);
  const result = timeWithPeople(contacts, other, period);
  const kindName = new Map(kindRows.map((k) => [k.code, k.name]));
  const otherByKind = [...result.otherByKind].map(([kind, minutes]) => ({ kind, name: kindName.get(kind) ?? kind, minutes, time: formatMinutes(minutes),
    percentOfOther: result.total.otherMinutes ? Math.round((minutes / result.total.otherMinutes) * 1000) / 10 : 0 }))
    .sort((a, b) => b.minutes - a.minutes);
  const practitioners = scope.kind === 'practitioner' ? [] : scope.members.map((m) => ({
    id: m.id, name: m.name,
    ...totalsOf(contacts.filter((c) => c.userId === m.id), other.filter((o) => o.userId === m.id), period.from, period.to),
  }));
  return { series: result.series, total: result.total, otherByKind, practitioners };
}

/** The case a CRN names, if the user may work on it (in scope and allowed by the access list). */
export async function caseForEntry(db: Db, user: CurrentUser, crn: string | null): Promise<number | null | 'refused'> {
  if (!crn) return null;
  const person = await db.selectFrom('people').select('id').where('crn', '=', crn).where(inScope(user)).where(accessListAllows(user)).executeTakeFirst();
  return person ? Number(person.id) : 'refused';
}

/** A day's other work stays within 24 hours. Returns a field error, or null. */
async function dayLimitError(db: Db, userId: number, v: EntryValue, exceptEntryId: number | null): Promise<string | null> {
  const already = await dayTotal(db, userId, v.workedOn, exceptEntryId);
  return already + v.minutes > 1440 ? `You have already recorded ${formatMinutes(already)} of other work that day: a day's total cannot be more than 24 hours` : null;
}

export type SaveResult = { ok: true; entryId: number; personId: number | null } | { ok: false; errors: Record<string, string> };

/** Records a new entry of the user's own other work. */
export async function recordEntry(db: Db, user: CurrentUser, v: EntryValue): Promise<SaveResult> {
  return db.transaction().execute(async (trx): Promise<SaveResult> => {
    const personId = await caseForEntry(trx, user, v.crn);
    if (personId === 'refused') return { ok: false, errors: { crn: `There is no case with CRN ${v.crn} that you can work on` } };
    const limit = await dayLimitError(trx, user.id, v, null);
    if (limit) return { ok: false, errors: { hours: limit } };
    const row = await trx.insertInto('work_time_entries').values({
      supersedes_id: null, user_id: user.id, worked_on: v.workedOn, kind: v.kind, minutes: v.minutes, note: v.note, person_id: personId,
      change: 'recorded', change_reason: null, recorded_by: user.id,
    }).returning('id').executeTakeFirstOrThrow();
    return { ok: true, entryId: Number(row.id), personId };
  });
}

/** Corrects (a new version) or removes (a final version that counts as nothing) one of the user's own entries. */
export async function changeEntry(db: Db, user: CurrentUser, entryId: number, change: 'corrected' | 'removed', v: EntryValue | { reason: string }): Promise<SaveResult> {
  return changeEntryOnce(db, user, entryId, change, v).catch((error: unknown) => {
    // Two changes to one version at once: the second breaks supersedes_id's uniqueness, and nothing is lost.
    if ((error as { code?: string }).code === '23505') throw new HttpError(409, 'This entry was changed by someone else at the same moment. Open it again to see its latest version.');
    throw error;
  });
}

function changeEntryOnce(db: Db, user: CurrentUser, entryId: number, change: 'corrected' | 'removed', v: EntryValue | { reason: string }): Promise<SaveResult> {
  return db.transaction().execute(async (trx): Promise<SaveResult> => {
    const current = await currentEntry(trx, user.id, entryId);
    if (!current || current.change === 'removed') throw new HttpError(404, 'There is no work time entry of yours with that id. It may have been removed already.');
    let values = { worked_on: current.worked_on, kind: current.kind, minutes: current.minutes, note: current.note, person_id: current.person_id };
    if (change === 'corrected' && 'workedOn' in v) {
      const personId = v.crn === current.crn ? current.person_id : await caseForEntry(trx, user, v.crn);
      if (personId === 'refused') return { ok: false, errors: { crn: `There is no case with CRN ${v.crn} that you can work on` } };
      const limit = await dayLimitError(trx, user.id, v, entryId);
      if (limit) return { ok: false, errors: { hours: limit } };
      values = { worked_on: v.workedOn, kind: v.kind, minutes: v.minutes, note: v.note, person_id: personId };
    }
    await trx.insertInto('work_time_entries').values({
      ...values, supersedes_id: current.id, user_id: user.id, change, change_reason: ('reason' in v ? v.reason : null) ?? null, recorded_by: user.id,
    }).execute();
    return { ok: true, entryId, personId: values.person_id };
  });
}
