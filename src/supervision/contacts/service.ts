/**
 * Writing contacts (issue 5 item 3). The only code that writes the `contacts` table: every change is a new
 * version that supersedes the current one (the table refuses UPDATE and DELETE). Every function takes the
 * caller's transaction so other areas can compose them; any change that makes or removes a failure to comply
 * re-runs enforcement.
 */
import { sql } from 'kysely';
import type { Db } from '../../database.ts';
import { HttpError, badRequest, notFound } from '../../platform/http/errors.ts';
import { isFailure, reviewEnforcement } from '../enforcement/service.ts';
import { findClashes, type Clash, type DiaryEntry } from './clashes.ts';
import { contactTypes } from './repository.ts';
import { londonParts, longDate } from '../../platform/uk-time.ts';
import type { ContactOutcome, ContactsTable } from './tables.ts';
import type { Insertable, Selectable } from 'kysely';

export const OUTCOMES: { value: ContactOutcome; text: string; hint: string }[] = [
  { value: 'attended_complied', text: 'Attended and complied', hint: 'Counts as a complied contact' },
  { value: 'attended_failed_to_comply', text: 'Attended but failed to comply', hint: 'For example, behaviour or refusing to take part: a failure to comply' },
  { value: 'acceptable_absence', text: 'Acceptable absence', hint: 'Give the evidence, for example a medical certificate' },
  { value: 'unacceptable_absence', text: 'Unacceptable absence', hint: 'A failure to comply: enforcement will be reviewed' },
  { value: 'rescheduled', text: 'Rescheduled', hint: 'Arranged for another time before it took place' },
];
export const isOutcome = (value: unknown): value is ContactOutcome => OUTCOMES.some((o) => o.value === value);

type Contact = Selectable<ContactsTable>;
const limits = { location: 200, notes: 20000, evidence: 2000, reason: 2000 };

export interface BookAppointment {
  personId: number;
  typeCode: string;
  practitionerId: number;
  startsAt: Date;
  /** Defaults to the type's usual length. */
  durationMinutes?: number | null;
  location?: string | null;
  requirementId?: number | null;
  notes?: string | null;
  sensitive?: boolean;
  bookedBy: number;
}

export interface RecordContact {
  personId: number;
  typeCode: string;
  /** Whose contact it was; defaults to the person recording it. */
  practitionerId?: number | null;
  startsAt: Date;
  durationMinutes?: number | null;
  location?: string | null;
  requirementId?: number | null;
  /** An appointment type that already happened must have an outcome; other contacts may not. */
  outcome?: ContactOutcome | null;
  evidence?: string | null;
  notes?: string | null;
  sensitive?: boolean;
  directEngagement?: boolean;
  by: number;
}

export interface RecordOutcome {
  outcome: ContactOutcome;
  evidence?: string | null;
  notes?: string | null;
  sensitive?: boolean;
  durationMinutes?: number | null;
  directEngagement?: boolean;
  by: number;
}

export interface CorrectContact {
  typeCode?: string;
  startsAt?: Date;
  durationMinutes?: number;
  location?: string | null;
  requirementId?: number | null;
  outcome?: ContactOutcome | null;
  evidence?: string | null;
  notes?: string | null;
  sensitive?: boolean;
  directEngagement?: boolean;
  reason: string;
  by: number;
}

export interface RescheduleAppointment {
  newStartsAt: Date;
  durationMinutes?: number | null;
  location?: string | null;
  practitionerId?: number | null;
  notes?: string | null;
  reason: string;
  by: number;
}

const trimmed = (value: string | null | undefined) => (value ?? '').trim() || null;

function checkLength(field: string, value: string | null, max: number, label: string) {
  if (value && value.length > max) throw badRequest(`${label} must be ${max} characters or fewer`, { [field]: `${label} must be ${max} characters or fewer` });
}

function checkMinutes(minutes: number) {
  if (!Number.isInteger(minutes) || minutes < 0 || minutes > 1440) {
    throw badRequest('Duration must be a whole number of minutes between 0 and 1440', { durationMinutes: 'Duration must be a whole number of minutes between 0 and 1440' });
  }
}

async function contactType(trx: Db, code: string) {
  const type = (await contactTypes(trx)).find((t) => t.code === code);
  if (!type) throw badRequest('Select a contact type from the list', { typeCode: 'Select a contact type from the list' });
  return type;
}

