import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ok, refused } from './test-helpers.ts';
import type { Level } from './common.ts';
import { OVP_BANDS, OVP_WEIGHTS, ovp, ovpBand, scoreOvp, validateOvp, type OvpInput } from './ovp.ts';

const logistic = (x: number) => 1 / (1 + Math.exp(-x));
const DAY = 86_400_000;
const shift = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
const birthday = (age: number, dob = '1990-06-01') => `${Number(dob.slice(0, 4)) + age}${dob.slice(4)}`;

/** The source's own test request (hmpps-arns-risk-actuarial-api TestData.validOVPRiskScoreRequest). */
const sourceCase: OvpInput = {
  sex: 'male', dateOfBirth: '1964-10-15', followUpStartDate: '2027-12-12', totalSanctions: 30, violentSanctions: 10,
  recognisesImpactOfOffending: true, noFixedAbode: true, unemployed: true, alcoholCurrentUseProblem: 0, alcoholExcessiveUse: 0,
  psychiatricTreatment: false, temperControl: 0, proCriminalAttitudes: 0,
};
/** A woman of 60 with one non-violent sanction and no needs: the lowest score, 5. */
const lowest: OvpInput = {
  sex: 'female', dateOfBirth: '1960-01-01', followUpStartDate: '2020-06-01', totalSanctions: 1, violentSanctions: 0,
  recognisesImpactOfOffending: true, noFixedAbode: false, unemployed: false, alcoholCurrentUseProblem: 0, alcoholExcessiveUse: 0,
  psychiatricTreatment: false, temperControl: 0, proCriminalAttitudes: 0,
};

describe('OVP against the source\'s own tests', () => {
  // predictors.md gives the curve and bands but no worked example; these are the published service's test cases.
  const cases: [string, OvpInput, number, number, number, string][] = [
    ['the valid request', sourceCase, 39, 15, 26, 'low'],
    ['one sanction, not violent, impact not recognised', { ...sourceCase, totalSanctions: 1, violentSanctions: 0, recognisesImpactOfOffending: false }, 22, 5, 9, 'low'],
    ['55 sanctions, 40 violent, temper and alcohol problems', { ...sourceCase, totalSanctions: 55, violentSanctions: 40, temperControl: 2, alcoholCurrentUseProblem: 1, alcoholExcessiveUse: 1 }, 58, 42, 58, 'medium'],
    ['a score of 82 (the source gives 80% and 89%)', {
      sex: 'male', dateOfBirth: '2000-01-01', followUpStartDate: '2018-06-01', totalSanctions: 18, violentSanctions: 18, recognisesImpactOfOffending: false,
      noFixedAbode: true, unemployed: true, alcoholCurrentUseProblem: 1, alcoholExcessiveUse: 1, psychiatricTreatment: true, temperControl: 1, proCriminalAttitudes: 1,
    }, 82, 80, 89, 'very_high'],
  ];
  for (const [name, input, score, oneYearPercent, twoYearPercent, band] of cases) {
    it(`${name}: score ${score}, ${oneYearPercent}% and ${twoYearPercent}%, ${band}`, () => {
      const result = ovp(input);
      assert.equal(result.score, score);
      assert.equal(result.oneYearPercent, oneYearPercent);
      assert.equal(result.twoYearPercent, twoYearPercent);
      assert.equal(result.band, band);
      assert.equal(result.oneYear, logistic(0.0722 * score - 4.5215));
      assert.equal(result.twoYear, logistic(0.0722 * score - 3.8773));
    });
  }

  it('explains every term of the valid request', () => {
    const { terms } = ovp(sourceCase);
    assert.deepEqual(Object.fromEntries(Object.entries(terms).map(([key, term]) => [key, term.value])), {
      anySanctions: 5, violentSanctions: 17, nonViolentSanctions: 4, age: 0, sex: 5, staticScore: 31,
      recognisesImpactOfOffending: 0, noFixedAbode: 4, unemployed: 4, alcohol: 0, psychiatricTreatment: 0, temperControl: 0, proCriminalAttitudes: 0,
      dynamicScore: 8, score: 39, oneYearLogit: 0.0722 * 39 - 4.5215, twoYearLogit: 0.0722 * 39 - 3.8773,
    });
    assert.equal(terms.age.label, 'Age at the start of follow-up: 63 (band 51+)');
    assert.equal(terms.nonViolentSanctions.label, 'Non-violent sanctions: 20 (band 11-20)');
    assert.equal(terms.oneYearLogit.label, 'One year: 0.0722 × score − 4.5215');
  });
});

