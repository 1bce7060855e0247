import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ok, refused } from './test-helpers.ts';
import type { Level } from './common.ts';
import { OGP_BANDS, OGP_WEIGHTS, ogp, ogpBand, scoreOgp, validateOgp, type OgpInput } from './ogp.ts';


const none: OgpInput = {
  ogrs3TwoYearPercent: 1, noFixedAbode: false, unemployed: false, regularOffendingLifestyle: 0, currentDrugMisuse: 0,
  motivationToTackleDrugMisuse: 0, problemSolving: 0, awarenessOfConsequences: 0, understandsOthersViews: 0, proCriminalAttitudes: 0,
};
const logistic = (x: number) => 1 / (1 + Math.exp(-x));

describe('OGP worked example of predictors.md', () => {
  // OGRS3 two-year 81%, unemployed, lifestyle "some", no drug misuse with full motivation, problem solving
  // "some", awareness "sometimes", understands views "no problems", attitudes "some" → 62 → 53% and 68%, high.
  const example: OgpInput = {
    ogrs3TwoYearPercent: 81, noFixedAbode: false, unemployed: true, regularOffendingLifestyle: 1, currentDrugMisuse: 0,
    motivationToTackleDrugMisuse: 0, problemSolving: 1, awarenessOfConsequences: 1, understandsOthersViews: 0, proCriminalAttitudes: 1,
  };

  it('scores 62, 53% and 68%, high', () => {
    const result = ogp(example);
    assert.equal(result.score, 62);
    assert.equal(result.oneYearPercent, 53);
    assert.equal(result.twoYearPercent, 68);
    assert.equal(result.band, 'high');
    assert.equal(result.oneYear, logistic(0.0616 * 62 - 3.6832));
    assert.equal(result.twoYear, logistic(0.0616 * 62 - 3.0795));
  });

  it('explains every term', () => {
    const { terms } = ogp(example);
    assert.deepEqual(Object.fromEntries(Object.entries(terms).map(([key, term]) => [key, term.value])), {
      ogrs3: 49, noFixedAbode: 0, unemployed: 5, regularOffendingLifestyle: 3, drugMisuse: 0, thinkingAndBehaviour: 2,
      proCriminalAttitudes: 3, score: 62, oneYearLogit: 0.0616 * 62 - 3.6832, twoYearLogit: 0.0616 * 62 - 3.0795,
    });
    assert.equal(terms.ogrs3.label, 'OGRS3 two-year 81% × 0.6, rounded');
    assert.equal(terms.regularOffendingLifestyle.label, 'Regular offending lifestyle: some problems (1)');
    assert.equal(terms.thinkingAndBehaviour.label, "Thinking and behaviour: (problem solving 1 + awareness of consequences 1 + understands others' views 0) × 5/6, rounded; answers: some problems, sometimes, no problems");
    assert.equal(terms.oneYearLogit.label, 'One year: 0.0616 × score − 3.6832');
    assert.equal(terms.twoYearLogit.label, 'Two years: 0.0616 × score − 3.0795');
  });

  it('reads the same example from a CSV-like record', () => {
    const raw = {
      ogrs3TwoYearPercent: '81', noFixedAbode: 'no', unemployed: 'yes', regularOffendingLifestyle: '1', currentDrugMisuse: '0',
      motivationToTackleDrugMisuse: '0', problemSolving: '1', awarenessOfConsequences: '1', understandsOthersViews: '0', proCriminalAttitudes: '1',
    };
    assert.deepEqual(ok(validateOgp(raw)), example);
    assert.deepEqual(ok(scoreOgp(raw)), ogp(example));
  });
});

describe('OGP items', () => {
  const term = (fields: Partial<OgpInput>, key: keyof ReturnType<typeof ogp>['terms']) => ogp({ ...none, ...fields }).terms[key].value;

  it('weights 0.6 × the OGRS3 two-year percentage, rounded half-up', () => {
    for (let percent = 1; percent <= 99; percent++) {
      assert.equal(term({ ogrs3TwoYearPercent: percent }, 'ogrs3'), Math.floor(percent * 0.6 + 0.5 + 1e-9), `${percent}%`);
    }
    assert.deepEqual([1, 2, 3, 50, 81, 99].map((ogrs3TwoYearPercent) => term({ ogrs3TwoYearPercent }, 'ogrs3')), [1, 1, 2, 30, 49, 59]);
  });

  it('adds 5 for no fixed abode and 5 for unemployment', () => {
    assert.equal(term({ noFixedAbode: true }, 'noFixedAbode'), 5);
    assert.equal(term({ unemployed: true }, 'unemployed'), 5);
    assert.equal(term({}, 'noFixedAbode'), 0);
    assert.equal(term({}, 'unemployed'), 0);
  });

  it('scores regular offending lifestyle and pro-criminal attitudes 0, 3 or 5', () => {
    assert.deepEqual(([0, 1, 2] as Level[]).map((regularOffendingLifestyle) => term({ regularOffendingLifestyle }, 'regularOffendingLifestyle')), [0, 3, 5]);
    assert.deepEqual(([0, 1, 2] as Level[]).map((proCriminalAttitudes) => term({ proCriminalAttitudes }, 'proCriminalAttitudes')), [0, 3, 5]);
    assert.deepEqual(OGP_WEIGHTS.regularOffendingLifestyle, [0, 3, 5]);
  });

  it('rounds (drug misuse + motivation) × 3.75 half-up: 0, 4, 8, 11, 15', () => {
    const levels: Level[] = [0, 1, 2];
    for (const currentDrugMisuse of levels) {
      for (const motivationToTackleDrugMisuse of levels) {
        const expected = [0, 4, 8, 11, 15][currentDrugMisuse + motivationToTackleDrugMisuse];
        assert.equal(term({ currentDrugMisuse, motivationToTackleDrugMisuse }, 'drugMisuse'), expected);
      }
    }
  });

  it('rounds (problem solving + awareness + understanding) × 5/6 half-up: 0, 1, 2, 3, 3, 4, 5', () => {
    const levels: Level[] = [0, 1, 2];
    for (const problemSolving of levels) {
      for (const awarenessOfConsequences of levels) {
        for (const understandsOthersViews of levels) {
          const expected = [0, 1, 2, 3, 3, 4, 5][problemSolving + awarenessOfConsequences + understandsOthersViews];
          assert.equal(term({ problemSolving, awarenessOfConsequences, understandsOthersViews }, 'thinkingAndBehaviour'), expected);
        }
      }
    }
  });

  it('runs from 1 with nothing to 99 with everything', () => {
    assert.equal(ogp(none).score, 1);
    const all = ogp({
      ogrs3TwoYearPercent: 99, noFixedAbode: true, unemployed: true, regularOffendingLifestyle: 2, currentDrugMisuse: 2,
      motivationToTackleDrugMisuse: 2, problemSolving: 2, awarenessOfConsequences: 2, understandsOthersViews: 2, proCriminalAttitudes: 2,
    });
    assert.equal(all.score, 99);
    assert.equal(all.band, 'very_high');
  });
});

