import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scoreOgrs3 } from './predictors/ogrs3.ts';
import { presentScore, presentTier, presentTierHistory, type StoredScore } from './risk-presenter.ts';
import { calculateTier } from './tiering/rules.ts';

const input = { sex: 'male', dateOfBirth: '1990-06-01', followUpStartDate: '2010-06-01', currentConvictionDate: '2010-06-01', firstSanctionDate: '2010-06-01', previousSanctions: 0, offenceCategory: 'violence' } as const;
const scored = scoreOgrs3(input);
assert.ok(scored.ok);
const row: StoredScore = {
  predictor: 'ogrs3', score: null, one_year: scored.value.oneYear, two_year: scored.value.twoYear, one_year_percent: 12, two_year_percent: 22, band: 'low',
  inputs: input, sources: { sex: 'Person record', offenceCategory: 'Current conviction (event 3)' }, terms: scored.value.terms as unknown as Record<string, unknown>,
  reason: 'Sentence recorded', calculated_at: '2026-11-24T10:00:00Z', calculated_by_name: 'Lee Charlton',
};

describe('risk page presenter', () => {
  it('a score shows every term of its formula, its inputs with their sources, and the probabilities to 6 decimals', () => {
    const p = presentScore('ogrs3', row, [], 'X123456');
    assert.ok(p.available);
    assert.equal(p.terms.length, Object.keys(scored.value.terms).length);
    assert.ok(p.terms.some((t) => /Copas/i.test(t.label)), 'the Copas rate is shown');
    assert.equal(p.oneYear, '0.121616');
    assert.equal(p.twoYear, '0.221305');
    assert.deepEqual(p.band, { text: 'Low', classes: 'govuk-tag--green' });
    assert.deepEqual(p.inputs.find((i) => i.label === 'Offence category'), { label: 'Offence category', value: 'violence', source: 'Current conviction (event 3)' });
    assert.equal(p.inputs.find((i) => i.label === 'Date of birth')!.value, '1 June 1990');
    assert.match(p.calculated, /by Lee Charlton, after: Sentence recorded/);
    assert.ok(p.formula.some((line) => line.includes('1.251124464')));
    assert.equal(p.stale, false);
  });

  it('a score that cannot be calculated lists what it needs and where to enter it, once per place', () => {
    const p = presentScore('ogp', undefined, [
      { field: 'ogrs3', label: 'An OGRS3 score', where: 'history' },
      { field: 'unemployed', label: 'Needs assessment item "unemployed"', where: 'needs' },
      { field: 'noFixedAbode', label: 'Needs assessment item "noFixedAbode"', where: 'needs' },
    ], 'X123456');
    assert.ok(!p.available);
    assert.equal(p.missing.length, 3);
    assert.deepEqual(p.actions, [
      { text: 'Record the criminal history', href: '/people/X123456/risk/history' },
      { text: 'Complete a needs assessment', href: '/people/X123456/needs' },
    ]);
  });

  it('the tier shows both levels with their reasons and each input with its source', () => {
    const tierInput = { sex: 'male', rsr: null, rosh: 'high', mappaLevel: 0, complexityFactors: [], womenFactors: { parenting: false, impulsivityOrTemper: false, recentBreachOrRecall: false }, mandateForChange: false, needs: null, ogrs3TwoYearPercent: null, iomNominal: false, unsupervised: false } as const;
    const result = calculateTier(tierInput);
    const tier = presentTier({ tier: result.tier, result: result as unknown as Record<string, unknown>, inputs: tierInput as unknown as Record<string, unknown>, sources: { rosh: 'RoSH assessment completed 01/11/2026' }, reason: 'RoSH assessment completed', calculated_at: '2026-11-24T10:00:00Z', calculated_by_name: null, previous_tier: 'C0', changed: true })!;
    assert.equal(tier.tier, 'B0');
    assert.ok(tier.protect.reasons.some((r) => /RoSH high: 20 points/.test(r)));
    assert.deepEqual(tier.inputs.find((i) => i.label === 'RoSH'), { label: 'RoSH', value: 'High', source: 'RoSH assessment completed 01/11/2026' });
    assert.equal(tier.inputs.find((i) => i.label === 'Needs section scores')!.value, 'None');
    const [history] = presentTierHistory([{ tier: 'B0', result: {}, inputs: {}, sources: {}, reason: 'RoSH assessment completed', calculated_at: '2026-11-24T10:00:00Z', calculated_by_name: null, previous_tier: 'C0', changed: true }]);
    assert.deepEqual([history!.change, history!.by], ['Changed from C0', 'The service']);
  });
});
