/**
 * Contacts for the national dataset, written straight into COPY text (tens of millions of rows: no
 * objects per row). For every supervised period: appointments at a rhythm set by the protect level and
 * the time since the start (weekly at first, less often once settled), varied per person; home visits,
 * phone and video appointments; unpaid work sessions until the hours are done and programme sessions
 * against their requirements; phone calls, messages and case notes between. Outcomes are mostly attended
 * and complied; about one person in eight struggles and has most of the absences and failures. Each row
 * is a contact's first and only version (the record is append-only): an appointment already held is
 * recorded with its outcome, one still to come (or awaiting its outcome) is booked.
 */
import type { ProtectLevel } from '../assessment/tiering/rules.ts';
import type { Random } from '../demo/random.ts';

export const CONTACT_COLUMNS = ['contact_id', 'person_id', 'type_code', 'practitioner_id', 'starts_at', 'duration_minutes', 'location', 'requirement_id',
  'outcome', 'outcome_evidence', 'counts_for_compliance', 'direct_engagement', 'notes', 'sensitive', 'change', 'recorded_by', 'recorded_at'] as const;

export interface ContactTypeRef { code: string; counts_for_compliance: boolean; direct_engagement: boolean; default_minutes: number }

export interface SupervisionPeriod {
  /** Day numbers (days since 1970-01-01), inclusive. */
  startDay: number; endDay: number;
  /** An ended sentence: its record, older, holds fewer appointments. */
  past: boolean;
  band: ProtectLevel;
  practitionerId: number | null;
  unpaidWork: { id: number; hours: number } | null;
  rar: number | null;
  programme: { id: number; sessions: number } | null;
}

export const dayOf = (iso: string) => Math.round(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);
export const isoOf = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);
/** 0 Sunday .. 6 Saturday (1 January 1970 was a Thursday). */
export const weekdayOf = (day: number) => (((day + 4) % 7) + 7) % 7;

// British Summer Time runs from the last Sunday of March to the last Sunday of October (contacts are in
// the daytime, clear of the 1 am change). Each day's date and offset is worked out once: tens of millions
// of timestamps are written.
function inSummerTime(day: number): boolean {
  const year = Number(isoOf(day).slice(0, 4));
  const lastSunday = (month: string) => { const end = dayOf(`${year}-${month}-31`); return end - weekdayOf(end); };
  return day >= lastSunday('03') && day < lastSunday('10');
}
const days: ({ date: string; offset: string } | undefined)[] = Array.from({ length: 40_000 }, () => undefined);
function dayInfo(day: number) {
  let info = days[day];
  if (!info) days[day] = info = { date: isoOf(day), offset: inSummerTime(day) ? ':00+01' : ':00+00' };
  return info;
}
const stamp = (day: number, time: string) => { const info = dayInfo(day); return `${info.date} ${time}${info.offset}`; };

const HOURS = ['09', '10', '11', '12', '14', '15', '16'];
const MINUTES = ['00', '00', '15', '30', '45'];
const OFFICE_NOTES = ['Discussed progress since the last appointment; engaged well.', 'Reviewed the sentence plan; agreed next steps on employment.',
  'Talked through accommodation; still staying with family.', 'Discussed alcohol use; agreed to contact the alcohol service.',
  'Worked on a consequences exercise; good insight shown.', 'Checked benefits and finances; referred to debt advice.', 'Low mood reported; discussed GP support.'];
const HOME_NOTES = ['Home visit: address confirmed, living conditions suitable.', 'Home visit: met the partner briefly, no concerns raised.'];
const PHONE_NOTES = ['Phoned to confirm the next appointment.', 'Called about a change of address; to be verified.', 'Reported feeling unwell; advised to send a sick note.'];
const CASE_NOTES = ['Case reviewed in supervision with the SPO.', 'Liaised with the housing officer about the tenancy.', 'Email from the employer confirming work hours.', 'Checked police intelligence: nothing new.'];
const EVIDENCE = ['GP sick note for the day', 'Hospital appointment letter', 'Letter from employer: shift could not be changed', 'Funeral notice: family bereavement'];
const FAIL_NOTES = ['Arrived under the influence of alcohol and was sent away.', 'Abusive to staff; appointment ended early.', 'Refused to take part in the session.'];
const UPW_PLACES = ['Community garden project', 'Charity shop warehouse', 'Park maintenance team', 'Canal clearance group'];
// As contact_level_defaults (migration 0023) sets them by protect level.
const BASE_DAYS: Record<ProtectLevel, number> = { A: 7, B: 14, C: 28, D: 42 };