async function checkRequirement(trx: Db, personId: number, requirementId: number | null | undefined) {
  if (requirementId === null || requirementId === undefined) return null;
  const found = await trx.selectFrom('requirements').select('id').where('id', '=', requirementId).where('person_id', '=', personId).executeTakeFirst();
  if (!found) throw badRequest('Select one of this person\'s requirements', { requirementId: 'Select one of this person\'s requirements' });
  return requirementId;
}

async function checkPractitioner(trx: Db, practitionerId: number) {
  const user = await trx.selectFrom('users').select(['id', 'display_name']).where('id', '=', practitionerId).where('active', '=', true).executeTakeFirst();
  if (!user) throw badRequest('Select a practitioner who is an active user', { practitionerId: 'Select a practitioner who is an active user' });
  return user;
}

function checkOutcome(outcome: ContactOutcome | null | undefined, evidence: string | null) {
  if (outcome !== null && outcome !== undefined && !isOutcome(outcome)) throw badRequest('Select an outcome', { outcome: 'Select an outcome' });
  if (outcome === 'acceptable_absence' && !evidence) {
    throw badRequest('Give the evidence for an acceptable absence, for example a medical certificate or a letter', { evidence: 'Give the evidence for an acceptable absence, for example a medical certificate or a letter' });
  }
  checkLength('evidence', evidence, limits.evidence, 'Evidence');
}

/** The contact's current version, or 404. */
export async function currentVersion(trx: Db, contactId: number): Promise<Contact> {
  const row = await trx.selectFrom('current_contacts').selectAll().where('contact_id', '=', contactId).executeTakeFirst();
  if (!row) throw notFound('Contact not found');
  return row as Contact;
}

/** Serialises bookings for a practitioner and a person so two clashing bookings cannot both pass the check. */
async function lockDiaries(trx: Db, personId: number, practitionerId: number | null) {
  await sql`SELECT pg_advisory_xact_lock(18001, ${personId}::int)`.execute(trx);
  if (practitionerId !== null) await sql`SELECT pg_advisory_xact_lock(18002, ${practitionerId}::int)`.execute(trx);
}

/** Current appointments of the practitioner or the person that might overlap [startsAt, +minutes). */
async function diaryAround(trx: Db, personId: number, practitionerId: number | null, startsAt: Date, minutes: number): Promise<DiaryEntry[]> {
  const from = new Date(startsAt.getTime() - 1440 * 60_000);
  const to = new Date(startsAt.getTime() + Math.max(minutes, 1) * 60_000);
  const rows = await trx.selectFrom('current_contacts as c')
    .innerJoin('contact_types as t', 't.code', 'c.type_code')
    .select(['c.contact_id', 'c.person_id', 'c.practitioner_id', 'c.starts_at', 'c.duration_minutes', 'c.outcome', 'c.change', 't.name'])
    .where('t.appointment', '=', true)
    .where((eb) => practitionerId === null ? eb('c.person_id', '=', personId) : eb.or([eb('c.person_id', '=', personId), eb('c.practitioner_id', '=', practitionerId)]))
    .where('c.starts_at', '>=', from).where('c.starts_at', '<', to)
    .execute();
  return rows.map((r) => ({
    contactId: r.contact_id, personId: r.person_id, practitionerId: r.practitioner_id, startsAt: new Date(r.starts_at),
    durationMinutes: r.duration_minutes, outcome: r.outcome, change: r.change, label: r.name,
  }));
}

/** A message a person understands, naming the clash. */
export function clashMessage(clash: Clash, practitionerName: string): string {
  const start = londonParts(clash.entry.startsAt);
  const end = londonParts(new Date(clash.entry.startsAt.getTime() + clash.entry.durationMinutes * 60_000));
  const what = (clash.entry.label ?? 'appointment').toLowerCase();
  const when = `from ${start.time} to ${end.time} on ${longDate(start.date)}`;
  return clash.with === 'practitioner'
    ? `This clashes with ${practitionerName}'s ${what} ${when}. Choose another time or another practitioner.`
    : `This clashes with the person's ${what} ${when}. Choose another time.`;
}

async function refuseClashes(trx: Db, input: { personId: number; practitionerId: number; startsAt: Date; durationMinutes: number; ignoreContactId?: number }) {
  await lockDiaries(trx, input.personId, input.practitionerId);
  const practitioner = await checkPractitioner(trx, input.practitionerId);
  const existing = await diaryAround(trx, input.personId, input.practitionerId, input.startsAt, input.durationMinutes);
  const clashes = findClashes(input, existing);
  if (clashes.length) {
    const message = clashMessage(clashes[0]!, practitioner.display_name);
    throw new HttpError(409, message, { startsAt: message });
  }
}

