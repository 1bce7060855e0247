/** What the reminder pages show: statuses as tags, times in UK time, the consent in words. */
import { clockTime, dayAndDate, formatUkMobile } from './rules.ts';
import { londonParts } from '../../platform/uk-time.ts';
import type { ReminderStatus } from './tables.ts';

const TAGS: Record<ReminderStatus, { text: string; classes: string }> = {
  pending: { text: 'Waiting to send', classes: 'govuk-tag--grey' },
  sending: { text: 'Sending', classes: 'govuk-tag--light-blue' },
  sent: { text: 'Sent', classes: 'govuk-tag--blue' },
  delivered: { text: 'Delivered', classes: 'govuk-tag--green' },
  failed: { text: 'Failed', classes: 'govuk-tag--red' },
  permanent_failure: { text: 'Refused: number cannot receive texts', classes: 'govuk-tag--red' },
  cancelled: { text: 'Not sent', classes: 'govuk-tag--yellow' },
};
export const STATUS_NAMES: Record<ReminderStatus, string> = {
  pending: 'Waiting to send', sending: 'Sending', sent: 'Sent', delivered: 'Delivered', failed: 'Failed', permanent_failure: 'Refused by the network', cancelled: 'Not sent',
};

export const statusTag = (status: ReminderStatus) => TAGS[status];

/** 'Thursday 17 July 2025 at 2:15pm' (UK time). */
export function ukDateTime(value: Date | string | null): string {
  if (!value) return '';
  const d = new Date(value);
  return `${dayAndDate(d)} ${londonParts(d).date.slice(0, 4)} at ${clockTime(d)}`;
}

export interface MessageRow {
  id: number | string; appointment_at: Date | string; phone: string; text: string; status: ReminderStatus; attempts: number;
  next_attempt_at: Date | string | null; provider: string | null; provider_reference: string | null; last_error: string | null;
  created_at: Date | string; sent_at: Date | string | null; delivered_at: Date | string | null;
}

/** One reminder: when, to which number, what happened and why, and what comes next. */
export function presentMessage(row: MessageRow) {
  const what: string[] = [];
  if (row.status === 'pending') what.push(`Next try ${ukDateTime(row.next_attempt_at)}${row.attempts ? ` (${row.attempts} ${row.attempts === 1 ? 'attempt' : 'attempts'} so far)` : ''}`);
  if (row.sent_at) what.push(`Sent ${ukDateTime(row.sent_at)}${row.provider === 'notify' ? ' through GOV.UK Notify' : row.provider === 'outbox' ? ' to the outbox' : ''}`);
  if (row.delivered_at) what.push(`Delivered ${ukDateTime(row.delivered_at)}`);
  if (row.last_error) what.push(row.last_error);
  return {
    id: Number(row.id), appointment: ukDateTime(row.appointment_at), phone: formatUkMobile(row.phone), text: row.text,
    tag: statusTag(row.status), detail: what.join('. '), reference: row.provider_reference, queued: ukDateTime(row.created_at),
  };
}

export interface ConsentRow { consented: boolean; mobile: string | null; withdrawn: boolean; note: string | null; recorded_at: Date | string; recordedBy: string | null }

export function presentConsent(row: ConsentRow) {
  const decision = row.consented ? `Agreed to text reminders on ${formatUkMobile(row.mobile ?? '')}` : row.withdrawn ? 'Withdrew consent to text reminders' : 'Does not want text reminders';
  return { decision, note: row.note, when: ukDateTime(row.recorded_at), by: row.recordedBy ?? 'Not recorded' };
}