type Outcome = 'attended_complied' | 'attended_failed_to_comply' | 'acceptable_absence' | 'unacceptable_absence';
/** Chances of attended and complied, then of an acceptable absence, then unacceptable; the rest failed to comply. */
const STEADY = [0.93, 0.045, 0.018] as const;
const STRUGGLING = [0.68, 0.1, 0.16] as const;
const draw = (roll: number, [complied, acceptable, unacceptable]: readonly [number, number, number]): Outcome =>
  roll < complied ? 'attended_complied' : roll < complied + acceptable ? 'acceptable_absence' : roll < complied + acceptable + unacceptable ? 'unacceptable_absence' : 'attended_failed_to_comply';

const field = (value: string | number | null) => (value === null ? '\\N' : value);

/**
 * COPY text written into one growing buffer: millions of small strings held until a join would spend
 * most of the generator's time in the garbage collector. Lines are gathered into blocks of about 64 kB
 * first, since each write into a buffer has a fixed cost.
 */
export class CopyText {
  private buffer: Buffer;
  private pending = '';
  private used = 0;
  constructor(initialBytes = 1 << 20) { this.buffer = Buffer.allocUnsafe(initialBytes); }
  write(text: string) {
    this.pending += text;
    if (this.pending.length > 65_536) this.flush();
  }
  private flush() {
    const text = this.pending;
    this.pending = '';
    // A UTF-8 character takes at most 3 bytes per UTF-16 code unit.
    if (this.used + text.length * 3 > this.buffer.length) {
      const bigger = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.used + text.length * 3));
      this.buffer.copy(bigger, 0, 0, this.used);
      this.buffer = bigger;
    }
    this.used += this.buffer.write(text, this.used);
  }
  bytes(): Buffer { this.flush(); return this.buffer.subarray(0, this.used); }
}

/**
 * Appends one person's contacts as COPY text lines (columns CONTACT_COLUMNS) and returns how many; their
 * contact ids run from `firstId` (each its own first version). `today` is a day number.
 */
