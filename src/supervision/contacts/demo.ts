import { sql } from 'kysely';
import type { Db } from '../../database.ts';
import type { Random } from '../../demo/random.ts';
import { inBatches } from '../../platform/db/batches.ts';
import { addDays } from '../../platform/http/dates.ts';
import { londonInstant as exactInstant } from '../../platform/uk-time.ts';
import type { ContactOutcome, ContactsTable } from './tables.ts';
import type { Insertable } from 'kysely';

type Row = Insertable<ContactsTable>;
// England's offset from UTC on a date, worked out once per date (clocks change at night, before any contact).
const offsets = new Map<string, number>();
function londonInstant(date: string, time: string): Date {
  let offset = offsets.get(date);
  if (offset === undefined) offsets.set(date, (offset = new Date(`${date}T12:00:00Z`).getTime() - exactInstant(date, '12:00').getTime()));
  return new Date(new Date(`${date}T${time}:00Z`).getTime() - offset);
}
const HISTORY_DAYS = 84; // twelve weeks back at most: history for enforcement to act on, and a fast demo load

const OFFICE_NOTES = [
  'Discussed progress since the last appointment. Engaged well and on time.', 'Reviewed the sentence plan objectives; agreed next steps on employment.',
  'Talked through accommodation: still staying with family, looking for own tenancy.', 'Discussed alcohol use over the weekend; agreed to contact the community alcohol service.',
  'Completed a thinking skills exercise on consequences. Good insight shown.', 'Checked in on benefits claim and finances; referred to debt advice.',
  'Reported a new job interview next week. Encouraged and discussed preparation.', 'Low mood reported; discussed GP appointment and support available.',
];
const SENSITIVE_NOTES = [
  'Disclosed being a victim of domestic abuse by a former partner. Safeguarding referral discussed; do not share the address.',
  'Disclosed a mental health crisis last month and a short hospital admission. Consent given to contact the GP.',
  'Shared information about a family member\'s involvement with children\'s services. Handle with care.',
];
const HOME_NOTES = ['Home visit: address confirmed, living conditions suitable.', 'Home visit: met the partner briefly, no concerns raised.', 'Home visit: property untidy but adequate; discussed tenancy obligations.'];
const PHONE_NOTES = ['Phoned to confirm the next appointment.', 'Called about a change of address; new address to be verified.', 'Phone call: reported feeling unwell, advised to send a sick note if unable to attend.'];
const CASE_NOTES = ['Case reviewed ahead of supervision with the SPO.', 'Liaised with the housing officer about the tenancy application.', 'Email from the employer confirming work hours.'];
const EVIDENCE = ['GP sick note dated the day of the appointment', 'Hospital appointment letter provided', 'Letter from employer confirming a shift that could not be changed', 'Evidence of a family bereavement (funeral notice)'];
const FAIL_NOTES = ['Arrived under the influence of alcohol and was sent away.', 'Abusive to reception staff; appointment ended early.', 'Refused to take part in the session.'];

/**
 * Contacts over each demo order so far: office appointments at about the tier's frequency (varied per person),
 * home visits, phone contacts and case notes, unpaid work sessions and programme sessions against their
 * requirements; outcomes mostly complied with some absences and failures; upcoming appointments for the next
 * two weeks. Appointments are placed in free hourly slots so no practitioner's or person's diary clashes.
 */
