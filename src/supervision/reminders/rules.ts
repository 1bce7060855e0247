/**
 * The rules of text reminders, pure: UK mobile numbers, quiet hours in UK time, which appointments are
 * due a reminder, whether a queued reminder may go now, its wording and the retry schedule.
 */
import type { ReminderStatus } from './tables.ts';
import { addDays } from '../../platform/http/dates.ts';
import { londonInstant, londonParts } from '../../platform/uk-time.ts';

export interface ReminderSettings {
  /** UK clock times 'HH:MM': never send from quietStart until quietEnd (wrapping midnight when start > end). */
  quietStart: string;
  quietEnd: string;
  /** Reminders are queued on the UK calendar day this many days before the appointment (1: the day before). */
  daysBefore: number;
  /** A held-back reminder is given up this many minutes before the appointment. */
  latestMinutesBefore: number;
  firstRetryMinutes: number;
  maxRetryMinutes: number;
  maxAttempts: number;
}

// ---- UK mobile numbers --------------------------------------------------------------------------

export const MOBILE_EXAMPLE = 'Enter a UK mobile number, like 07700 900123';
export type MobileCheck = { ok: true; value: string } | { ok: false; reason: string };

/**
 * A UK mobile number in E.164 (+447xxxxxxxxx), from the ways people write one: 07700 900123,
 * +44 7700 900123, +44 (0)7700 900123, 0044 7700 900123, 447700900123.
 * The rule (Ofcom's National Telephone Numbering Plan): a UK mobile is 07 followed by 9 digits, 11 in all.
 * Within 07, 070 is a personal number (it forwards anywhere, often at a premium) and 076 is for pagers,
 * except 07624 (Isle of Man mobiles, reached on +44). 01 and 02 are landlines, 03 non-geographic
 * landline-rate numbers; 05, 08 and 09 are VoIP, freephone and premium numbers. None can receive a text reliably.
 */
export function normaliseUkMobile(input: string): MobileCheck {
  const raw = input.trim();
  if (!raw) return { ok: false, reason: MOBILE_EXAMPLE };
  const compact = raw.replace(/\(0\)/g, '').replace(/[\s().-]/g, '');
  if (!/^\+?\d+$/.test(compact)) return { ok: false, reason: `${MOBILE_EXAMPLE}, using digits only` };
  let national: string;
  if (compact.startsWith('+44')) national = compact.slice(3);
  else if (compact.startsWith('0044')) national = compact.slice(4);
  else if (compact.startsWith('44') && compact.length === 12) national = compact.slice(2);
  else if (compact.startsWith('+') || compact.startsWith('00')) return { ok: false, reason: `That is not a UK number. ${MOBILE_EXAMPLE}` };
  else if (compact.startsWith('0')) national = compact.slice(1);
  else return { ok: false, reason: `${MOBILE_EXAMPLE}, starting 07` };
  if (national.startsWith('0')) national = national.slice(1); // +44 07700...: the trunk 0 written after the country code

  const kind = numberKind(national);
  if (kind) return { ok: false, reason: `That is ${kind}, which cannot receive texts. ${MOBILE_EXAMPLE}` };
  if (national.length !== 10) {
    return { ok: false, reason: `A UK mobile number has 11 digits, starting 07 (that has ${national.length + 1}). ${MOBILE_EXAMPLE}` };
  }
  return { ok: true, value: `+44${national}` };
}

/** What a non-mobile UK number is, from its first digits after the 0; null for a mobile. */
function numberKind(national: string): string | null {
  if (/^[12]/.test(national)) return 'a landline number (01 or 02)';
  if (national.startsWith('3')) return 'a non-geographic landline number (03)';
  if (national.startsWith('5')) return 'an internet phone number (05)';
  if (/^[89]/.test(national)) return 'a freephone or premium rate number (08 or 09)';
  if (national.startsWith('70')) return 'a personal number (070), not a mobile';
  if (national.startsWith('76') && !national.startsWith('7624')) return 'a pager number (076), not a mobile';
  if (!national.startsWith('7')) return 'not a mobile number';
  return null;
}

/** '+447700900123' -> '07700 900123', as people read it. Anything else is shown as recorded. */
export function formatUkMobile(e164: string): string {
  return /^\+447\d{9}$/.test(e164) ? `0${e164.slice(3, 7)} ${e164.slice(7)}` : e164;
}

