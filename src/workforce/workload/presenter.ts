/** Turns capacity figures into what the pages show: rows, status tags and the chart's geometry. Pure. */
import { capacityStatus, type CapacityStatus } from './rules.ts';
import type { PractitionerCapacity } from './service.ts';

const TAGS: Record<CapacityStatus, { text: string; classes: string; colour: string }> = {
  over: { text: 'Over capacity', classes: 'govuk-tag--red', colour: '#d4351c' },
  near: { text: 'Near capacity', classes: 'govuk-tag--orange', colour: '#f47738' },
  under: { text: 'Under capacity', classes: 'govuk-tag--green', colour: '#00703c' },
};
export const statusTag = (percent: number) => TAGS[capacityStatus(percent)];
const num = (n: number) => n.toLocaleString('en-GB', { maximumFractionDigits: 1 });

export interface Row { id: number; name: string; grade: string; teamName: string; capacity: PractitionerCapacity }

/** Table rows, highest capacity first (ties by name). */
export function capacityRows(rows: readonly Row[]) {
  return [...rows].sort((a, b) => b.capacity.capacityPercent - a.capacity.capacityPercent || a.name.localeCompare(b.name)).map((r) => ({
    id: r.id, name: r.name, grade: r.grade, teamName: r.teamName, href: `/workload/practitioners/${r.id}`,
    hours: num(r.capacity.availableHours), contractedHours: num(r.capacity.contractedHours),
    available: num(r.capacity.availablePoints), used: num(r.capacity.totalPoints), percent: r.capacity.capacityPercent.toFixed(1),
    percentValue: r.capacity.capacityPercent, tag: statusTag(r.capacity.capacityPercent),
    notes: [
      r.capacity.absentUntil ? `Absent until ${r.capacity.absentUntil}` : '',
      r.capacity.explanation.absentDays ? `${r.capacity.explanation.absentDays} of ${r.capacity.explanation.workingDays} working days absent` : '',
      r.capacity.explanation.protectedPercent !== null ? `Protected caseload (${r.capacity.explanation.protectedPercent}%)` : '',
    ].filter(Boolean),
  }));
}

/** A horizontal bar per practitioner, scaled so the 100% line and the largest bar fit. */
export function chart(rows: ReturnType<typeof capacityRows>, title: string) {
  const label = 190, plot = 420, rowHeight = 30, top = 24;
  const max = Math.max(120, Math.ceil(Math.max(0, ...rows.map((r) => r.percentValue)) / 20) * 20);
  const x = (pct: number) => label + (Math.min(pct, max) / max) * plot;
  const over = rows.filter((r) => r.percentValue > 100).length;
  return {
    width: label + plot + 70, height: top + rows.length * rowHeight + 24, labelX: label - 8, line: { x: x(100), y1: top - 10, y2: top + rows.length * rowHeight },
    title,
    description: `${rows.length} ${rows.length === 1 ? 'practitioner' : 'practitioners'}; ${over} over capacity. `
      + rows.map((r) => `${r.name} ${r.percent}%`).join(', ') + '. The same figures are in the table below.',
    bars: rows.map((r, i) => ({
      name: r.name, percent: r.percent, y: top + i * rowHeight, textY: top + i * rowHeight + 19,
      x: label, width: Math.max(0, x(r.percentValue) - label), colour: r.tag.colour, valueX: x(r.percentValue) + 6,
    })),
    ticks: [0, 50, 100, max].filter((v, i, a) => a.indexOf(v) === i).map((v) => ({ x: x(v), text: `${v}%`, y: top + rows.length * rowHeight + 16 })),
  };
}

/** Each team's totals, for a PDU. */
export function teamSummaries(teams: readonly { id: number; name: string; code: string }[], rows: readonly (Row & { teamId: number | null })[]) {
  return teams.map((t) => {
    const mine = rows.filter((r) => r.teamId === t.id);
    const used = mine.reduce((s, r) => s + r.capacity.totalPoints, 0);
    const available = mine.reduce((s, r) => s + r.capacity.availablePoints, 0);
    const percent = available === 0 ? 0 : Math.round((used / available) * 1000) / 10;
    return {
      name: t.name, code: t.code, href: `/workload?team=${encodeURIComponent(t.code)}`, practitioners: mine.length,
      used: num(used), available: num(available), percent: percent.toFixed(1), tag: statusTag(percent),
      over: mine.filter((r) => r.capacity.capacityPercent > 100).map((r) => r.name),
      under: mine.filter((r) => r.capacity.capacityPercent < 90).map((r) => r.name),
    };
  });
}