export async function seedContactDemo(db: Db, random: Random, today: string): Promise<void> {
  const cases = await db.selectFrom('sentences as s')
    .innerJoin('case_allocations as a', (j) => j.onRef('a.person_id', '=', 's.person_id').on('a.ended_at', 'is', null))
    .select(['s.person_id', 's.sentence_type', 's.sentenced_on', 's.release_on', 'a.practitioner_id',
      sql<string | null>`(SELECT tier FROM tier_calculations t WHERE t.person_id = s.person_id ORDER BY t.id DESC LIMIT 1)`.as('tier')])
    .where('s.status', '=', 'active').where('a.practitioner_id', 'is not', null)
    .where((eb) => eb.or([eb('s.sentence_type', 'in', ['community_order', 'suspended_sentence_order']), eb.and([eb('s.sentence_type', '=', 'custody'), eb('s.release_on', '<=', today)])]))
    .orderBy('s.person_id').execute();
  if (!cases.length) return;
  const requirements = await db.selectFrom('requirements as r').innerJoin('sentences as s', 's.id', 'r.sentence_id')
    .select(['r.id', 'r.person_id', 'r.requirement_type', 'r.units']).where('s.status', '=', 'active').where('r.ended_on', 'is', null).execute();
  const reqs = new Map<number, typeof requirements>();
  for (const r of requirements) reqs.set(r.person_id, [...(reqs.get(r.person_id) ?? []), r]);
  const types = new Map((await db.selectFrom('contact_types').selectAll().execute()).map((t) => [t.code, t]));

  const busy = new Set<string>(); // practitioner|date|hour and person|date
  const seen = new Set<number>();
  const earliest = addDays(today, -HISTORY_DAYS);
  const now = new Date();
  const booked: Row[] = [];
  const outcomes: { index: number; outcome: ContactOutcome; evidence: string | null; notes: string | null; sensitive: boolean }[] = [];
  const recorded: Row[] = [];

  const dow = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();
  const weekday = (date: string) => { let d = date; while (dow(d) === 0 || dow(d) === 6) d = addDays(d, 1); return d; };
  // Most people comply; about one in five struggles and accounts for most failures, so roughly a quarter of
  // cases have a failure in the 12 weeks (not every other case).
  const struggling = new Set<number>();
  const pickOutcome = (personId: number): ContactOutcome => random.weighted(struggling.has(personId)
    ? [['attended_complied', 78], ['acceptable_absence', 8], ['unacceptable_absence', 9], ['attended_failed_to_comply', 5]] as const
    : [['attended_complied', 940], ['acceptable_absence', 50], ['unacceptable_absence', 7], ['attended_failed_to_comply', 3]] as const);

  function appointment(personId: number, practitionerId: number | null, typeCode: string, date: string, hours: number[], requirementId: number | null, location: string, note: () => string | null) {
    const personKey = `p${personId}|${date}`;
    if (busy.has(personKey)) return;
    const hour = hours.find((h) => practitionerId === null || !busy.has(`u${practitionerId}|${date}|${h}`));
    if (hour === undefined) return;
    busy.add(personKey);
    if (practitionerId !== null) busy.add(`u${practitionerId}|${date}|${hour}`);
    const type = types.get(typeCode)!;
    // Start late in the hour only if the appointment still ends by the next hour's slot (a 14:30 home visit would clash with 15:00).
    const minutes = ['00', '00', '15', '30'].filter((m) => Number(m) + type.default_minutes <= 60);
    const startsAt = londonInstant(date, `${String(hour).padStart(2, '0')}:${random.pick(minutes.length ? minutes : ['00'])}`);
    const past = startsAt.getTime() < now.getTime();
    const sensitive = random.chance(0.04);
    booked.push({
      person_id: personId, supersedes_id: null, type_code: typeCode, practitioner_id: practitionerId, starts_at: startsAt, duration_minutes: type.default_minutes,
      location, requirement_id: requirementId, outcome: null, outcome_evidence: null, counts_for_compliance: type.counts_for_compliance,
      direct_engagement: type.direct_engagement, notes: null, sensitive: false, change: 'booked', change_reason: null, recorded_by: practitionerId,
    });
    // Appointments of the last two days are sometimes still waiting for their outcome.
    if (past && !(startsAt.getTime() > now.getTime() - 2 * 86_400_000 && random.chance(0.35))) {
      const outcome = pickOutcome(personId);
      outcomes.push({ index: booked.length - 1, outcome, evidence: outcome === 'acceptable_absence' ? random.pick(EVIDENCE) : null,
        notes: outcome === 'attended_failed_to_comply' ? random.pick(FAIL_NOTES) : outcome === 'attended_complied' ? (sensitive ? random.pick(SENSITIVE_NOTES) : note()) : null,
        sensitive: outcome === 'attended_complied' && sensitive });
    }
  }

  for (const c of cases) {
    if (seen.has(c.person_id)) continue; // one order's rhythm per person
    seen.add(c.person_id);
    if (random.chance(0.2)) struggling.add(c.person_id);
    const po = c.practitioner_id!;
    const started = c.sentence_type === 'custody' ? c.release_on! : c.sentenced_on;
    const from = started > earliest ? started : earliest;
    const band = (c.tier ?? 'C')[0];
    const every = (band === 'A' ? 7 : band === 'B' ? random.pick([7, 10]) : band === 'C' ? random.pick([10, 14]) : random.pick([21, 28])) * (0.85 + random.next() * 0.4);
    const own = reqs.get(c.person_id) ?? [];
    const rar = own.find((r) => r.requirement_type === 'rehabilitation_activity');
    const upw = own.find((r) => r.requirement_type === 'unpaid_work');
    const programme = own.find((r) => r.requirement_type === 'accredited_programme');
    const hours = [9, 10, 11, 12, 14, 15, 16].sort(() => random.next() - 0.5);
    const until = addDays(today, 14);
    const upcoming = random.chance(0.85);
    // Office appointments and home visits at the person's rhythm.
    for (let day = Math.round(random.next() * every); ; day += Math.max(5, Math.round(every + random.int(-2, 2)))) {
      const date = weekday(addDays(from, day));
      if (date > until || (date > today && !upcoming)) break;
      const home = random.chance(band === 'A' || band === 'B' ? 0.2 : 0.08);
      const type = home ? 'home_visit' : random.chance(0.08) ? random.pick(['phone', 'video']) : 'office';
      appointment(c.person_id, po, type, date, hours, rar && random.chance(0.6) ? rar.id : null, home ? 'Home address' : type === 'office' ? 'Probation office' : 'Remote',
        () => (home ? random.pick(HOME_NOTES) : random.pick(OFFICE_NOTES)));
    }
    // Some appointments tomorrow, for reminders.
    if (upcoming && random.chance(0.12)) appointment(c.person_id, po, 'office', addDays(today, 1), [11, 13, 15, 9, 10, 14, 16], rar?.id ?? null, 'Probation office', () => null);
    // Unpaid work: Saturday sessions until the hours are done.
    if (upw) {
      let sessions = Math.ceil((upw.units ?? 80) / 7);
      for (let d = from; d <= until && sessions > 0; d = addDays(d, 7 * random.pick([1, 1, 2]))) {
        const saturday = addDays(d, (6 - dow(d) + 7) % 7);
        if (saturday > until) break;
        appointment(c.person_id, null, 'unpaid_work', saturday, [9], upw.id, random.pick(['Community garden project', 'Charity shop warehouse', 'Park maintenance team']), () => null);
        sessions--;
      }
    }
    // A few programme sessions, weekly on Wednesdays afternoons.
    if (programme) {
      const first = addDays(from, random.int(14, 40));
      for (let i = 0, d = addDays(first, (3 - dow(first) + 7) % 7); i < random.int(2, 6) && d <= until; i++, d = addDays(d, 7)) {
        appointment(c.person_id, null, 'programme', d, [13], programme.id, 'Group room, probation office', () => 'Group session attended.');
      }
    }
    // Contacts that are not appointments.
    for (let day = random.int(3, 20); ; day += random.int(21, 42)) {
      const date = addDays(from, day);
      if (date >= today) break;
      const code = random.weighted([['phone_contact', 5], ['case_note', 3], ['message', 2]] as const);
      const type = types.get(code)!;
      recorded.push({
        person_id: c.person_id, supersedes_id: null, type_code: code, practitioner_id: po, starts_at: londonInstant(date, `${String(random.int(9, 16)).padStart(2, "0")}:${random.pick(['05', '20', '40'])}`),
        duration_minutes: type.default_minutes, location: null, requirement_id: null, outcome: null, outcome_evidence: null, counts_for_compliance: type.counts_for_compliance,
        direct_engagement: type.direct_engagement, notes: code === 'phone_contact' ? random.pick(PHONE_NOTES) : code === 'case_note' ? random.pick(CASE_NOTES) : 'Text message sent with the next appointment time.',
        sensitive: false, change: 'recorded', change_reason: null, recorded_by: po,
      });
    }
  }

  const ids = await inBatches(booked, async (batch) => (await db.insertInto('contacts').values(batch).returning('id').execute()).map((r) => r.id));
  const versions: Row[] = outcomes.map((o) => {
    const b = booked[o.index]!;
    const attended = o.outcome.startsWith('attended');
    return { ...b, supersedes_id: ids[o.index]!, outcome: o.outcome, outcome_evidence: o.evidence, notes: o.notes, sensitive: o.sensitive,
      direct_engagement: attended && b.direct_engagement, change: 'outcome' };
  });
  await inBatches(versions, async (batch) => { await db.insertInto('contacts').values(batch).execute(); });
  await inBatches(recorded, async (batch) => { await db.insertInto('contacts').values(batch).execute(); });
}
