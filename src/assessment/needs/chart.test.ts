import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { NeedSection } from '../tiering/rules.ts';
import { buildNeedsChart, buildSectionChart, CHART, type HistoryPoint } from './chart.ts';
import { SECTIONS, SECTION_BY_KEY } from './sections.ts';

const scores = (accommodation: number): Record<NeedSection, number> =>
  ({ ...Object.fromEntries(SECTIONS.map((s) => [s.key, 0])), accommodation }) as Record<NeedSection, number>;
const history = (...values: number[]): HistoryPoint[] => values.map((v, i) => ({ version: i + 1, completedOn: `2026-0${i + 1}-15`, scores: scores(v) }));
const accommodation = SECTION_BY_KEY.get('accommodation')!; // max 8, need from 2, severe from 7

describe('needs chart geometry', () => {
  it('spreads the versions across the plot and scales scores from 0 (bottom) to the section maximum (top)', () => {
    const chart = buildSectionChart(accommodation, history(8, 4, 0));
    const { left, right, top, bottom } = chart.plot;
    assert.deepEqual([left, right, top, bottom], [CHART.left, CHART.width - CHART.right, CHART.top, CHART.height - CHART.bottom]);
    assert.deepEqual(chart.points.map((p) => [p.x, p.y, p.score, p.version]), [[left, top, 8, 1], [(left + right) / 2, (top + bottom) / 2, 4, 2], [right, bottom, 0, 3]]);
    assert.equal(chart.path, `M${left} ${top} L${(left + right) / 2} ${(top + bottom) / 2} L${right} ${bottom}`);
    assert.equal(chart.points[0]!.labelY, top + 16, 'a score at the top is written below its point');
    assert.equal(chart.points[2]!.labelY, bottom - 8);
    assert.deepEqual(chart.xTicks.map((t) => t.label), ['v1', 'v2', 'v3']);
    assert.deepEqual(chart.yTicks.map((t) => [t.label, t.y]), [['0', bottom], ['8', top]]);
  });

  it('draws the need and severe thresholds where their scores are', () => {
    const chart = buildSectionChart(accommodation, history(3));
    const yOf = (score: number) => Math.round((chart.plot.bottom - ((chart.plot.bottom - chart.plot.top) * score) / 8) * 10) / 10;
    assert.deepEqual(chart.thresholds, [{ score: 2, label: 'need', y: yOf(2) }, { score: 7, label: 'severe', y: yOf(7) }]);
    assert.deepEqual(buildSectionChart(SECTION_BY_KEY.get('finance')!, history(3)).thresholds.map((t) => t.label), ['need'], 'no severe level for finance');
  });

  it('shows progress and regression, and one version as a single centred point', () => {
    const down = buildSectionChart(accommodation, history(8, 6));
    assert.deepEqual([down.latest, down.change, down.trend, down.trendText], [6, -2, 'down', 'Down 2 since last']);
    assert.equal(buildSectionChart(accommodation, history(2, 5)).trend, 'up');
    assert.equal(buildSectionChart(accommodation, history(5, 5)).trend, 'same');
    const one = buildSectionChart(accommodation, history(5));
    assert.deepEqual([one.trend, one.path, one.points[0]!.x], ['first', '', (one.plot.left + one.plot.right) / 2]);
    const none = buildSectionChart(accommodation, []);
    assert.deepEqual([none.latest, none.points.length], [null, 0]);
  });

  it('describes each chart in words for its accessible name', () => {
    const chart = buildSectionChart(accommodation, history(8, 6));
    assert.equal(chart.title, 'Accommodation: score across 2 assessments');
    assert.equal(chart.desc, 'Scores out of 8, version 1 (15 January 2026): 8; version 2 (15 February 2026): 6. A need from 2, a severe need from 7. Down 2 since last.');
    assert.deepEqual([chart.titleId, chart.descId], ['chart-accommodation-title', 'chart-accommodation-desc']);
    assert.deepEqual(buildNeedsChart(history(1)).map((c) => c.key), SECTIONS.map((s) => s.key));
  });
});