async function insertVersion(trx: Db, row: Insertable<ContactsTable>): Promise<Contact> {
  return (await trx.insertInto('contacts').values(row).returningAll().executeTakeFirstOrThrow()) as Contact;
}

/** Carries a version forward: everything but what changes. */
function nextVersion(previous: Contact, changes: Partial<Insertable<ContactsTable>>): Insertable<ContactsTable> {
  const { id, contact_id: _contactId, recorded_at: _at, ...rest } = previous;
  return { ...rest, supersedes_id: id, rescheduled_to_contact_id: null, change_reason: null, ...changes };
}

/** Books an appointment in the practitioner's diary after checking it clashes with nothing current. */
export async function bookAppointment(trx: Db, input: BookAppointment): Promise<{ contactId: number }> {
  const type = await contactType(trx, input.typeCode);
  if (!type.appointment) throw badRequest(`${type.name} is not an appointment: record it as a contact`, { typeCode: 'Select an appointment type' });
  if (!(input.startsAt instanceof Date) || Number.isNaN(input.startsAt.getTime())) throw badRequest('Enter a real date and time', { startsAt: 'Enter a real date and time' });
  const durationMinutes = input.durationMinutes ?? type.default_minutes;
  checkMinutes(durationMinutes);
  if (durationMinutes === 0) throw badRequest('An appointment must last at least a minute', { durationMinutes: 'An appointment must last at least a minute' });
  const location = trimmed(input.location), notes = trimmed(input.notes);
  checkLength('location', location, limits.location, 'Location');
  checkLength('notes', notes, limits.notes, 'Notes');
  const requirementId = await checkRequirement(trx, input.personId, input.requirementId);
  await refuseClashes(trx, { personId: input.personId, practitionerId: input.practitionerId, startsAt: input.startsAt, durationMinutes });
  const row = await insertVersion(trx, {
    person_id: input.personId, supersedes_id: null, type_code: type.code, practitioner_id: input.practitionerId, starts_at: input.startsAt,
    duration_minutes: durationMinutes, location, requirement_id: requirementId, outcome: null, outcome_evidence: null,
    counts_for_compliance: type.counts_for_compliance, direct_engagement: type.direct_engagement, notes, sensitive: input.sensitive ?? false,
    change: 'booked', change_reason: null, recorded_by: input.bookedBy,
  });
  return { contactId: row.contact_id };
}

/** Records what happened at an appointment, as a new version; a failure to comply has enforcement review the case. */
export async function recordOutcome(trx: Db, contactId: number, input: RecordOutcome): Promise<{ contactId: number; versionId: number }> {
  const current = await currentVersion(trx, contactId);
  const type = await contactType(trx, current.type_code);
  if (!type.appointment) throw badRequest(`A ${type.name.toLowerCase()} has no outcome: only appointments do`);
  if (current.outcome === 'rescheduled') throw new HttpError(409, 'This appointment was rescheduled: record the outcome on the new appointment');
  if (!isOutcome(input.outcome)) throw badRequest('Select an outcome', { outcome: 'Select an outcome' });
  if (input.outcome === 'rescheduled') throw badRequest('To reschedule, use Reschedule and give the new time', { outcome: 'To reschedule, use Reschedule and give the new time' });
  if (current.outcome) throw new HttpError(409, 'This appointment already has an outcome: to change it, make a correction with the reason');
  const evidence = trimmed(input.evidence);
  checkOutcome(input.outcome, evidence);
  const notes = input.notes === undefined ? current.notes : trimmed(input.notes);
  checkLength('notes', notes, limits.notes, 'Notes');
  const durationMinutes = input.durationMinutes ?? current.duration_minutes;
  checkMinutes(durationMinutes);
  const version = await insertVersion(trx, nextVersion(current, {
    outcome: input.outcome, outcome_evidence: input.outcome === 'acceptable_absence' ? evidence : evidence ?? null,
    notes, sensitive: input.sensitive ?? current.sensitive, duration_minutes: durationMinutes,
    direct_engagement: input.directEngagement ?? (input.outcome.startsWith('attended') ? current.direct_engagement : false),
    change: 'outcome', recorded_by: input.by,
  }));
  // The appointment had no outcome, so only a failure can change what enforcement calls for.
  if (isFailure(version)) await reviewEnforcement(trx, current.person_id, input.by);
  return { contactId, versionId: version.id };
}

