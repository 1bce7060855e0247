/** Turns transfer rows into what the pages show: status tags, where from and to, who decided and why. */
import { levelTag } from '../../assessment/rosh/presenter.ts';
import type { RoshLevel } from '../../assessment/rosh/rules.ts';
import { formatDate, formatDateTime } from '../../platform/views/render.ts';
import type { Ranking } from '../allocation/ranking.ts';
import { APPOINTMENTS, type Destinations } from './forms.ts';
import type { DestinationRows, TransferRow } from './repository.ts';
import { STATUS_NAMES, STATUS_TAGS } from './status.ts';

export function presentTransfer(row: TransferRow) {
  return {
    id: row.id,
    crn: row.crn,
    viewable: !!row.viewable,
    name: row.viewable ? row.name : 'Restricted',
    tier: row.viewable ? row.tier : null,
    rosh: row.viewable && row.rosh ? levelTag(row.rosh as RoshLevel) : null,
    status: row.status,
    tag: { text: STATUS_NAMES[row.status], classes: STATUS_TAGS[row.status] },
    from: `${row.fromTeam}${row.fromPractitioner ? ` (${row.fromPractitioner})` : ''}`,
    to: `${row.toTeam}, ${row.toPdu}${row.toPractitioner ? ` (named: ${row.toPractitioner})` : ''}`,
    toRegion: row.toRegion,
    reason: row.reason,
    appointments: APPOINTMENTS.find((a) => a.value === row.appointments)?.text ?? row.appointments,
    requested: `${formatDateTime(row.requestedAt)} by ${row.requestedByName}`,
    requestedOn: formatDate(row.requestedAt),
    decided: row.decidedAt ? `${formatDateTime(row.decidedAt)}${row.decidedByName ? ` by ${row.decidedByName}` : ''}` : null,
    decisionReason: row.decisionReason,
    allocatedTo: row.allocatedTo,
    href: `/transfers/${row.id}`,
  };
}
export type PresentedTransfer = ReturnType<typeof presentTransfer>;

/** The team choices grouped as the select's optgroups: by region, then PDU. */
export function teamGroups(where: DestinationRows, excludeTeamId: number, selected: number | null) {
  const groups: { label: string; items: { value: number; text: string; selected: boolean }[] }[] = [];
  for (const t of where.teams) {
    if (t.id === excludeTeamId) continue;
    const label = `${t.regionName}: ${t.pduName}`;
    let group = groups.find((g) => g.label === label);
    if (!group) groups.push(group = { label, items: [] });
    group.items.push({ value: t.id, text: t.name, selected: t.id === selected });
  }
  return groups;
}

/** Named-practitioner choices grouped by team (any team but the holding one). */
export function practitionerGroups(where: DestinationRows, excludeTeamId: number, selected: number | null) {
  const teams = new Map(where.teams.map((t) => [t.id, t]));
  const groups: { label: string; items: { value: number; text: string; selected: boolean }[] }[] = [];
  for (const t of where.teams) {
    if (t.id === excludeTeamId) continue;
    const items = where.practitioners.filter((p) => p.teamId === t.id)
      .map((p) => ({ value: p.id, text: `${p.name}${p.grade ? ` (${p.grade})` : ''}`, selected: p.id === selected }));
    if (items.length) groups.push({ label: `${teams.get(t.id)!.name}`, items });
  }
  return groups;
}

export const asDestinations = (where: DestinationRows): Destinations => ({ teams: where.teams, practitioners: where.practitioners });

/** A ranking as radios: each practitioner with their score and reasons; the named or recommended one checked. */
export function rankingItems(ranking: Ranking, checkedId: number | null) {
  return ranking.eligible.map((e, i) => ({
    value: String(e.userId),
    html: `${i + 1}. ${escape(e.name)}${e.userId === ranking.recommendedUserId ? ' <strong class="govuk-tag govuk-tag--green">Recommended</strong>' : ''}${e.overCapacity ? ' <strong class="govuk-tag govuk-tag--red">Over capacity</strong>' : ''}`,
    hint: { text: `Score ${e.score}: ${e.reasons.join('; ')}` },
    checked: e.userId === checkedId,
  }));
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
