/** How contacts read on the pages: tags, times in England, and notes withheld from roles without contacts:sensitive. */
import type { ContactOutcome } from './tables.ts';
import { londonParts, longDate, longDateTime } from '../../platform/uk-time.ts';
import type { Progress } from './counting.ts';

const OUTCOME_TAGS: Record<ContactOutcome, { text: string; classes: string }> = {
  attended_complied: { text: 'Attended and complied', classes: 'govuk-tag--green' },
  attended_failed_to_comply: { text: 'Failed to comply', classes: 'govuk-tag--red' },
  acceptable_absence: { text: 'Acceptable absence', classes: 'govuk-tag--blue' },
  unacceptable_absence: { text: 'Unacceptable absence', classes: 'govuk-tag--red' },
  rescheduled: { text: 'Rescheduled', classes: 'govuk-tag--grey' },
};

/** The outcome tag; an appointment without one is "Outcome needed" once it has started, else "Booked". */
export function outcomeTag(outcome: ContactOutcome | null, appointment: boolean, startsAt: Date, now: Date) {
  if (outcome) return OUTCOME_TAGS[outcome];
  if (!appointment) return null;
  return startsAt.getTime() <= now.getTime() ? { text: 'Outcome needed', classes: 'govuk-tag--yellow' } : { text: 'Booked', classes: 'govuk-tag--light-blue' };
}

export const outcomeText = (outcome: ContactOutcome | null) => (outcome ? OUTCOME_TAGS[outcome].text : 'None yet');

export function duration(minutes: number): string {
  if (minutes === 0) return 'None recorded';
  const h = Math.floor(minutes / 60), m = minutes % 60;
  return [h && `${h} hour${h === 1 ? '' : 's'}`, m && `${m} minute${m === 1 ? '' : 's'}`].filter(Boolean).join(' ');
}

export interface NoteView { text: string | null; hidden: boolean; sensitive: boolean }

/** A note as the user may see it: a sensitive note is replaced by "Sensitive note: hidden" without the permission. */
export function noteFor(notes: string | null, sensitive: boolean, canSeeSensitive: boolean): NoteView {
  if (sensitive && !canSeeSensitive) return { text: notes ? 'Sensitive note: hidden' : null, hidden: !!notes, sensitive };
  return { text: notes, hidden: false, sensitive };
}

export interface ContactLike {
  contact_id: number; type_name: string; appointment: boolean; starts_at: Date; duration_minutes: number; outcome: ContactOutcome | null;
  outcome_evidence: string | null; counts_for_compliance: boolean; notes: string | null; sensitive: boolean; practitioner_name: string | null;
  location: string | null; requirement_name: string | null; change: string; rescheduled_to_contact_id: number | null;
}

export function presentContact(c: ContactLike, crn: string, canSeeSensitive: boolean, now: Date) {
  const starts = new Date(c.starts_at);
  const local = londonParts(starts);
  return {
    id: c.contact_id,
    href: `/people/${crn}/contacts/${c.contact_id}`,
    type: c.type_name,
    appointment: c.appointment,
    when: longDateTime(starts),
    date: local.date,
    time: local.time,
    duration: duration(c.duration_minutes),
    practitioner: c.practitioner_name ?? 'Not recorded',
    location: c.location,
    requirement: c.requirement_name,
    outcome: c.outcome,
    tag: outcomeTag(c.outcome, c.appointment, starts, now),
    counts: c.counts_for_compliance,
    evidence: canSeeSensitive || !c.sensitive ? c.outcome_evidence : c.outcome_evidence && 'Hidden with the sensitive note',
    note: noteFor(c.notes, c.sensitive, canSeeSensitive),
    corrected: c.change === 'corrected',
    rescheduledTo: c.rescheduled_to_contact_id ? `/people/${crn}/contacts/${c.rescheduled_to_contact_id}` : null,
    past: starts.getTime() <= now.getTime(),
  };
}

const CHANGE_TEXT: Record<string, string> = {
  booked: 'Booked', recorded: 'Recorded', outcome: 'Outcome recorded', rescheduled: 'Rescheduled', corrected: 'Corrected', cancelled: 'Cancelled',
};

/** What one version changed against the one before, in words. */
export function versionChanges(previous: Record<string, unknown> | null, version: Record<string, unknown>, canSeeSensitive: boolean): string[] {
  if (!previous) return [];
  const out: string[] = [];
  const same = (a: unknown, b: unknown) => (a instanceof Date || b instanceof Date ? new Date(a as Date).getTime() === new Date(b as Date).getTime() : a === b);
  const fields: [string, string, (v: unknown) => string][] = [
    ['type_name', 'Type', String],
    ['starts_at', 'Date and time', (v) => longDateTime(new Date(v as Date))],
    ['duration_minutes', 'Duration', (v) => duration(v as number)],
    ['practitioner_name', 'Practitioner', (v) => (v as string) ?? 'none'],
    ['location', 'Location', (v) => (v as string) ?? 'none'],
    ['outcome', 'Outcome', (v) => outcomeText(v as ContactOutcome | null)],
    ['outcome_evidence', 'Evidence', (v) => (v as string) ?? 'none'],
    ['sensitive', 'Sensitive', (v) => (v ? 'yes' : 'no')],
  ];
  for (const [key, label, show] of fields) {
    if (!same(previous[key], version[key])) out.push(`${label}: ${show(previous[key])} → ${show(version[key])}`);
  }
  if (previous.notes !== version.notes) out.push(canSeeSensitive || (!previous.sensitive && !version.sensitive) ? 'Notes changed' : 'Notes changed (sensitive: hidden)');
  return out;
}

export function presentVersions(versions: readonly (Record<string, unknown> & { id: number; change: string; change_reason: string | null; recorded_by_name: string | null; recorded_at: Date; notes: string | null; sensitive: boolean })[], canSeeSensitive: boolean) {
  return versions.map((v, i) => ({
    number: i + 1,
    change: CHANGE_TEXT[v.change] ?? v.change,
    reason: v.change_reason,
    by: v.recorded_by_name ?? 'The system',
    at: longDateTime(new Date(v.recorded_at)),
    changes: versionChanges(i === 0 ? null : versions[i - 1]!, v, canSeeSensitive),
    note: noteFor(v.notes, v.sensitive, canSeeSensitive),
    outcome: outcomeText(v.outcome as ContactOutcome | null),
  })).reverse();
}

export function presentProgress(p: Progress, name: string) {
  const fmt = (n: number | null) => (n === null ? 'not recorded' : String(n));
  return { name, unit: p.unit, done: fmt(p.credited), ordered: fmt(p.ordered), remaining: fmt(p.remaining), explanation: p.explanation,
    complete: p.remaining === 0 };
}

export const weekHeading = (monday: string) => `Week beginning ${longDate(monday)}`;
