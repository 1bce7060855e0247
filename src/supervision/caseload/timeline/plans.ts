/** The sentence plan: each plan started and agreed, and each review with its summary. */
import { formatDate } from '../../../platform/views/render.ts';
import { dayStart, ts, within, type Source, type TimelineEntry } from './types.ts';

export const planEntries: Source = async (db, personId, w) => {
  const [plans, agreed, reviews] = await Promise.all([
    db.selectFrom('sentence_plans').select(['id', 'created_at']).where('person_id', '=', personId)
      .where(within(ts('created_at'), w)).orderBy('created_at', 'desc').limit(w.limit).execute(),
    db.selectFrom('sentence_plans').select(['id', dayStart('agreed_on').as('at')]).where('person_id', '=', personId).where('agreed_on', 'is not', null)
      .where(within(dayStart('agreed_on'), w)).orderBy('at', 'desc').limit(w.limit).execute(),
    db.selectFrom('plan_reviews as r').leftJoin('users as u', 'u.id', 'r.reviewed_by')
      .select(['r.id', 'r.summary', 'r.next_review_on', 'u.display_name', dayStart('r.reviewed_on').as('at')])
      .where('r.person_id', '=', personId).where(within(dayStart('r.reviewed_on'), w)).orderBy('at', 'desc').limit(w.limit).execute(),
  ]);
  return [
    ...plans.map((p): TimelineEntry => ({ kind: 'plans', at: p.created_at, dateOnly: false, title: 'Sentence plan started', lines: [] })),
    ...agreed.map((p): TimelineEntry => ({ kind: 'plans', at: p.at, dateOnly: true, title: 'Sentence plan agreed', lines: [] })),
    ...reviews.map((r): TimelineEntry => ({
      kind: 'plans', at: r.at, dateOnly: true, title: `Sentence plan reviewed${r.display_name ? ` by ${r.display_name}` : ''}`,
      lines: [...(r.summary ? [r.summary] : []), `Next review by ${formatDate(r.next_review_on)}`],
    })),
  ];
};