describe('OGP probabilities and bands', () => {
  it('puts the score on the published curves', () => {
    for (let percent = 1; percent <= 99; percent++) {
      const { score, oneYear, twoYear } = ogp({ ...none, ogrs3TwoYearPercent: percent });
      assert.equal(oneYear, logistic(0.0616 * score - 3.6832));
      assert.equal(twoYear, logistic(0.0616 * score - 3.0795));
    }
  });

  it('bands the two-year percentage: 1-33 low, 34-66 medium, 67-84 high, 85-99 very high', () => {
    assert.deepEqual([1, 33, 34, 66, 67, 84, 85, 99].map(ogpBand), ['low', 'low', 'medium', 'medium', 'high', 'high', 'very_high', 'very_high']);
    assert.deepEqual(OGP_BANDS.map((b) => [b.from, b.to]), [[1, 33], [34, 66], [67, 84], [85, 99]]);
    assert.throws(() => ogpBand(0), RangeError);
  });
});

describe('OGP input', () => {
  const valid = { ...none, ogrs3TwoYearPercent: 40 };

  it('refuses an OGRS3 percentage outside 1 to 99 or not whole', () => {
    for (const ogrs3TwoYearPercent of [0, 100, -5]) {
      assert.match(refused(scoreOgp({ ...valid, ogrs3TwoYearPercent })).ogrs3TwoYearPercent!, /from 1 to 99|at least 1|cannot be negative/);
    }
    assert.deepEqual(refused(scoreOgp({ ...valid, ogrs3TwoYearPercent: 100 })), { ogrs3TwoYearPercent: 'The OGRS3 two-year percentage must be from 1 to 99' });
    assert.deepEqual(refused(scoreOgp({ ...valid, ogrs3TwoYearPercent: 40.5 })), { ogrs3TwoYearPercent: 'The OGRS3 two-year percentage must be a whole number, like 3' });
    assert.deepEqual(refused(scoreOgp({ ...valid, ogrs3TwoYearPercent: undefined })), { ogrs3TwoYearPercent: 'Enter the OGRS3 two-year percentage' });
  });

  it('refuses yes-or-no answers that are neither', () => {
    assert.deepEqual(refused(scoreOgp({ ...valid, unemployed: 'maybe' })), { unemployed: 'Answer yes or no, not "maybe": is the person unemployed?' });
    assert.deepEqual(refused(scoreOgp({ ...valid, noFixedAbode: undefined })), { noFixedAbode: 'Answer yes or no: is the person of no fixed abode or in transient accommodation?' });
  });

  it('refuses item scores other than 0, 1 or 2, naming the answers', () => {
    for (const bad of [3, -1, 1.5, 'some', '']) {
      const errors = refused(scoreOgp({ ...valid, awarenessOfConsequences: bad }));
      assert.deepEqual(Object.keys(errors), ['awarenessOfConsequences'], String(bad));
      assert.match(errors.awarenessOfConsequences!, /^Answer "Awareness of consequences" with 0 \(yes\), 1 \(sometimes\) or 2 \(no\)/);
    }
    assert.match(refused(scoreOgp({ ...valid, motivationToTackleDrugMisuse: 5 })).motivationToTackleDrugMisuse!, /0 \(full motivation\), 1 \(partial motivation\) or 2 \(no motivation\), not "5"/);
  });

  it('reports every missing item at once', () => {
    assert.deepEqual(Object.keys(refused(validateOgp({}))).sort(), Object.keys(none).sort());
  });

  it('throws on typed input outside the scale', () => {
    assert.throws(() => ogp({ ...none, ogrs3TwoYearPercent: 0 }), RangeError);
    assert.throws(() => ogp({ ...none, problemSolving: 3 as Level }), /problemSolving must be 0, 1 or 2/);
  });
});
