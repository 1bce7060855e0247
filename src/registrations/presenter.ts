import { formatDate } from '../platform/views/render.ts';
import type { RegistrationRow } from './repository.ts';
import { reviewStatus } from './rules.ts';

const tagClass: Record<string, string> = {
  red: 'govuk-tag--red', orange: 'govuk-tag--orange', purple: 'govuk-tag--purple', yellow: 'govuk-tag--yellow', blue: 'govuk-tag--blue', grey: 'govuk-tag--grey',
};
const statusText = { overdue: 'Review overdue', due: 'Review due', scheduled: '', none: '' } as const;

/** Flags as the banner and the list show them: colour and text together, never colour alone. */
export function presentRegistrations(rows: RegistrationRow[], today: string) {
  const present = (row: RegistrationRow) => {
    const status = row.deregistered_on ? 'none' : reviewStatus(row.next_review_on, today);
    return {
      id: row.id,
      label: row.level ? `${row.name}: ${row.level}` : row.name,
      tagClass: tagClass[row.colour] ?? 'govuk-tag--grey',
      notes: row.notes,
      registeredOn: formatDate(row.registered_on),
      registeredBy: row.registered_by_name ?? 'the service',
      nextReview: formatDate(row.next_review_on),
      lastReviewed: formatDate(row.last_reviewed_on),
      reviewStatus: status,
      reviewText: statusText[status],
      deregisteredOn: formatDate(row.deregistered_on),
      deregistrationReason: row.deregistration_reason,
    };
  };
  const active = rows.filter((row) => !row.deregistered_on).map(present);
  return { active, ended: rows.filter((row) => row.deregistered_on).map(present), overdue: active.filter((flag) => flag.reviewStatus === 'overdue').length };
}