describe('OVP items', () => {
  const term = (fields: Partial<OvpInput>, key: keyof ReturnType<typeof ovp>['terms']) => ovp({ ...lowest, ...fields }).terms[key].value;

  it('scores violent sanctions 0, 4, 7, 9, 11, then one more each up to 25 at 18 or more', () => {
    const expected = [0, 4, 7, 9, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 25, 25];
    for (const [violentSanctions, points] of expected.entries()) {
      assert.equal(term({ totalSanctions: Math.max(1, violentSanctions), violentSanctions }, 'violentSanctions'), points, `${violentSanctions} violent`);
    }
    assert.equal(term({ totalSanctions: 500, violentSanctions: 500 }, 'violentSanctions'), 25);
  });

  it('scores non-violent sanctions (total minus violent) by band, at each boundary', () => {
    const expected: [number, number][] = [[0, 0], [2, 0], [3, 2], [4, 2], [5, 3], [10, 3], [11, 4], [20, 4], [21, 5], [300, 5]];
    for (const [nonViolent, points] of expected) {
      assert.equal(term({ totalSanctions: nonViolent + 1, violentSanctions: 1 }, 'nonViolentSanctions'), points, `${nonViolent} non-violent`);
    }
  });

  it('scores age at the start of follow-up by band, from each birthday and not the day before', () => {
    const bands = OVP_WEIGHTS.age;
    assert.deepEqual(bands.map((b) => [b.from, b.value]), [[18, 20], [20, 17], [22, 14], [24, 12], [26, 10], [31, 8], [36, 6], [41, 4], [46, 2], [51, 0]]);
    for (const [index, band] of bands.entries()) {
      const on = birthday(band.from);
      assert.equal(term({ dateOfBirth: '1990-06-01', followUpStartDate: on }, 'age'), band.value, `on the ${band.from}th birthday`);
      const previous = bands[index - 1];
      if (previous) assert.equal(term({ dateOfBirth: '1990-06-01', followUpStartDate: shift(on, -1) }, 'age'), previous.value, `the day before the ${band.from}th birthday`);
    }
    assert.equal(ovp({ ...lowest, dateOfBirth: '1990-06-01', followUpStartDate: '2041-06-01' }).terms.age.code, '51+');
  });

  it('scores male 5 and female 0', () => {
    assert.equal(term({ sex: 'male' }, 'sex'), 5);
    assert.equal(term({ sex: 'female' }, 'sex'), 0);
  });

  it('scores the yes-or-no dynamic items 4 each', () => {
    assert.equal(term({ recognisesImpactOfOffending: false }, 'recognisesImpactOfOffending'), 4);
    assert.equal(term({ recognisesImpactOfOffending: true }, 'recognisesImpactOfOffending'), 0);
    assert.equal(term({ noFixedAbode: true }, 'noFixedAbode'), 4);
    assert.equal(term({ unemployed: true }, 'unemployed'), 4);
    assert.equal(term({ psychiatricTreatment: true }, 'psychiatricTreatment'), 4);
  });

  it('scores alcohol as ceil((current use + excessive use) × 2.5): 0, 3, 5, 8, 10', () => {
    const levels: Level[] = [0, 1, 2];
    for (const alcoholCurrentUseProblem of levels) {
      for (const alcoholExcessiveUse of levels) {
        assert.equal(term({ alcoholCurrentUseProblem, alcoholExcessiveUse }, 'alcohol'), [0, 3, 5, 8, 10][alcoholCurrentUseProblem + alcoholExcessiveUse]);
      }
    }
  });

  it('scores temper control and pro-criminal attitudes 3 a point: 0, 3, 6', () => {
    assert.deepEqual(([0, 1, 2] as Level[]).map((temperControl) => term({ temperControl }, 'temperControl')), [0, 3, 6]);
    assert.deepEqual(([0, 1, 2] as Level[]).map((proCriminalAttitudes) => term({ proCriminalAttitudes }, 'proCriminalAttitudes')), [0, 3, 6]);
  });

  it('runs from 5 to 98', () => {
    assert.equal(ovp(lowest).score, 5);
    const highest = ovp({
      sex: 'male', dateOfBirth: '2000-01-01', followUpStartDate: '2018-01-01', totalSanctions: 60, violentSanctions: 30, recognisesImpactOfOffending: false,
      noFixedAbode: true, unemployed: true, alcoholCurrentUseProblem: 2, alcoholExcessiveUse: 2, psychiatricTreatment: true, temperControl: 2, proCriminalAttitudes: 2,
    });
    assert.equal(highest.terms.staticScore.value, 60);
    assert.equal(highest.terms.dynamicScore.value, 38);
    assert.equal(highest.score, 98);
  });
});

