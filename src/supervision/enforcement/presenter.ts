/** Turns enforcement rows into what the pages show: labels, tags, the countdown to the breach deadline. */
import { formatDate } from '../../platform/views/render.ts';
import { countdown } from './deadline.ts';
import type { EnforcementStatus, StatusOf } from './service.ts';

export const ACTION_NAMES: Record<string, string> = {
  warning: 'Warning to give', breach: 'Breach action due', further_failure: 'Further failure (add to the breach)', recall_review: 'Recall review',
};
const STATUS_TAGS: Record<EnforcementStatus, string> = {
  compliant: 'govuk-tag--green', warning: 'govuk-tag--yellow', breach_due: 'govuk-tag--orange', in_breach: 'govuk-tag--red', recall_review: 'govuk-tag--purple',
};

/** "4 working days" in red when near or over, for a deadline; null when there is none. */
export function deadlineTag(today: string, deadlineOn: string | null, nearDays: number) {
  if (!deadlineOn) return null;
  const c = countdown(today, deadlineOn, nearDays);
  return { date: formatDate(deadlineOn), text: c.text, red: c.state !== 'due', classes: c.state === 'due' ? 'govuk-tag--blue' : 'govuk-tag--red' };
}

/** The sentence at the top of the case tab: "In breach: breach action must be laid by 12 December 2026 (4 working days)". */
export function statusLine(s: StatusOf, today: string, nearDays: number, laidOn: string | null) {
  const tag = { text: { compliant: 'Compliant', warning: 'Warning', breach_due: 'Breach action due', in_breach: 'In breach', recall_review: 'Recall review' }[s.status], classes: STATUS_TAGS[s.status] };
  const d = deadlineTag(today, s.deadlineOn, nearDays);
  let sentence = 'Compliant: no enforcement action is open.';
  if (s.status === 'in_breach') sentence = d ? `In breach: breach action must be laid by ${d.date} (${d.text}).` : `In breach: laid before the court${laidOn ? ` on ${formatDate(laidOn)}` : ''}, awaiting the outcome.`;
  if (s.status === 'breach_due') sentence = d ? `Breach action due: it must be laid by ${d.date} (${d.text}). Propose breach for a senior officer to countersign.` : 'Breach action due: a proposal is waiting for a senior officer.';
  if (s.status === 'recall_review') sentence = 'Recall review: a failure while on licence needs a decision on recall.';
  if (s.status === 'warning') sentence = s.openActions ? 'A warning is to be given for a failure to comply.' : 'On a warning: another failure within the warning period makes breach action due.';
  return { tag, sentence, red: !!d?.red };
}
