/** Contacts as they now stand (current versions), with their outcomes; a sensitive note only for those allowed. */
import { sql } from 'kysely';
import { humanise, ts, within, type Source } from './types.ts';

const OUTCOMES: Record<string, { text: string; classes: string }> = {
  attended_complied: { text: 'Attended and complied', classes: 'govuk-tag--green' },
  attended_failed_to_comply: { text: 'Attended, failed to comply', classes: 'govuk-tag--red' },
  acceptable_absence: { text: 'Acceptable absence', classes: 'govuk-tag--yellow' },
  unacceptable_absence: { text: 'Unacceptable absence', classes: 'govuk-tag--red' },
  rescheduled: { text: 'Rescheduled', classes: 'govuk-tag--grey' },
};

export const contactEntries: Source = async (db, personId, w, viewer) => {
  const at = ts('c.starts_at');
  const rows = await db.selectFrom('current_contacts as c').innerJoin('contact_types as t', 't.code', 'c.type_code')
    .leftJoin('users as u', 'u.id', 'c.practitioner_id')
    .select(['c.contact_id', 'c.starts_at', 'c.duration_minutes', 'c.location', 'c.outcome', 'c.outcome_evidence', 'c.counts_for_compliance',
      'c.notes', 'c.sensitive', 'c.change', 'c.change_reason', 't.name as type_name', 't.appointment', 'u.display_name as practitioner'])
    .where('c.person_id', '=', personId).where('c.starts_at', '<=', sql<Date>`now()`).where(within(at, w))
    .orderBy('c.starts_at', 'desc').orderBy('c.contact_id', 'desc').limit(w.limit).execute();
  return rows.map((r) => {
    const lines = [
      `${r.duration_minutes} minutes${r.location ? ` at ${r.location}` : ''}${r.practitioner ? `, with ${r.practitioner}` : ''}`,
      r.counts_for_compliance ? 'Counts towards compliance' : 'Does not count towards compliance',
    ];
    if (r.outcome_evidence) lines.push(`Evidence: ${r.outcome_evidence}`);
    if (r.notes) lines.push(r.sensitive && !viewer.canSeeSensitive ? 'Sensitive note: hidden (your role cannot read sensitive notes)' : `Notes: ${r.notes}`);
    if (r.change === 'corrected' && r.change_reason) lines.push(`Corrected: ${r.change_reason}`);
    const pending = r.appointment && !r.outcome && r.change !== 'cancelled';
    return {
      kind: 'contacts' as const, at: r.starts_at, dateOnly: false,
      title: `${r.type_name}${r.change === 'cancelled' ? ' (cancelled)' : ''}`,
      lines,
      tag: r.outcome ? OUTCOMES[r.outcome] ?? { text: humanise(r.outcome), classes: 'govuk-tag--grey' } : pending ? { text: 'Outcome not recorded', classes: 'govuk-tag--orange' } : undefined,
    };
  });
};