export function personContacts(out: CopyText, firstId: number, personId: number, periods: readonly SupervisionPeriod[], random: Random, today: number, types: ReadonlyMap<string, ContactTypeRef>): number {
  let id = firstId;
  const struggling = random.chance(0.12);
  const outcomes = struggling ? STRUGGLING : STEADY;
  // How often this person is seen compared with the level's norm: professional judgement varies.
  const pace = random.weighted([[0.7, 15], [0.85, 25], [1, 30], [1.25, 20], [1.6, 10]] as const);
  const push = (type: ContactTypeRef, day: number, time: string, practitionerId: number | null, location: string | null, requirementId: number | null, note: string | null) => {
    const startsAt = stamp(day, time);
    let outcome: Outcome | null = null;
    let change = 'recorded';
    let notes = note;
    let recordedAt = stamp(Math.min(day, today - 1), '17:30');
    if (type.counts_for_compliance) {
      // Appointments: held ones have their outcome (a few of the last two days' still awaited); the rest are booked.
      if (day >= today || (day >= today - 2 && random.chance(0.3))) {
        change = 'booked'; notes = null;
        recordedAt = stamp(Math.min(day - 7, today - 1), '10:00');
      } else {
        outcome = draw(random.next(), outcomes);
        if (outcome === 'attended_failed_to_comply') notes = random.pick(FAIL_NOTES);
        else if (outcome !== 'attended_complied') notes = null;
      }
    }
    const attended = outcome === null || outcome.startsWith('attended');
    out.write(`${id++}\t${personId}\t${type.code}\t${field(practitionerId)}\t${startsAt}\t${type.default_minutes}\t${field(location)}\t${field(requirementId)}\t${field(outcome)}\t${
      outcome === 'acceptable_absence' ? random.pick(EVIDENCE) : '\\N'}\t${type.counts_for_compliance ? 't' : 'f'}\t${type.direct_engagement && attended ? 't' : 'f'}\t${field(notes)}\tf\t${change}\t${field(practitionerId)}\t${recordedAt}\n`);
  };
  const office = types.get('office')!, home = types.get('home_visit')!, phone = types.get('phone')!, video = types.get('video')!;
  const upw = types.get('unpaid_work')!, programme = types.get('programme')!;
  const others = [[types.get('phone_contact')!, 45], [types.get('message')!, 30], [types.get('case_note')!, 25]] as const;
  const weekday = (day: number) => { const d = weekdayOf(day); return d === 6 ? day + 2 : d === 0 ? day + 1 : day; };

  for (const p of periods) {
    const base = BASE_DAYS[p.band] * pace * (p.past ? 2.2 : 1);
    const homeShare = p.band === 'A' || p.band === 'B' ? 0.15 : 0.06;
    // Appointments: weekly for the first twelve weeks (fortnightly at C and D), at the level's rhythm after, less often after a year.
    for (let day = p.startDay + random.int(2, 10); ;) {
      const date = weekday(day);
      if (date > p.endDay) break;
      const roll = random.next();
      const type = roll < homeShare ? home : roll < homeShare + 0.05 ? phone : roll < homeShare + 0.08 ? video : office;
      const location = type === home ? 'Home address' : type === office ? 'Probation office' : 'Remote';
      const note = random.chance(0.45) ? random.pick(type === home ? HOME_NOTES : OFFICE_NOTES) : null;
      push(type, date, `${random.pick(HOURS)}:${random.pick(MINUTES)}`, p.practitionerId, location, p.rar !== null && random.chance(0.5) ? p.rar : null, note);
      const since = date - p.startDay;
      const every = since < 84 ? Math.min(base, p.band === 'A' || p.band === 'B' ? 7 : 14) : since > 365 ? base * 1.5 : base;
      day = date + Math.max(5, Math.round(every + random.int(-2, 2)));
    }
    if (p.unpaidWork) {
      // Saturday sessions of seven hours, mostly weekly, until the hours are done.
      let sessions = Math.ceil(p.unpaidWork.hours / 7);
      const first = p.startDay + random.int(7, 28);
      for (let day = first + ((6 - weekdayOf(first) + 7) % 7); day <= p.endDay && sessions > 0; day += random.chance(0.75) ? 7 : 14, sessions--) {
        push(upw, day, '09:00', null, random.pick(UPW_PLACES), p.unpaidWork.id, null);
      }
    }
    if (p.programme) {
      const first = p.startDay + random.int(21, 70);
      let sessions = p.programme.sessions;
      for (let day = first + ((3 - weekdayOf(first) + 7) % 7); day <= p.endDay && sessions > 0; day += 7, sessions--) {
        push(programme, day, '13:30', null, 'Group room, probation office', p.programme.id, random.chance(0.3) ? 'Group session: took part well.' : null);
      }
    }
    // Phone calls, messages and case notes between appointments, never in the future.
    for (let day = p.startDay + random.int(1, 20); day < Math.min(p.endDay, today); day += Math.round(random.int(30, 90) * pace * (p.past ? 1.5 : 1))) {
      const type = random.weighted(others);
      const note = type.code === 'phone_contact' ? random.pick(PHONE_NOTES) : type.code === 'case_note' ? random.pick(CASE_NOTES) : 'Text message sent with the next appointment time.';
      push(type, weekday(day) < today ? weekday(day) : day, `${random.pick(HOURS)}:${random.pick(['05', '20', '40'])}`, p.practitionerId, null, null, note);
    }
  }
  return id - firstId;
}
