/**
 * A court's request for a report, pure: which event, which type, the court, the hearing and when the
 * report is due (by the hearing; the hearing's date when not given), and any notes from the court.
 */
import { readDateField } from '../platform/http/dates.ts';
import { REPORT_TYPES, type ReportType } from './status.ts';
import type { NewReport } from './repository.ts';

export const NOTES_LIMIT = 4000;

export interface EventChoice { id: number; eventNumber: number; hasOpenReport: boolean }
type Result<T> = { ok: true; value: T } | { ok: false; errors: Record<string, string> };

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '');

export function validateRequest(body: Record<string, unknown>, events: readonly EventChoice[], today: string): Result<NewReport> {
  const errors: Record<string, string> = {};
  const number = text(body.eventNumber);
  const event = /^\d{1,6}$/.test(number) ? events.find((e) => e.eventNumber === Number(number)) : undefined;
  if (!number) errors.eventNumber = events.length ? 'Select the event the report is for' : 'Record the conviction on the Sentence tab first: a report is for an event';
  else if (!event) errors.eventNumber = 'Select an event of this case from the list';
  else if (event.hasOpenReport) errors.eventNumber = `Event ${event.eventNumber} already has a report in progress: open it from the list of reports`;

  const type = REPORT_TYPES.find((t) => t.code === text(body.type))?.code as ReportType | undefined;
  if (!type) errors.type = 'Select the type of report the court asked for';

  const court = text(body.court);
  if (!court) errors.court = 'Enter the court';
  else if (court.length > 200) errors.court = 'The court must be 200 characters or fewer';

  const date = (field: string, what: string, required: boolean) => readDateField(body, errors, field, what, required);
  const hearingOn = date('hearingOn', 'hearing date', true);
  if (hearingOn && hearingOn < today) errors.hearingOn = 'The hearing date must be today or in the future';
  const dueOn = date('dueOn', 'due date', false) ?? (errors.dueOn ? null : hearingOn);
  if (dueOn && !errors.dueOn && !errors.hearingOn) {
    if (dueOn < today) errors.dueOn = 'The due date must be today or in the future';
    else if (hearingOn && dueOn > hearingOn) errors.dueOn = 'The report must be due on or before the hearing date';
  }

  const courtNotes = text(body.courtNotes);
  if (courtNotes.length > NOTES_LIMIT) errors.courtNotes = `The notes from the court must be ${NOTES_LIMIT.toLocaleString('en-GB')} characters or fewer`;

  if (Object.keys(errors).length || !event || !type || !hearingOn || !dueOn) return { ok: false, errors };
  return { ok: true, value: { eventId: event.id, type, court, hearingOn, dueOn, courtNotes } };
}

/** A reason for returning or cancelling: needed, and not an essay. */
export function validateReason(body: Record<string, unknown>, what: string): Result<string> {
  const reason = text(body.reason);
  if (!reason) return { ok: false, errors: { reason: `Enter the reason ${what}` } };
  if (reason.length > 2000) return { ok: false, errors: { reason: 'The reason must be 2,000 characters or fewer' } };
  return { ok: true, value: reason };
}