// ---- Quiet hours (UK time: platform/uk-time.ts) -------------------------------------------------

const clockMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Is it quiet hours in the UK at this instant? */
export function inQuietHours(instant: Date, settings: Pick<ReminderSettings, 'quietStart' | 'quietEnd'>): boolean {
  const m = londonParts(instant).minutes;
  const start = clockMinutes(settings.quietStart);
  const end = clockMinutes(settings.quietEnd);
  if (start === end) return false;
  return start < end ? m >= start && m < end : m >= start || m < end;
}

/** The earliest instant at or after `instant` outside quiet hours. */
export function earliestSendAt(instant: Date, settings: Pick<ReminderSettings, 'quietStart' | 'quietEnd'>): Date {
  if (!inQuietHours(instant, settings)) return instant;
  const { date, minutes } = londonParts(instant);
  const endDate = minutes < clockMinutes(settings.quietEnd) ? date : addDays(date, 1);
  return londonInstant(endDate, settings.quietEnd.slice(0, 5));
}

// ---- What is due --------------------------------------------------------------------------------

/** An appointment is queued for a reminder on the UK calendar day `daysBefore` days before it. */
export function isQueueDay(appointmentAt: Date, now: Date, settings: Pick<ReminderSettings, 'daysBefore'>): boolean {
  return londonParts(appointmentAt).date === addDays(londonParts(now).date, settings.daysBefore);
}

export interface AppointmentFacts {
  /** The current version's id (contacts.id), start, whether its type is an appointment, outcome and change. */
  versionId: number;
  startsAt: Date;
  appointment: boolean;
  outcome: string | null;
  change: string;
}
export interface ConsentFacts { consented: boolean; mobile: string | null }

export type Decision =
  | { kind: 'send'; phone: string }
  | { kind: 'wait'; until: Date; reason: string }
  | { kind: 'cancel'; reason: string };

/** Why an appointment no longer needs its reminder, or null while it still stands at `appointmentAt`. */
export function appointmentGone(appointment: AppointmentFacts | null, appointmentAt: Date): string | null {
  if (!appointment || !appointment.appointment) return 'The appointment is no longer in the diary.';
  if (appointment.change === 'cancelled') return 'The appointment was cancelled.';
  if (appointment.outcome === 'rescheduled') return 'The appointment was rescheduled: the new appointment has its own reminder.';
  if (appointment.outcome) return 'The appointment already has an outcome.';
  if (appointment.startsAt.getTime() !== appointmentAt.getTime()) return 'The appointment\'s time changed after the reminder was written.';
  return null;
}

/** Consent and a valid UK mobile now, or why not. */
export function consentProblem(consent: ConsentFacts | null): { reason: string } | { phone: string } {
  if (!consent || !consent.consented || !consent.mobile) return { reason: 'The person has not consented to text reminders (or has withdrawn consent).' };
  const mobile = normaliseUkMobile(consent.mobile);
  if (!mobile.ok) return { reason: `The mobile number recorded (${consent.mobile}) cannot be used: ${mobile.reason}.` };
  return { phone: mobile.value };
}

/**
 * May a queued reminder go now? It must still be for a standing appointment at the time it was written
 * for, the person must still consent with a valid UK mobile, it must not be quiet hours, and it must not
 * be too close to the appointment (`latestMinutesBefore`) to be of use.
 */
export function deliveryDecision(input: {
  now: Date; settings: ReminderSettings; appointmentAt: Date; appointment: AppointmentFacts | null; consent: ConsentFacts | null;
}): Decision {
  const gone = appointmentGone(input.appointment, input.appointmentAt);
  if (gone) return { kind: 'cancel', reason: gone };
  const consent = consentProblem(input.consent);
  if ('reason' in consent) return { kind: 'cancel', reason: consent.reason };
  const deadline = input.appointmentAt.getTime() - input.settings.latestMinutesBefore * 60_000;
  const at = earliestSendAt(input.now, input.settings);
  if (at.getTime() >= deadline) return { kind: 'cancel', reason: `Too late to send: less than ${input.settings.latestMinutesBefore} minutes before the appointment outside quiet hours.` };
  if (at.getTime() > input.now.getTime()) return { kind: 'wait', until: at, reason: 'Quiet hours' };
  return { kind: 'send', phone: consent.phone };
}

// ---- Retries ------------------------------------------------------------------------------------