/** Records a contact that has happened (a phone call, a message, a case note, or an appointment already held). */
export async function recordContact(trx: Db, input: RecordContact): Promise<{ contactId: number }> {
  const type = await contactType(trx, input.typeCode);
  if (!(input.startsAt instanceof Date) || Number.isNaN(input.startsAt.getTime())) throw badRequest('Enter a real date and time', { startsAt: 'Enter a real date and time' });
  if (input.startsAt.getTime() > Date.now() + 5 * 60_000) throw badRequest('A contact that happened cannot be in the future: book an appointment instead', { startsAt: 'The date and time must be in the past' });
  const outcome = input.outcome ?? null;
  if (type.appointment && !outcome) throw badRequest(`Select what happened at the ${type.name.toLowerCase()}`, { outcome: 'Select an outcome' });
  if (!type.appointment && outcome) throw badRequest(`A ${type.name.toLowerCase()} has no outcome`, { outcome: `A ${type.name.toLowerCase()} has no outcome` });
  if (outcome === 'rescheduled') throw badRequest('A contact that happened cannot be rescheduled', { outcome: 'Select what happened' });
  const evidence = trimmed(input.evidence);
  checkOutcome(outcome, evidence);
  const durationMinutes = input.durationMinutes ?? type.default_minutes;
  checkMinutes(durationMinutes);
  const location = trimmed(input.location), notes = trimmed(input.notes);
  checkLength('location', location, limits.location, 'Location');
  checkLength('notes', notes, limits.notes, 'Notes');
  if (type.code === 'case_note' && !notes) throw badRequest('Enter the case note', { notes: 'Enter the case note' });
  const requirementId = await checkRequirement(trx, input.personId, input.requirementId);
  const practitionerId = input.practitionerId ?? input.by;
  await checkPractitioner(trx, practitionerId);
  const attended = outcome === null || outcome.startsWith('attended');
  const row = await insertVersion(trx, {
    person_id: input.personId, supersedes_id: null, type_code: type.code, practitioner_id: practitionerId, starts_at: input.startsAt,
    duration_minutes: durationMinutes, location, requirement_id: requirementId, outcome, outcome_evidence: evidence,
    counts_for_compliance: type.counts_for_compliance, direct_engagement: input.directEngagement ?? (type.direct_engagement && attended),
    notes, sensitive: input.sensitive ?? false, change: 'recorded', change_reason: null, recorded_by: input.by,
  });
  if (isFailure(row)) await reviewEnforcement(trx, input.personId, input.by);
  return { contactId: row.contact_id };
}

/** Corrects a contact: a new version with the reason, pointing at the one it replaces; nothing is lost. */
export async function correctContact(trx: Db, contactId: number, input: CorrectContact): Promise<{ contactId: number; versionId: number }> {
  const reason = trimmed(input.reason);
  if (!reason) throw badRequest('Give the reason for the correction', { reason: 'Give the reason for the correction' });
  checkLength('reason', reason, limits.reason, 'Reason');
  const current = await currentVersion(trx, contactId);
  const type = await contactType(trx, input.typeCode ?? current.type_code);
  if (input.typeCode !== undefined && input.typeCode !== current.type_code) {
    const was = await contactType(trx, current.type_code);
    if (was.appointment !== type.appointment) throw badRequest('An appointment can only be corrected to another appointment type, and a contact to another contact type', { typeCode: 'Select a type of the same kind' });
  }
  const outcome = input.outcome === undefined ? current.outcome : input.outcome;
  if (!type.appointment && outcome) throw badRequest(`A ${type.name.toLowerCase()} has no outcome`, { outcome: 'Only appointments have outcomes' });
  if (outcome === 'rescheduled' && current.outcome !== 'rescheduled') throw badRequest('To reschedule, use Reschedule and give the new time', { outcome: 'To reschedule, use Reschedule and give the new time' });
  if (current.outcome === 'rescheduled' && outcome !== 'rescheduled') throw badRequest('A rescheduled appointment stays rescheduled: correct the new appointment instead', { outcome: 'Correct the new appointment instead' });
  const evidence = input.evidence === undefined ? current.outcome_evidence : trimmed(input.evidence);
  checkOutcome(outcome, evidence);
  const notes = input.notes === undefined ? current.notes : trimmed(input.notes);
  const location = input.location === undefined ? current.location : trimmed(input.location);
  checkLength('notes', notes, limits.notes, 'Notes');
  checkLength('location', location, limits.location, 'Location');
  const durationMinutes = input.durationMinutes ?? current.duration_minutes;
  checkMinutes(durationMinutes);
  const requirementId = input.requirementId === undefined ? current.requirement_id : await checkRequirement(trx, current.person_id, input.requirementId);
  const startsAt = input.startsAt ?? new Date(current.starts_at);
  if (Number.isNaN(startsAt.getTime())) throw badRequest('Enter a real date and time', { startsAt: 'Enter a real date and time' });
  const moved = startsAt.getTime() !== new Date(current.starts_at).getTime() || durationMinutes !== current.duration_minutes;
  if (type.appointment && moved && current.practitioner_id !== null && outcome !== 'rescheduled') {
    await refuseClashes(trx, { personId: current.person_id, practitionerId: current.practitioner_id, startsAt, durationMinutes, ignoreContactId: contactId });
  }
  const version = await insertVersion(trx, nextVersion(current, {
    type_code: type.code, counts_for_compliance: type.counts_for_compliance,
    direct_engagement: input.directEngagement ?? (input.typeCode !== undefined ? type.direct_engagement : current.direct_engagement),
    starts_at: startsAt, duration_minutes: durationMinutes, location, requirement_id: requirementId, outcome, outcome_evidence: evidence,
    notes, sensitive: input.sensitive ?? current.sensitive, change: 'corrected', change_reason: reason, recorded_by: input.by,
    rescheduled_to_contact_id: current.rescheduled_to_contact_id,
  }));
  // A failure corrected away, moved or newly made: enforcement follows; a correction touching no failure changes nothing.
  if (isFailure(current) || isFailure(version)) await reviewEnforcement(trx, current.person_id, input.by);
  return { contactId, versionId: version.id };
}

