/**
 * The needs chart's geometry, pure: one small line chart per section (small multiples, each on its own
 * scale from 0 to the section's maximum) with its need thresholds, so progress (a falling line) and
 * regression (a rising one) read at a glance. The view draws it as inline SVG from these numbers; the
 * same numbers go in a table beside it, and the trend is said in words, never by colour alone.
 */
import type { NeedSection } from '../tiering/rules.ts';
import { formatDate } from '../../platform/views/render.ts';
import { trendText } from './rules.ts';
import { SECTIONS, type SectionDefinition } from './sections.ts';

export const CHART = { width: 300, height: 150, left: 30, right: 64, top: 10, bottom: 26 } as const;

export interface HistoryPoint { version: number; completedOn: string; scores: Record<NeedSection, number> }
export type Trend = 'first' | 'same' | 'down' | 'up';

export interface SectionChart {
  key: NeedSection;
  label: string;
  titleId: string;
  descId: string;
  title: string;
  desc: string;
  /** `labelY`: where the score is written, above the point unless that leaves the chart. */
  points: { x: number; y: number; labelY: number; score: number; version: number }[];
  /** The line through the points, as an SVG path (empty with fewer than two points). */
  path: string;
  thresholds: { y: number; score: number; label: string }[];
  yTicks: { y: number; label: string }[];
  xTicks: { x: number; label: string }[];
  plot: { left: number; right: number; top: number; bottom: number };
  latest: number | null;
  change: number | null;
  trend: Trend;
  trendText: string;
}

const round = (n: number) => Math.round(n * 10) / 10;

export function buildSectionChart(section: SectionDefinition, history: readonly HistoryPoint[]): SectionChart {
  const plot = { left: CHART.left, right: CHART.width - CHART.right, top: CHART.top, bottom: CHART.height - CHART.bottom };
  const max = Math.max(section.max, 1);
  const yOf = (score: number) => round(plot.bottom - ((plot.bottom - plot.top) * Math.min(score, max)) / max);
  const step = history.length > 1 ? (plot.right - plot.left) / (history.length - 1) : 0;
  const xOf = (i: number) => round(history.length > 1 ? plot.left + i * step : (plot.left + plot.right) / 2);
  const points = history.map((h, i) => {
    const y = yOf(h.scores[section.key]);
    return { x: xOf(i), y, labelY: round(y - 8 >= plot.top + 4 ? y - 8 : y + 16), score: h.scores[section.key], version: h.version };
  });
  const latest = points.at(-1)?.score ?? null;
  const previous = points.at(-2)?.score;
  const change = latest !== null && previous !== undefined ? latest - previous : null;
  const trend: Trend = change === null ? 'first' : change === 0 ? 'same' : change < 0 ? 'down' : 'up';
  const thresholds = [
    { score: section.standard, label: 'need' },
    ...(section.severe !== null && section.severe <= section.max ? [{ score: section.severe, label: 'severe' }] : []),
  ].map((t) => ({ ...t, y: yOf(t.score) }));
  const desc = [
    `Scores out of ${section.max}, ${history.map((h) => `version ${h.version} (${formatDate(h.completedOn)}): ${h.scores[section.key]}`).join('; ')}.`,
    `A need ${section.severe !== null ? `from ${section.standard}, a severe need from ${section.severe}` : `from ${section.standard}`}.`,
    history.length ? `${trendText(change)}.` : '',
  ].filter(Boolean).join(' ');
  return {
    key: section.key,
    label: section.label,
    titleId: `chart-${section.key}-title`,
    descId: `chart-${section.key}-desc`,
    title: `${section.label}: score across ${history.length} assessment${history.length === 1 ? '' : 's'}`,
    desc,
    points,
    path: points.length > 1 ? points.map((p, i) => `${i ? 'L' : 'M'}${p.x} ${p.y}`).join(' ') : '',
    thresholds,
    yTicks: [0, max].map((score) => ({ y: yOf(score), label: String(score) })),
    xTicks: points.map((p) => ({ x: p.x, label: `v${p.version}` })),
    plot,
    latest,
    change,
    trend,
    trendText: trendText(change),
  };
}

/** One chart per section, in the sections' order. */
export const buildNeedsChart = (history: readonly HistoryPoint[], sections: readonly SectionDefinition[] = SECTIONS) =>
  sections.map((section) => buildSectionChart(section, history));
