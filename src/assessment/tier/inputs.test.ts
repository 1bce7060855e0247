import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { calculateTier } from '../tiering/rules.ts';
import { tierInputFrom, type TierFacts } from './inputs.ts';
import { stableJson } from './stable-json.ts';

const none: TierFacts = { sex: 'male', rosh: null, flags: [], needs: null, sentences: [], unsupervised: false, ogrs3: null };
const flag = (typeCode: string, registeredOn = '2026-01-01', extra: Partial<TierFacts['flags'][number]> = {}) =>
  ({ typeCode, name: typeCode, level: null, complexityFactor: null, registeredOn, ...extra });
const scores = { accommodation: 8, ete: 3, relationships: 0, lifestyle: 2, drugs: 0, alcohol: 0, thinking_behaviour: 7, attitudes: 2, finance: 1, emotional: 0 };

describe('tier inputs from the record', () => {
  it('an empty record gives D0 with every source named', () => {
    const { input, sources } = tierInputFrom(none);
    assert.equal(calculateTier(input).tier, 'D0');
    assert.equal(sources.mandateForChange, 'No current sentence');
    assert.equal(sources.rosh, 'No RoSH assessment or RoSH flag');
    assert.equal(Object.keys(sources).length, Object.keys(input).length);
  });

  it('uses the later of the RoSH assessment and a RoSH flag', () => {
    const assessed = { ...none, rosh: { overall: 'medium' as const, completedOn: '2026-03-01' } };
    assert.equal(tierInputFrom({ ...assessed, flags: [flag('rosh_high', '2026-02-01')] }).input.rosh, 'medium');
    const later = tierInputFrom({ ...assessed, flags: [flag('rosh_very_high', '2026-04-01')] });
    assert.equal(later.input.rosh, 'very_high');
    assert.match(later.sources.rosh!, /flag/);
  });

  it('reads the MAPPA level from the flag, the highest if more than one', () => {
    const { input } = tierInputFrom({ ...none, flags: [flag('mappa', '2026-01-01', { level: 'Level 1' }), flag('mappa', '2026-01-02', { level: 'Level 2' })] });
    assert.equal(input.mappaLevel, 2);
    assert.equal(calculateTier(input).protect.level, 'A');
  });

  it('counts each complexity factor once, and IOM from its flag', () => {
    const { input } = tierInputFrom({ ...none, flags: [
      flag('mental_health', '2026-01-01', { complexityFactor: 'mental_health' }), flag('mental_health', '2026-02-01', { complexityFactor: 'mental_health' }),
      flag('self_harm', '2026-01-01', { complexityFactor: 'self_harm' }), flag('iom'), flag('weapons'),
    ] });
    assert.deepEqual(input.complexityFactors, ['mental_health', 'self_harm']);
    assert.equal(input.iomNominal, true);
  });

  it('a mandate comes from the current sentences; needs and OGRS3 then set the change level', () => {
    const facts: TierFacts = {
      ...none,
      sentences: [{ custodial: false, requirements: [{ type: 'rar', restrictive: false }] }],
      needs: { version: 1, completedOn: '2026-05-01', sectionScores: scores, answers: {} },
      ogrs3: { twoYearPercent: 49, calculatedOn: '2026-05-01' },
    };
    const { input } = tierInputFrom(facts);
    assert.equal(input.mandateForChange, true);
    // accommodation severe 2, ete standard 1, lifestyle standard 1, thinking severe 2x2, attitudes standard 1x2, + floor(49/10)=4 → 14
    assert.equal(calculateTier(input).change.points, 14);
    assert.equal(calculateTier(input).tier, 'D2');
  });

  it('unpaid work alone gives no mandate', () => {
    const { input } = tierInputFrom({ ...none, sentences: [{ custodial: false, requirements: [{ type: 'unpaid_work', restrictive: false }] }] });
    assert.equal(input.mandateForChange, false);
  });

  it('women\'s factors come from the needs answers, and never for men', () => {
    const needs = { version: 1, completedOn: '2026-05-01', sectionScores: scores, answers: { parentingResponsibilities: 1, temperControl: 0, impulsivity: 2 } };
    const woman = tierInputFrom({ ...none, sex: 'female', needs }).input.womenFactors;
    assert.deepEqual(woman, { parenting: true, impulsivityOrTemper: true, recentBreachOrRecall: false });
    const man = tierInputFrom({ ...none, needs }).input.womenFactors;
    assert.deepEqual(man, { parenting: false, impulsivityOrTemper: false, recentBreachOrRecall: false });
  });

  it('the unsupervised part of a licence adds the S suffix', () => {
    assert.equal(calculateTier(tierInputFrom({ ...none, unsupervised: true }).input).tier, 'D0S');
  });
});

describe('stableJson', () => {
  it('ignores key order, so a jsonb round trip compares equal', () => {
    assert.equal(stableJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } }), stableJson({ a: { c: null, d: [1, { x: 1, y: 2 }] }, b: 1 }));
    assert.notEqual(stableJson({ a: 1 }), stableJson({ a: 2 }));
  });
});
