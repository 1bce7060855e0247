/** Risk flags, pre-sentence reports, allocations and transfers, and contact level changes. */
import { sql } from 'kysely';
import { humanise, dayStart, ts, within, type Source, type TimelineEntry } from './types.ts';

export const flagEntries: Source = async (db, personId, w) => {
  const [added, removed, reviews] = await Promise.all([
    db.selectFrom('registrations as r').innerJoin('registration_types as t', 't.code', 'r.type_code')
      .select(['r.id', 't.name', 'r.level', 'r.notes', dayStart('r.registered_on').as('at')]).where('r.person_id', '=', personId)
      .where(within(dayStart('r.registered_on'), w)).orderBy('at', 'desc').limit(w.limit).execute(),
    db.selectFrom('registrations as r').innerJoin('registration_types as t', 't.code', 'r.type_code')
      .select(['r.id', 't.name', 'r.deregistration_reason', dayStart('r.deregistered_on').as('at')]).where('r.person_id', '=', personId)
      .where('r.deregistered_on', 'is not', null).where(within(dayStart('r.deregistered_on'), w)).orderBy('at', 'desc').limit(w.limit).execute(),
    db.selectFrom('registration_reviews as v').innerJoin('registrations as r', 'r.id', 'v.registration_id').innerJoin('registration_types as t', 't.code', 'r.type_code')
      .select(['v.id', 't.name', 'v.notes', dayStart('v.reviewed_on').as('at')]).where('v.person_id', '=', personId)
      .where(within(dayStart('v.reviewed_on'), w)).orderBy('at', 'desc').limit(w.limit).execute(),
  ]);
  return [
    ...added.map((r): TimelineEntry => ({ kind: 'flags', at: r.at, dateOnly: true, title: `Risk flag added: ${r.name}${r.level ? ` (${r.level})` : ''}`, lines: r.notes ? [r.notes] : [] })),
    ...removed.map((r): TimelineEntry => ({ kind: 'flags', at: r.at, dateOnly: true, title: `Risk flag removed: ${r.name}`, lines: r.deregistration_reason ? [r.deregistration_reason] : [] })),
    ...reviews.map((r): TimelineEntry => ({ kind: 'flags', at: r.at, dateOnly: true, title: `Risk flag reviewed: ${r.name}`, lines: [r.notes] })),
  ];
};

export const reportEntries: Source = async (db, personId, w) => {
  const rows = await db.selectFrom('pre_sentence_report_history as h').innerJoin('pre_sentence_reports as r', 'r.id', 'h.report_id').leftJoin('users as u', 'u.id', 'h.by_user')
    .select(['h.id', 'h.action', 'h.to_status', 'h.detail', 'h.at', 'r.report_type', 'u.display_name'])
    .where('h.person_id', '=', personId).where(within(ts('h.at'), w)).orderBy('h.at', 'desc').limit(w.limit).execute();
  return rows.map((r) => ({
    kind: 'reports' as const, at: r.at, dateOnly: false,
    title: `Pre-sentence report (${r.report_type}): ${humanise(r.action)}${r.display_name ? ` by ${r.display_name}` : ''}`,
    lines: r.detail ? [r.detail] : [], tag: { text: humanise(r.to_status), classes: 'govuk-tag--grey' },
  }));
};

export const allocationEntries: Source = async (db, personId, w) => {
  const [allocations, transfers] = await Promise.all([
    db.selectFrom('case_allocations as a').innerJoin('teams as t', 't.id', 'a.team_id').leftJoin('users as u', 'u.id', 'a.practitioner_id')
      .select(['a.id', 'a.started_at', 't.name as team', 'u.display_name']).where('a.person_id', '=', personId)
      .where(within(ts('a.started_at'), w)).orderBy('a.started_at', 'desc').limit(w.limit).execute(),
    db.selectFrom('case_transfers as x').innerJoin('teams as t', 't.id', 'x.to_team_id').leftJoin('users as u', 'u.id', 'x.to_practitioner_id')
      .select(['x.id', 'x.requested_at', 'x.status', 'x.reason', 'x.decision_reason', 't.name as team', 'u.display_name']).where('x.person_id', '=', personId)
      .where(within(ts('x.requested_at'), w)).orderBy('x.requested_at', 'desc').limit(w.limit).execute(),
  ]);
  return [
    ...allocations.map((a): TimelineEntry => ({ kind: 'allocations', at: a.started_at, dateOnly: false, title: `Allocated to ${a.display_name ?? 'the team (no practitioner yet)'}`, lines: [`Team: ${a.team}`] })),
    ...transfers.map((x): TimelineEntry => ({
      kind: 'allocations', at: x.requested_at, dateOnly: false, title: `Transfer requested to ${x.display_name ?? x.team}`,
      lines: [x.reason, ...(x.decision_reason ? [`Decision: ${x.decision_reason}`] : [])], tag: { text: humanise(x.status), classes: 'govuk-tag--grey' },
    })),
  ];
};

export const contactLevelEntries: Source = async (db, personId, w) => {
  const [set, ended] = await Promise.all([
    db.selectFrom('contact_level_overrides as o').leftJoin('users as u', 'u.id', 'o.set_by').select(['o.id', 'o.frequency_days', 'o.reason', 'o.set_at', 'u.display_name'])
      .where('o.person_id', '=', personId).where(within(ts('o.set_at'), w)).orderBy('o.set_at', 'desc').limit(w.limit).execute(),
    db.selectFrom('contact_level_overrides as o').leftJoin('users as u', 'u.id', 'o.ended_by').select(['o.id', 'o.end_reason', sql<Date>`o.ended_at`.as('at'), 'u.display_name'])
      .where('o.person_id', '=', personId).where('o.ended_at', 'is not', null).where(within(ts('o.ended_at'), w)).orderBy('at', 'desc').limit(w.limit).execute(),
  ]);
  return [
    ...set.map((o): TimelineEntry => ({ kind: 'contact_level', at: o.set_at, dateOnly: false, title: `Contact level set: every ${o.frequency_days} days${o.display_name ? ` by ${o.display_name}` : ''}`, lines: [o.reason] })),
    ...ended.map((o): TimelineEntry => ({ kind: 'contact_level', at: o.at, dateOnly: false, title: 'Contact level set for the case ended', lines: o.end_reason ? [o.end_reason] : [] })),
  ];
};
