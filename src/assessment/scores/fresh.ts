/**
 * Which predictors a person's record scores afresh, and the OGRS3 the tier then uses. Pure: the record's
 * facts and each predictor's last inputs go in; a predictor is scored again only when its inputs changed.
 * The service's refresh (repository.ts) and the national dataset's generator both use it, so a loaded
 * dataset holds exactly the scores the service would calculate.
 */
import type { Validated } from '../predictors/common.ts';
import { scoreOgp } from '../predictors/ogp.ts';
import { scoreOgrs3 } from '../predictors/ogrs3.ts';
import { scoreOvp } from '../predictors/ovp.ts';
import { sameJson } from '../tier/stable-json.ts';
import { ogpInputFrom, ogrs3InputFrom, ovpInputFrom, type Gathered, type PredictorFacts, type Sources } from './inputs.ts';

export type Predictor = 'ogrs3' | 'ogp' | 'ovp';
export interface Scored { oneYear: number; twoYear: number; oneYearPercent: number; twoYearPercent: number; band: string; terms: object; score?: number }
export interface CurrentOgrs3 { twoYearPercent: number; calculatedOn: string }
export interface FreshScore { predictor: Predictor; input: object; sources: Sources; result: Scored }
/** A predictor's last kept inputs (and, for OGRS3, its result and when it was calculated). */
export interface KeptScore { inputs: unknown; two_year_percent: number; calculated_at: Date | string }

export function freshScores(facts: PredictorFacts, previous: Partial<Record<Predictor, KeptScore>>, today: string): { scores: FreshScore[]; ogrs3: CurrentOgrs3 | null } {
  const scores: FreshScore[] = [];
  const fresh = (predictor: Predictor, gathered: Gathered<object>, score: (input: never) => Validated<Scored>): Scored | null => {
    if (!gathered.ok) return null;
    const before = previous[predictor];
    if (before && sameJson(before.inputs, gathered.input)) return null;
    const scored = score(gathered.input as never);
    if (!scored.ok) return null; // e.g. a first sanction after the current one: the risk page names the problem
    scores.push({ predictor, input: gathered.input, sources: gathered.sources, result: scored.value });
    return scored.value;
  };
  const newOgrs3 = fresh('ogrs3', ogrs3InputFrom(facts), scoreOgrs3);
  const kept = previous.ogrs3;
  const ogrs3 = newOgrs3 ? { twoYearPercent: newOgrs3.twoYearPercent, calculatedOn: today }
    : kept ? { twoYearPercent: kept.two_year_percent, calculatedOn: new Date(kept.calculated_at).toISOString().slice(0, 10) } : null;
  fresh('ogp', ogpInputFrom(facts, ogrs3?.twoYearPercent ?? null), scoreOgp);
  fresh('ovp', ovpInputFrom(facts), scoreOvp);
  return { scores, ogrs3 };
}