describe('OVP bands', () => {
  it('bands the two-year percentage: 1-29 low, 30-59 medium, 60-79 high, 80-99 very high', () => {
    assert.deepEqual([1, 29, 30, 59, 60, 79, 80, 99].map(ovpBand), ['low', 'low', 'medium', 'medium', 'high', 'high', 'very_high', 'very_high']);
    assert.deepEqual(OVP_BANDS.map((b) => [b.from, b.to]), [[1, 29], [30, 59], [60, 79], [80, 99]]);
  });
});

describe('OVP input', () => {
  const raw = {
    sex: 'Female', dateOfBirth: '1960-01-01', followUpStartDate: '2020-06-01', totalSanctions: '1', violentSanctions: '0',
    recognisesImpactOfOffending: 'yes', noFixedAbode: 'no', unemployed: false, alcoholCurrentUseProblem: '0', alcoholExcessiveUse: 0,
    psychiatricTreatment: 'false', temperControl: '0', proCriminalAttitudes: '0',
  };

  it('reads a CSV-like record into typed input and scores it', () => {
    assert.deepEqual(ok(validateOvp(raw)), lowest);
    assert.deepEqual(ok(scoreOvp(raw)), ovp(lowest));
  });

  it('refuses anyone under 18 at the start of follow-up', () => {
    const errors = refused(scoreOvp({ ...raw, dateOfBirth: '2002-06-01', followUpStartDate: '2020-05-31' }));
    assert.deepEqual(errors, { followUpStartDate: 'The person is 17 when follow-up starts: OVP only applies from age 18' });
    assert.ok(scoreOvp({ ...raw, dateOfBirth: '2002-06-01', followUpStartDate: '2020-06-01' }).ok);
  });

  it('refuses a follow-up before the date of birth', () => {
    assert.deepEqual(refused(scoreOvp({ ...raw, followUpStartDate: '1959-12-31' })), {
      followUpStartDate: 'The date follow-up starts (1959-12-31) is before the date of birth (1960-01-01)',
    });
  });

  it('refuses no sanctions, negative counts, fractions and more violent sanctions than sanctions', () => {
    assert.deepEqual(refused(scoreOvp({ ...raw, totalSanctions: 0 })), { totalSanctions: 'The number of sanctions in total, including the current one must be at least 1' });
    assert.deepEqual(refused(scoreOvp({ ...raw, violentSanctions: -1 })), { violentSanctions: 'The number of violent sanctions cannot be negative' });
    assert.match(refused(scoreOvp({ ...raw, violentSanctions: 0.5 })).violentSanctions!, /whole number/);
    assert.deepEqual(refused(scoreOvp({ ...raw, totalSanctions: 3, violentSanctions: 4 })), {
      violentSanctions: 'The number of violent sanctions (4) cannot be more than the number of sanctions in total (3)',
    });
  });

  it('refuses malformed dates, a sex outside the list, answers outside the scale', () => {
    const errors = refused(scoreOvp({ ...raw, sex: 'x', dateOfBirth: '1960-02-30', psychiatricTreatment: 'perhaps', temperControl: '3' }));
    assert.deepEqual(Object.keys(errors).sort(), ['dateOfBirth', 'psychiatricTreatment', 'sex', 'temperControl']);
    assert.equal(errors.dateOfBirth, 'The date of birth must be a real date: 1960-02-30 does not exist');
    assert.equal(errors.temperControl, 'Answer "Temper control" with 0 (no problems), 1 (some problems) or 2 (significant problems), not "3"');
  });

  it('reports every missing field at once', () => {
    assert.deepEqual(Object.keys(refused(validateOvp({}))).sort(), Object.keys(lowest).sort());
  });

  it('throws on typed input it cannot score', () => {
    assert.throws(() => ovp({ ...lowest, dateOfBirth: '2005-01-01', followUpStartDate: '2020-01-01' }), RangeError);
    assert.throws(() => ovp({ ...lowest, totalSanctions: 2, violentSanctions: 3 }), RangeError);
    assert.throws(() => ovp({ ...lowest, temperControl: 4 as Level }), RangeError);
  });
});
