/** Turns time-with-people figures into what the page shows: table rows and the chart's geometry. Pure. */
import { formatDate } from '../../platform/views/render.ts';
import { formatMinutes, type Figures } from './rules.ts';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const short = (date: string) => `${Number(date.slice(8, 10))} ${MONTHS[Number(date.slice(5, 7)) - 1]}`;

export type SeriesPoint = Figures & { key: string; start: string; end: string };

/** What a bucket is called: 'Week of 2 March 2026' or 'March 2026'. */
export function bucketLabel(p: { start: string; end: string; key: string }, by: 'week' | 'month'): string {
  if (by === 'month') return `${formatDate(`${p.key}-01`).replace(/^1 /, '')}`;
  return `${formatDate(p.start)} to ${formatDate(p.end)}`;
}

export function rows(series: readonly SeriesPoint[], by: 'week' | 'month') {
  return series.map((p) => ({
    key: p.key, label: bucketLabel(p, by),
    direct: formatMinutes(p.directMinutes), contact: formatMinutes(p.contactMinutes), other: formatMinutes(p.otherMinutes), recorded: formatMinutes(p.recordedMinutes),
    share: p.share === null ? 'No data' : `${p.share.toFixed(1)}%`, noData: p.share === null, explanation: p.explanation,
  }));
}

/** A vertical bar per week or month, 0 to 100%; a bucket with nothing recorded is marked "no data", not drawn as 0. */
export function chart(series: readonly SeriesPoint[], by: 'week' | 'month', title: string) {
  const left = 48, top = 20, plot = 220, slot = series.length > 13 ? 30 : 52, bar = slot - 10;
  const width = left + series.length * slot + 16, height = top + plot + 46;
  const y = (pct: number) => top + plot - (pct / 100) * plot;
  const labelEvery = series.length > 13 ? 2 : 1;
  const recorded = series.filter((p) => p.share !== null);
  const described = series.map((p) => `${by === 'week' ? `week of ${short(p.start)}` : bucketLabel(p, by)}: ${p.share === null ? 'no data' : `${p.share.toFixed(1)}%`}`);
  return {
    width, height, title,
    description: `${series.length} ${by === 'week' ? 'weeks' : 'months'}, ${recorded.length} with time recorded. ${described.join('; ')}. The same figures are in the table below.`,
    grid: [0, 25, 50, 75, 100].map((v) => ({ y: y(v), text: `${v}%`, x1: left, x2: width - 8, labelX: left - 6, textY: y(v) + 4 })),
    bars: series.map((p, i) => {
      const x = left + i * slot + 5;
      const share = p.share;
      return {
        x, width: bar, centre: x + bar / 2, noData: share === null,
        y: share === null ? y(0) : y(share), height: share === null ? 0 : (share / 100) * plot,
        value: share === null ? 'No data' : `${Math.round(share)}%`, valueY: share === null ? y(0) - 6 : y(share) - 5, showValue: series.length <= 13,
        label: i % labelEvery === 0 ? short(p.start) : '', labelY: top + plot + 18,
      };
    }),
  };
}
