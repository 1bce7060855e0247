/** Enforcement: actions opened by the rules, warning letters, breach and recall decisions, returns to compliance. */
import { formatDate } from '../../../platform/views/render.ts';
import { dayStart, humanise, ts, within, type Source, type TimelineEntry } from './types.ts';

const ACTIONS: Record<string, string> = { warning: 'Warning due', breach: 'Breach action due', further_failure: 'Further failure', recall_review: 'Recall review' };

export const enforcementEntries: Source = async (db, personId, w) => {
  const [actions, letters, decisions, returns] = await Promise.all([
    db.selectFrom('enforcement_actions').select(['id', 'kind', 'reason', 'status', 'failure_on', 'due_on', 'resolution', 'created_at'])
      .where('person_id', '=', personId).where(within(ts('created_at'), w)).orderBy('created_at', 'desc').limit(w.limit).execute(),
    db.selectFrom('warning_letters as l').leftJoin('users as u', 'u.id', 'l.issued_by').select(['l.id', 'l.failure_on', 'l.issued_on', 'l.issued_at', 'u.display_name'])
      .where('l.person_id', '=', personId).where(within(ts('l.issued_at'), w)).orderBy('l.issued_at', 'desc').limit(w.limit).execute(),
    db.selectFrom('enforcement_decisions as d').leftJoin('users as p', 'p.id', 'd.proposed_by')
      .select(['d.id', 'd.kind', 'd.status', 'd.reasons', 'd.failure_on', 'd.deadline_on', 'd.outcome', 'd.proposed_at', 'p.display_name as proposer'])
      .where('d.person_id', '=', personId).where(within(ts('d.proposed_at'), w)).orderBy('d.proposed_at', 'desc').limit(w.limit).execute(),
    db.selectFrom('compliance_returns').select(['id', 'note', dayStart('returned_on').as('at')]).where('person_id', '=', personId)
      .where(within(dayStart('returned_on'), w)).orderBy('at', 'desc').limit(w.limit).execute(),
  ]);
  const entries: TimelineEntry[] = [
    ...actions.map((a) => ({
      kind: 'enforcement' as const, at: a.created_at, dateOnly: false,
      title: `${ACTIONS[a.kind] ?? humanise(a.kind)} after the failure on ${formatDate(a.failure_on)}`,
      lines: [a.reason, ...(a.due_on ? [`Breach action to be laid by ${formatDate(a.due_on)}`] : []), ...(a.resolution ? [`Outcome: ${a.resolution}`] : [])],
      tag: { text: humanise(a.status), classes: a.status === 'open' ? 'govuk-tag--orange' : 'govuk-tag--grey' },
    })),
    ...letters.map((l) => ({
      kind: 'enforcement' as const, at: l.issued_at, dateOnly: false,
      title: 'Warning letter issued', lines: [`For the failure on ${formatDate(l.failure_on)}; issued on ${formatDate(l.issued_on)}${l.display_name ? ` by ${l.display_name}` : ''}`],
    })),
    ...decisions.map((d) => ({
      kind: 'enforcement' as const, at: d.proposed_at, dateOnly: false,
      title: `${d.kind === 'breach' ? 'Breach' : 'Recall'} proposed${d.proposer ? ` by ${d.proposer}` : ''}`,
      lines: [d.reasons, ...(d.deadline_on ? [`Deadline to lay: ${formatDate(d.deadline_on)}`] : []), ...(d.outcome ? [`Outcome: ${humanise(d.outcome)}`] : [])],
      tag: { text: humanise(d.status), classes: d.status === 'countersigned' ? 'govuk-tag--red' : 'govuk-tag--grey' },
    })),
    ...returns.map((r) => ({ kind: 'enforcement' as const, at: r.at, dateOnly: true, title: 'Returned to compliance', lines: [r.note] })),
  ];
  return entries;
};