/** Minutes to wait after the nth failed attempt: first, doubling, capped. */
export function retryDelayMinutes(attempts: number, settings: Pick<ReminderSettings, 'firstRetryMinutes' | 'maxRetryMinutes'>): number {
  const n = Math.max(1, attempts);
  return Math.min(settings.firstRetryMinutes * 2 ** Math.min(n - 1, 20), settings.maxRetryMinutes);
}

/** After a temporary failure: try again later, outside quiet hours, or give up after maxAttempts. */
export function afterTemporaryFailure(attempts: number, now: Date, settings: ReminderSettings):
  { status: 'pending'; nextAttemptAt: Date } | { status: 'failed' } {
  if (attempts >= settings.maxAttempts) return { status: 'failed' };
  const next = new Date(now.getTime() + retryDelayMinutes(attempts, settings) * 60_000);
  return { status: 'pending', nextAttemptAt: earliestSendAt(next, settings) };
}

// ---- The message --------------------------------------------------------------------------------

const TYPE_WORDS: Record<string, { words: string; place: boolean }> = {
  office: { words: 'office appointment', place: true },
  home_visit: { words: 'home visit', place: false },
  phone: { words: 'phone appointment', place: false },
  video: { words: 'video appointment', place: false },
  unpaid_work: { words: 'unpaid work session', place: true },
  programme: { words: 'group session', place: true },
  other_agency: { words: 'appointment', place: true },
};

const weekdays = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** 'Tuesday 3 March' in the UK. */
export function dayAndDate(instant: Date): string {
  const { date } = londonParts(instant);
  const d = new Date(`${date}T00:00:00Z`);
  return `${weekdays[d.getUTCDay()]} ${d.getUTCDate()} ${months[d.getUTCMonth()]}`;
}

/** GOV.UK style clock time in the UK: 9am, 2:15pm, midday, midnight. */
export function clockTime(instant: Date): string {
  const { minutes } = londonParts(instant);
  if (minutes === 0) return 'midnight';
  if (minutes === 12 * 60) return 'midday';
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${h % 12 === 0 ? 12 : h % 12}${m ? `:${String(m).padStart(2, '0')}` : ''}${h < 12 ? 'am' : 'pm'}`;
}

export interface MessageInput { firstName: string; typeCode: string; typeName: string; startsAt: Date; location: string | null }

/**
 * The reminder's words: first name, the kind of appointment, its day, time and place, and what to do if
 * they cannot come. Nothing else: no surname, CRN, officer, order or notes (a phone is seen by others).
 * The place is left out for phone, video and home appointments. Kept to one text (160 characters) when
 * the words allow: the long form, then a short one.
 */
export function reminderText(input: MessageInput): string {
  const type = TYPE_WORDS[input.typeCode] ?? { words: input.typeName.toLowerCase(), place: true };
  const place = type.place && input.location?.trim() ? input.location.trim().replace(/\s+/g, ' ') : null;
  const first = input.firstName.trim().split(/\s+/)[0] ?? '';
  const when = `${dayAndDate(input.startsAt)} at ${clockTime(input.startsAt)}`;
  const long = `Hello ${first}, this is a reminder of your ${type.words} on ${when}${place ? ` at ${place}` : ''}. If you cannot come, please call us.`;
  if (long.length <= 160) return long;
  const short = `${first}, reminder: ${type.words} ${when}${place ? `, ${place}` : ''}. Cannot come? Call us now.`;
  return short;
}

// ---- Delivery status from GOV.UK Notify ---------------------------------------------------------

/** Notify's status of a text -> ours. created/sending/pending: with the networks, still 'sent'. */
export function fromNotifyStatus(status: string): { status: ReminderStatus; final: boolean; error?: string } {
  switch (status) {
    case 'delivered': return { status: 'delivered', final: true };
    case 'permanent-failure': return { status: 'permanent_failure', final: true, error: 'The phone network says the number does not exist or cannot receive texts (permanent failure).' };
    case 'temporary-failure': return { status: 'failed', final: true, error: 'The phone was off or out of signal until the network gave up (temporary failure).' };
    case 'technical-failure': return { status: 'failed', final: true, error: 'Notify had a technical failure and did not send the text.' };
    case 'sent': return { status: 'sent', final: false }; // sent to an international network: no receipt follows
    default: return { status: 'sent', final: false }; // created, sending, pending
  }
}