/** Moves an appointment: the old one is marked rescheduled (pointing at the new), the new one is booked and clash-checked. */
export async function rescheduleAppointment(trx: Db, contactId: number, input: RescheduleAppointment): Promise<{ contactId: number; newContactId: number }> {
  const reason = trimmed(input.reason);
  if (!reason) throw badRequest('Give the reason for rescheduling', { reason: 'Give the reason for rescheduling' });
  checkLength('reason', reason, limits.reason, 'Reason');
  const current = await currentVersion(trx, contactId);
  const type = await contactType(trx, current.type_code);
  if (!type.appointment) throw badRequest('Only appointments can be rescheduled');
  if (current.outcome) throw new HttpError(409, current.outcome === 'rescheduled' ? 'This appointment has already been rescheduled' : 'This appointment already has an outcome: it cannot be rescheduled');
  if (!(input.newStartsAt instanceof Date) || Number.isNaN(input.newStartsAt.getTime())) throw badRequest('Enter a real date and time', { startsAt: 'Enter a real date and time' });
  const practitionerId = input.practitionerId ?? current.practitioner_id ?? input.by;
  const durationMinutes = input.durationMinutes ?? current.duration_minutes;
  checkMinutes(durationMinutes);
  const location = input.location === undefined ? current.location : trimmed(input.location);
  checkLength('location', location, limits.location, 'Location');
  await refuseClashes(trx, { personId: current.person_id, practitionerId, startsAt: input.newStartsAt, durationMinutes, ignoreContactId: contactId });
  const notes = input.notes === undefined ? current.notes : trimmed(input.notes);
  checkLength('notes', notes, limits.notes, 'Notes');
  const fresh = await insertVersion(trx, {
    person_id: current.person_id, supersedes_id: null, type_code: current.type_code, practitioner_id: practitionerId, starts_at: input.newStartsAt,
    duration_minutes: durationMinutes, location, requirement_id: current.requirement_id, outcome: null, outcome_evidence: null,
    counts_for_compliance: current.counts_for_compliance, direct_engagement: type.direct_engagement, notes, sensitive: current.sensitive,
    change: 'booked', change_reason: `Rescheduled from appointment ${contactId}: ${reason}`, recorded_by: input.by,
  });
  await insertVersion(trx, nextVersion(current, {
    outcome: 'rescheduled', outcome_evidence: null, direct_engagement: false, change: 'rescheduled', change_reason: reason,
    rescheduled_to_contact_id: fresh.contact_id, recorded_by: input.by,
  }));
  // No failure is made or removed (the appointment had no outcome), so enforcement has nothing to review.
  return { contactId, newContactId: fresh.contact_id };
}
