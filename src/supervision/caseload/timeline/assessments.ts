/** Completed RoSH and needs assessments, and tier changes (only calculations that moved the tier). */
import { levelTag } from '../../../assessment/rosh/presenter.ts';
import { ts, within, type Source, type TimelineEntry } from './types.ts';

export const assessmentEntries: Source = async (db, personId, w) => {
  const [rosh, needs] = await Promise.all([
    db.selectFrom('rosh_assessments').select(['id', 'version', 'overall', 'completed_at']).where('person_id', '=', personId)
      .where(within(ts('completed_at'), w)).orderBy('completed_at', 'desc').limit(w.limit).execute(),
    db.selectFrom('needs_assessments').select(['id', 'version', 'completed_at']).where('person_id', '=', personId).where('status', '=', 'completed')
      .where(within(ts('completed_at'), w)).orderBy('completed_at', 'desc').limit(w.limit).execute(),
  ]);
  return [
    ...rosh.map((r): TimelineEntry => ({ kind: 'assessments', at: r.completed_at, dateOnly: false, title: `RoSH assessment completed (version ${r.version})`, lines: [], tag: levelTag(r.overall) })),
    ...needs.filter((n) => n.completed_at).map((n): TimelineEntry => ({ kind: 'assessments', at: n.completed_at!, dateOnly: false, title: `Needs assessment completed (version ${n.version})`, lines: [] })),
  ];
};

export const tierEntries: Source = async (db, personId, w) => {
  const rows = await db.selectFrom('tier_calculations').select(['id', 'tier', 'previous_tier', 'reason', 'calculated_at'])
    .where('person_id', '=', personId).where('changed', '=', true).where(within(ts('calculated_at'), w))
    .orderBy('calculated_at', 'desc').limit(w.limit).execute();
  return rows.map((r) => ({
    kind: 'tier' as const, at: r.calculated_at, dateOnly: false,
    title: r.previous_tier ? `Tier changed from ${r.previous_tier} to ${r.tier}` : `Tier calculated: ${r.tier}`,
    lines: [r.reason], tag: { text: r.tier, classes: 'govuk-tag--blue' },
  }));
};
