/** Turns allocation rows into what the pages show. Pure. */
import { formatDate, formatDateTime } from '../../platform/views/render.ts';
import type { Ranking } from './ranking.ts';
import type { AllocationSource } from './tables.ts';
import type { HistorySpell, QueueRow } from './repository.ts';

export const SOURCE_NAMES: Record<AllocationSource, string> = { court: 'Court', custody: 'Custody', transfer_in: 'Transfer in' };
const ROSH_TAGS: Record<string, { text: string; classes: string }> = {
  low: { text: 'Low', classes: 'govuk-tag--green' },
  medium: { text: 'Medium', classes: 'govuk-tag--yellow' },
  high: { text: 'High', classes: 'govuk-tag--orange' },
  very_high: { text: 'Very high', classes: 'govuk-tag--red' },
};
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
export const roshTag = (level: string | null) => (level && ROSH_TAGS[level] ? ROSH_TAGS[level]! : null);
const pct = (n: number) => `${n.toFixed(1)}%`;

/** Rows of the queue table: a refused case shows only its CRN and "Restricted". */
export function presentQueue(rows: readonly QueueRow[]) {
  return rows.map((r) => {
    const rosh = r.viewable ? roshTag(r.rosh) : null;
    return [
      { html: `<a class="govuk-link" href="/allocations/${r.id}">${r.viewable ? esc(`${r.first_name} ${r.last_name}`) : 'Restricted'}</a>` },
      { text: r.crn },
      { text: r.viewable ? (r.tier ?? 'Not calculated') : '' },
      rosh ? { html: `<strong class="govuk-tag ${rosh.classes}">${rosh.text}</strong>` } : { text: r.viewable ? 'Not assessed' : '' },
      { text: SOURCE_NAMES[r.source] },
      { text: formatDate(r.arrived_at) },
      { text: `${r.daysWaiting} ${Number(r.daysWaiting) === 1 ? 'day' : 'days'}`, format: 'numeric' },
    ];
  });
}

/** The ranking as the decision page and the history show it. */
export function presentRanking(ranking: Ranking) {
  return {
    eligible: ranking.eligible.map((e, i) => ({
      ...e, position: i + 1, recommended: e.userId === ranking.recommendedUserId,
      capacity: `${pct(e.capacityBefore)} → ${pct(e.capacityAfter)}`,
    })),
    ineligible: ranking.ineligible,
  };
}

export function presentHistory(spells: readonly HistorySpell[]) {
  return spells.map((s) => ({
    team: s.teamName,
    practitioner: s.practitionerName ? `${s.practitionerName}${s.grade ? ` (${s.grade})` : ''}` : 'Not allocated to a practitioner',
    dates: `${formatDate(s.started_at)} to ${s.ended_at ? formatDate(s.ended_at) : 'now'}`,
    current: s.ended_at === null,
    decision: s.decision && {
      id: s.decision.id,
      when: formatDateTime(s.decision.created_at),
      by: s.decision.decidedByName ?? 'Unknown',
      source: SOURCE_NAMES[s.decision.source],
      recommended: s.decision.recommendedName ?? 'No one was eligible',
      followed: s.decision.recommendedName !== null && s.decision.override_reason === null,
      overrideReason: s.decision.override_reason,
      overCapacity: s.decision.over_capacity_confirmed,
      ranking: presentRanking(s.decision.ranking),
    },
  }));
}

/** The capacity figures kept with a decision for the chosen practitioner. */
export function chosenCapacity(ranking: Ranking, userId: number) {
  const e = ranking.eligible.find((c) => c.userId === userId);
  return e ? { before: e.capacityBefore, after: e.capacityAfter, text: `${pct(e.capacityBefore)} → ${pct(e.capacityAfter)}` } : null;
}
