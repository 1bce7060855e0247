import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ok, refused } from './test-helpers.ts';
import {
  OFFENCE_CATEGORY_CODES, OGRS3_AGE_SEX, OGRS3_BANDS, OGRS3_CONSTANTS, OGRS3_OFFENCE_CATEGORIES, OGRS3_SANCTION_HISTORY,
  ogrs3, ogrs3Band, ogrs3FromAges, ogrs3Probabilities, scoreOgrs3, validateOgrs3,
  type Ogrs3Ages, type Ogrs3Input, type Ogrs3Result,
} from './ogrs3.ts';

// The tables exactly as /work/shared/domain/predictors.md prints them, parsed here so the exported data is
// checked against the document's own text rather than a second copy typed by hand.
const AGE_SEX_TABLE = `
| 10-11 | 0 | -0.785038489 |
| 12-13 | 0.083922902 | -0.613852078 |
| 14-15 | 0.075775765 | -0.669521331 |
| 16-17 | -0.061594199 | -0.959179629 |
| 18-20 | -0.625103618 | -0.897480934 |
| 21-24 | -1.051515067 | -1.028488454 |
| 25-29 | -1.166679288 | -1.052777806 |
| 30-34 | -1.325976554 | -1.129127959 |
| 35-39 | -1.368045933 | -1.42187494 |
| 40-49 | -1.499690953 | -1.524652221 |
| 50+ | -2.025261458 | -2.44983716 |`;
const SANCTION_TABLE = `
| first sanction, and it is a caution | 0 |
| second sanction, both cautions | 0.083100501 |
| first sanction, and it is a conviction | 0.126142106 |
| two or more sanctions, current one a caution | 0.34859587 |
| two or more sanctions, current one a conviction | 0.463062792 |`;
const OFFENCE_TABLE = `
| violence | violence against the person | 0 |
| robbery | robbery | -0.634795912 |
| public_order | public order | 0.181917975 |
| sexual_not_child | sexual, not against a child | 0.003276327 |
| sexual_child | sexual, against a child | -0.653434071 |
| soliciting | soliciting or prostitution | 0.760608858 |
| burglary_domestic | domestic burglary | -0.12394352 |
| burglary_other | other burglary | 0.240604429 |
| theft_non_motor | theft (non-motor) | 0.661244321 |
| handling | handling stolen goods | 0.351866973 |
| fraud_forgery | fraud and forgery | 0.159910192 |
| absconding_bail | absconding or bail offences | 0.733378677 |
| taking_driving_away | taking and driving away and related | 0.380059431 |
| theft_from_vehicle | theft from vehicles | 0.427225615 |
| other_motoring | other motoring | 0.262228428 |
| drink_driving | drink driving and related | -0.121439408 |
| criminal_damage | criminal damage | 0.204960477 |
| drug_import_export_production | drug import, export or production | -0.795556373 |
| drug_possession_supply | drug possession or supply | 0.077165871 |
| other | any other offence | -0.060667525 |`;
const EXAMPLES_TABLE = `
| male | 20 | 0 | 20 | 20 | violence | 0.121616 | 0.221305 | 12/22 | low |
| male | 20 | 1 | 20 | 20 | violence | 0.315812 | 0.486518 | 32/49 | low |
| male | 20 | 4 | 20 | 20 | violence | 0.592258 | 0.748843 | 59/75 | high |
| female | 43 | 5 | 37 | 14 | criminal_damage | 0.169818 | 0.295717 | 17/30 | low |
| male | 60 | 1 | 59 | 47 | soliciting | 0.083242 | 0.157102 | 8/16 | low |
| male | 30 | 1 | 30 | 21 | fraud_forgery | 0.107447 | 0.198143 | 11/20 | low |`;
const rows = (table: string) => table.trim().split('\n').map((line) => line.split('|').slice(1, -1).map((cell) => cell.trim()));


const DOB = '1990-06-01';
const DAY = 86_400_000;
const shift = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
const birthday = (age: number, dob = DOB) => `${String(Number(dob.slice(0, 4)) + age).padStart(4, '0')}${dob.slice(4)}`;

/** A simple conviction case at the given ages, on their birthdays; fields can be overridden. */
const caseAt = (ages: { followUp: number; conviction: number; first: number }, fields: Partial<Record<keyof Ogrs3Input, unknown>> = {}) => ({
  sex: 'male',
  dateOfBirth: DOB,
  followUpStartDate: birthday(ages.followUp),
  currentConvictionDate: birthday(ages.conviction),
  firstSanctionDate: birthday(ages.first),
  previousSanctions: 0,
  offenceCategory: 'violence',
  ...fields,
});

/** The formula of predictors.md written out a second time, independently of the module. */
function reference(ageSex: number, history: number, totalSanctions: number, years: number, offence: number) {
  const s = ageSex + history + 1.251124464 * Math.log(totalSanctions / (10 + years)) + offence;
  return { s, oneYear: 1 / (1 + Math.exp(-(1.402562384 + s))), twoYear: 1 / (1 + Math.exp(-(2.121705678 + s))) };
}
const close = (actual: number, expected: number, what = '') => assert.ok(Math.abs(actual - expected) < 1e-12, `${what}: ${actual} ≠ ${expected}`);

describe('OGRS3 coefficient tables', () => {
  it('has the age and sex table of predictors.md, with the negative youngest female values', () => {
    assert.deepEqual(OGRS3_AGE_SEX.map((row) => [row.band, String(row.male), String(row.female)]), rows(AGE_SEX_TABLE));
    for (const row of OGRS3_AGE_SEX) {
      const [from, to] = row.band === '50+' ? [50, Infinity] : row.band.split('-').map(Number);
      assert.equal(row.from, from);
      assert.equal(row.to, to);
    }
    assert.ok(OGRS3_AGE_SEX.slice(0, 3).every((row) => row.female < 0));
  });
  it('has the sanction history table of predictors.md', () => {
    assert.deepEqual(Object.values(OGRS3_SANCTION_HISTORY).map((row) => [row.label, String(row.value)]), rows(SANCTION_TABLE));
  });
  it('has the 20 offence categories of predictors.md, with their codes', () => {
    assert.deepEqual(OGRS3_OFFENCE_CATEGORIES.map((c) => [c.code, c.label, String(c.value)]), rows(OFFENCE_TABLE));
    assert.equal(OFFENCE_CATEGORY_CODES.length, 20);
  });
  it('has the constants and bands of predictors.md', () => {
    assert.equal(OGRS3_CONSTANTS.copasWeight, 1.251124464);
    assert.equal(OGRS3_CONSTANTS.oneYearIntercept, 1.402562384);
    assert.equal(OGRS3_CONSTANTS.twoYearIntercept, 2.121705678);
    assert.deepEqual(OGRS3_BANDS.map((b) => [b.band, b.from, b.to]), [['low', 0, 49], ['medium', 50, 74], ['high', 75, 89], ['very_high', 90, 100]]);
  });
});

describe('OGRS3 worked examples of predictors.md', () => {
  const examples = rows(EXAMPLES_TABLE).map(([sex, followUp, previous, conviction, first, category, oneYear, twoYear, percents, band]) => ({
    ages: {
      sex, ageAtFollowUpStart: Number(followUp), previousSanctions: Number(previous), ageAtCurrentConviction: Number(conviction),
      ageAtFirstSanction: Number(first), offenceCategory: category,
    } as Ogrs3Ages,
    oneYear: oneYear!, twoYear: twoYear!, percents: percents!, band: band!,
  }));
  const matches = (result: Ogrs3Result, example: (typeof examples)[number]) => {
    assert.equal(result.oneYear.toFixed(6), example.oneYear);
    assert.equal(result.twoYear.toFixed(6), example.twoYear);
    assert.equal(`${result.oneYearPercent}/${result.twoYearPercent}`, example.percents);
    assert.equal(result.band, example.band);
  };

  for (const example of examples) {
    const { sex, ageAtFollowUpStart, previousSanctions, offenceCategory } = example.ages;
    it(`${sex} ${ageAtFollowUpStart}, ${previousSanctions} previous, ${offenceCategory}: ${example.oneYear} and ${example.twoYear}`, () => {
      matches(ogrs3FromAges(example.ages), example);
      // The same case from dates, each some months after the birthday, so the ages are whole years.
      const dob = sex === 'female' ? '1961-11-20' : '1979-02-14';
      const date = (age: number) => shift(birthday(age, dob), 150);
      const fromDates = ok(scoreOgrs3({
        sex, dateOfBirth: dob, followUpStartDate: date(ageAtFollowUpStart), currentConvictionDate: date(example.ages.ageAtCurrentConviction),
        firstSanctionDate: date(example.ages.ageAtFirstSanction), previousSanctions, offenceCategory,
      }));
      matches(fromDates, example);
      assert.deepEqual(fromDates, ogrs3FromAges(example.ages));
    });
  }

  it('gives the raw-sum checks', () => {
    // The document cuts these to 5 decimals rather than rounding: S = 0 gives 0.8929950247 (40-digit
    // arithmetic agrees), printed 0.89299. So: the published digits, truncated, and within 1e-5.
    const cut = (p: number) => (Math.floor(p * 1e5) / 1e5).toFixed(5);
    const low = ogrs3Probabilities(-2.776835807);
    const zero = ogrs3Probabilities(0);
    assert.deepEqual([low.oneYear, low.twoYear, zero.oneYear, zero.twoYear].map(cut), ['0.20193', '0.34183', '0.80259', '0.89299']);
    close(zero.twoYear, 0.8929950247091095, 'S = 0, two years');
    close(low.oneYear, 0.2019302880167193, 'S = -2.776835807, one year');
  });

  it('explains every term of the female example', () => {
    const { terms } = ogrs3FromAges(examples[3]!.ages);
    assert.deepEqual(Object.keys(terms), [
      'ageAtFollowUpStart', 'ageSex', 'ageAtCurrentConviction', 'ageAtFirstSanction', 'totalSanctions', 'years',
      'sanctionHistory', 'copasRate', 'copasTerm', 'offence', 'sum', 'oneYearLogit', 'twoYearLogit',
    ]);
    assert.deepEqual(terms.ageAtFollowUpStart, { label: 'Age at the start of follow-up', value: 43, code: '40-49' });
    assert.deepEqual(terms.ageSex, { label: 'Age and sex: female, aged 40-49 at the start of follow-up', value: -1.524652221, code: '40-49' });
    assert.equal(terms.ageAtCurrentConviction.value, 37);
    assert.equal(terms.ageAtFirstSanction.value, 14);
    assert.deepEqual(terms.totalSanctions, { label: 'Sanctions in total: 5 previous sanctions and the current one', value: 6 });
    assert.equal(terms.years.value, 23);
    assert.deepEqual(terms.sanctionHistory, { label: 'Sanction history: two or more sanctions, current one a conviction', value: 0.463062792, code: 'repeat_conviction' });
    assert.equal(terms.copasRate.label, 'Copas rate: ln(6 ÷ (10 + 23))');
    assert.equal(terms.copasRate.value, Math.log(6 / 33));
    assert.equal(terms.copasTerm.label, 'Copas term: 1.251124464 × Copas rate');
    assert.equal(terms.copasTerm.value, 1.251124464 * Math.log(6 / 33));
    assert.deepEqual(terms.offence, { label: 'Offence: criminal damage', value: 0.204960477, code: 'criminal_damage' });
    close(terms.sum.value, terms.ageSex.value + terms.sanctionHistory.value + terms.copasTerm.value + terms.offence.value, 'S');
    const expected = reference(-1.524652221, 0.463062792, 6, 23, 0.204960477);
    close(terms.sum.value, expected.s, 'S');
    assert.equal(terms.oneYearLogit.label, 'One year: 1.402562384 + S');
    close(terms.oneYearLogit.value, 1.402562384 + expected.s, 'one-year logit');
    assert.equal(terms.twoYearLogit.label, 'Two years: 2.121705678 + S');
    close(terms.twoYearLogit.value, 2.121705678 + expected.s, 'two-year logit');
  });
});

describe('OGRS3 age bands, birthday-aware', () => {
  const starts = OGRS3_AGE_SEX.map((row) => row.from);
  for (const sex of ['male', 'female'] as const) {
    for (const [index, row] of OGRS3_AGE_SEX.entries()) {
      it(`${sex}: band ${row.band} starts on the ${row.from}th birthday, not the day before`, () => {
        const on = birthday(row.from);
        const result = ok(scoreOgrs3(caseAt({ followUp: 0, conviction: 0, first: 0 }, { sex, followUpStartDate: on, currentConvictionDate: on, firstSanctionDate: on })));
        assert.equal(result.terms.ageAtFollowUpStart.value, row.from);
        assert.equal(result.terms.ageSex.code, row.band);
        assert.equal(result.terms.ageSex.value, row[sex]);
        const expected = reference(row[sex], 0.126142106, 1, 0, 0);
        close(result.oneYear, expected.oneYear, 'one year');
        close(result.twoYear, expected.twoYear, 'two years');

        const before = shift(on, -1);
        const previous = OGRS3_AGE_SEX[index - 1];
        const dayBefore = scoreOgrs3(caseAt({ followUp: 0, conviction: 0, first: 0 }, { sex, followUpStartDate: before, currentConvictionDate: on, firstSanctionDate: on }));
        if (!previous) {
          assert.match(refused(dayBefore).followUpStartDate!, /is 9 when follow-up starts: OGRS3 has no age band under 10/);
        } else {
          const value = ok(dayBefore);
          assert.equal(value.terms.ageAtFollowUpStart.value, row.from - 1);
          assert.equal(value.terms.ageSex.code, previous.band);
          assert.equal(value.terms.ageSex.value, previous[sex]);
        }
      });
    }
  }

  it('keeps the top band open: 50, 80 and 100 all score as 50+', () => {
    for (const age of [50, 80, 100]) {
      const result = ok(scoreOgrs3(caseAt({ followUp: age, conviction: 40, first: 30 }, { previousSanctions: 3 })));
      assert.equal(result.terms.ageSex.code, '50+');
    }
    assert.deepEqual(starts, [10, 12, 14, 16, 18, 21, 25, 30, 35, 40, 50]);
  });

  it('follows the predictors.md example: born 1990-06-01, 19 on 2010-05-31 and 20 on 2010-06-01', () => {
    const at = (date: string) => ok(scoreOgrs3(caseAt({ followUp: 0, conviction: 15, first: 15 }, { followUpStartDate: date })));
    assert.equal(at('2010-05-31').terms.ageAtFollowUpStart.value, 19);
    assert.equal(at('2010-06-01').terms.ageAtFollowUpStart.value, 20);
    assert.equal(at('2011-05-31').terms.ageSex.code, '18-20');
    assert.equal(at('2011-06-01').terms.ageSex.code, '21-24');
  });

  it('counts a 29 February birthday from 1 March in other years', () => {
    const leap = { dateOfBirth: '2000-02-29', firstSanctionDate: '2010-03-01' };
    assert.match(refused(scoreOgrs3(caseAt({ followUp: 0, conviction: 0, first: 0 }, { ...leap, currentConvictionDate: '2010-02-28', followUpStartDate: '2010-03-01', firstSanctionDate: '2010-02-28' }))).currentConvictionDate!, /was 9/);
    const result = ok(scoreOgrs3(caseAt({ followUp: 0, conviction: 0, first: 0 }, { ...leap, currentConvictionDate: '2010-03-01', followUpStartDate: '2012-02-28' })));
    assert.equal(result.terms.ageAtCurrentConviction.value, 10);
    assert.equal(result.terms.ageAtFollowUpStart.value, 11);
    assert.equal(ok(scoreOgrs3(caseAt({ followUp: 0, conviction: 0, first: 0 }, { ...leap, currentConvictionDate: '2010-03-01', followUpStartDate: '2012-02-29' }))).terms.ageSex.code, '12-13');
  });

  it('takes the years since the first sanction as the difference of whole-year ages', () => {
    // 14 on 2005-05-31, 16 on 2006-06-01: a year and a day apart, but two years by age.
    const result = ok(scoreOgrs3(caseAt({ followUp: 16, conviction: 16, first: 14 }, { firstSanctionDate: '2005-05-31', currentConvictionDate: '2006-06-01', previousSanctions: 1 })));
    assert.equal(result.terms.ageAtFirstSanction.value, 14);
    assert.equal(result.terms.ageAtCurrentConviction.value, 16);
    assert.equal(result.terms.years.value, 2);
    assert.equal(result.terms.copasRate.value, Math.log(2 / 12));
  });
});

describe('OGRS3 offence categories', () => {
  for (const category of OGRS3_OFFENCE_CATEGORIES) {
    it(`${category.code}: ${category.label}, ${category.value}`, () => {
      const result = ok(scoreOgrs3(caseAt({ followUp: 26, conviction: 25, first: 19 }, { offenceCategory: category.code, previousSanctions: 3 })));
      assert.deepEqual(result.terms.offence, { label: `Offence: ${category.label}`, value: category.value, code: category.code });
      const expected = reference(-1.166679288, 0.463062792, 4, 6, category.value);
      close(result.terms.sum.value, expected.s, 'S');
      close(result.oneYear, expected.oneYear, 'one year');
      close(result.twoYear, expected.twoYear, 'two years');
    });
  }
  it('reads a category code whatever its case and spacing', () => {
    assert.equal(ok(scoreOgrs3(caseAt({ followUp: 30, conviction: 30, first: 30 }, { offenceCategory: ' Theft_Non_Motor ' }))).terms.offence.code, 'theft_non_motor');
  });
});

describe('OGRS3 sanction history: first and repeat, convictions and cautions', () => {
  const history = (fields: Partial<Record<keyof Ogrs3Input, unknown>>) => ok(scoreOgrs3(caseAt({ followUp: 30, conviction: 30, first: 22 }, fields))).terms;

  it('scores a first conviction 0.126142106 and a repeat conviction 0.463062792', () => {
    assert.equal(history({ previousSanctions: 0 }).sanctionHistory.value, 0.126142106);
    assert.equal(history({ previousSanctions: 0 }).sanctionHistory.code, 'first_conviction');
    for (const previousSanctions of [1, 2, 10, 150]) {
      const terms = history({ previousSanctions });
      assert.equal(terms.sanctionHistory.value, 0.463062792);
      assert.equal(terms.sanctionHistory.code, 'repeat_conviction');
      assert.equal(terms.totalSanctions.value, previousSanctions + 1);
      assert.equal(terms.copasRate.value, Math.log((previousSanctions + 1) / 18));
    }
  });

  it('scores a first caution 0', () => {
    const terms = history({ previousSanctions: 0, currentSanction: 'caution' });
    assert.deepEqual(terms.sanctionHistory, { label: 'Sanction history: first sanction, and it is a caution', value: 0, code: 'first_caution' });
    assert.equal(terms.ageAtCurrentConviction.label, 'Age at the current caution');
  });

  it('scores a second caution after a caution 0.083100501', () => {
    const terms = history({ previousSanctions: 1, previousConvictions: 0, currentSanction: 'caution' });
    assert.equal(terms.sanctionHistory.value, 0.083100501);
    assert.equal(terms.sanctionHistory.code, 'second_both_cautions');
    assert.equal(terms.totalSanctions.value, 2);
  });

  it('scores a caution after a conviction, or after two or more sanctions, 0.34859587', () => {
    assert.equal(history({ previousSanctions: 1, previousConvictions: 1, currentSanction: 'caution' }).sanctionHistory.value, 0.34859587);
    for (const previousConvictions of [undefined, 0, 1, 3]) {
      const terms = history({ previousSanctions: 3, currentSanction: 'caution', ...(previousConvictions === undefined ? {} : { previousConvictions }) });
      assert.equal(terms.sanctionHistory.code, 'repeat_caution');
      assert.equal(terms.sanctionHistory.value, 0.34859587);
    }
  });

  it('ignores previous convictions for a current conviction', () => {
    assert.equal(history({ previousSanctions: 1, previousConvictions: 0 }).sanctionHistory.code, 'repeat_conviction');
  });

  it('computes a caution end to end with the formula', () => {
    const result = ok(scoreOgrs3(caseAt({ followUp: 17, conviction: 17, first: 15 }, { sex: 'female', previousSanctions: 1, previousConvictions: 0, currentSanction: 'caution', offenceCategory: 'theft_non_motor' })));
    const expected = reference(-0.959179629, 0.083100501, 2, 2, 0.661244321);
    close(result.oneYear, expected.oneYear, 'one year');
    close(result.twoYear, expected.twoYear, 'two years');
  });
});

describe('OGRS3 percentages and bands', () => {
  it('bands the two-year percentage: 0-49 low, 50-74 medium, 75-89 high, 90+ very high', () => {
    const expected = (p: number) => (p <= 49 ? 'low' : p <= 74 ? 'medium' : p <= 89 ? 'high' : 'very_high');
    for (let p = 0; p <= 100; p++) assert.equal(ogrs3Band(p), expected(p), `${p}%`);
    assert.deepEqual([49, 50, 74, 75, 89, 90].map(ogrs3Band), ['low', 'medium', 'medium', 'high', 'high', 'very_high']);
  });

  it('holds percentages within 1 to 99 at the extremes, keeping the probabilities unrounded', () => {
    const lowest = ogrs3FromAges({ sex: 'female', ageAtFollowUpStart: 80, ageAtCurrentConviction: 80, ageAtFirstSanction: 10, previousSanctions: 0, offenceCategory: 'drug_import_export_production', currentSanction: 'caution' });
    assert.ok(lowest.oneYear < 0.005);
    assert.equal(lowest.oneYearPercent, 1);
    assert.equal(lowest.band, 'low');
    const highest = ogrs3FromAges({ sex: 'male', ageAtFollowUpStart: 12, ageAtCurrentConviction: 12, ageAtFirstSanction: 12, previousSanctions: 400, offenceCategory: 'soliciting' });
    assert.ok(highest.twoYear > 0.995);
    assert.equal(highest.twoYearPercent, 99);
    assert.equal(highest.band, 'very_high');
  });

  it('reaches every band', () => {
    const bands = new Set<string>();
    for (let previousSanctions = 0; previousSanctions <= 60; previousSanctions++) {
      bands.add(ogrs3FromAges({ sex: 'male', ageAtFollowUpStart: 17, ageAtCurrentConviction: 17, ageAtFirstSanction: 15, previousSanctions, offenceCategory: 'theft_non_motor' }).band);
    }
    assert.deepEqual([...bands].sort(), ['high', 'low', 'medium', 'very_high']);
  });
});

describe('OGRS3 input', () => {
  const valid = caseAt({ followUp: 30, conviction: 29, first: 18 }, { previousSanctions: 2 });

  it('returns the cleaned input: trimmed, lower-cased, counts as numbers, a conviction by default', () => {
    assert.deepEqual(ok(validateOgrs3({ ...valid, sex: ' Male ', previousSanctions: ' 2 ', offenceCategory: 'VIOLENCE' })), {
      sex: 'male', dateOfBirth: DOB, followUpStartDate: '2020-06-01', currentConvictionDate: '2019-06-01', firstSanctionDate: '2008-06-01',
      previousSanctions: 2, offenceCategory: 'violence', currentSanction: 'conviction',
    });
    assert.equal(ok(validateOgrs3({ ...valid, currentSanction: 'Caution', previousConvictions: '1' })).previousConvictions, 1);
    assert.equal(ok(validateOgrs3({ ...valid, currentSanction: '' })).currentSanction, 'conviction');
  });

  it('scores typed input the same way, and throws on what it cannot score', () => {
    const input = ok(validateOgrs3(valid));
    assert.deepEqual(ogrs3(input), ok(scoreOgrs3(valid)));
    assert.throws(() => ogrs3({ ...input, previousSanctions: -1 }), /cannot be negative/);
    assert.throws(() => ogrs3FromAges({ sex: 'male', ageAtFollowUpStart: 9, ageAtCurrentConviction: 12, ageAtFirstSanction: 12, previousSanctions: 0, offenceCategory: 'violence' }), RangeError);
    assert.throws(() => ogrs3FromAges({ sex: 'male', ageAtFollowUpStart: 20, ageAtCurrentConviction: 9, ageAtFirstSanction: 9, previousSanctions: 0, offenceCategory: 'violence' }), RangeError);
    assert.throws(() => ogrs3FromAges({ sex: 'male', ageAtFollowUpStart: 20, ageAtCurrentConviction: 18, ageAtFirstSanction: 19, previousSanctions: 0, offenceCategory: 'violence' }), RangeError);
    assert.throws(() => ogrs3FromAges({ sex: 'male', ageAtFollowUpStart: 20, ageAtCurrentConviction: 18, ageAtFirstSanction: 17, previousSanctions: 1, offenceCategory: 'violence', currentSanction: 'caution' }), /previous convictions/);
  });

  it('refuses an age at the current conviction under 10, naming it', () => {
    const errors = refused(scoreOgrs3({ ...valid, currentConvictionDate: shift(birthday(10), -1), firstSanctionDate: birthday(9) }));
    assert.equal(errors.currentConvictionDate, 'The person was 9 at the current conviction: OGRS3 only applies from age 10, the age of criminal responsibility');
    assert.ok(scoreOgrs3({ ...valid, currentConvictionDate: birthday(10), firstSanctionDate: birthday(10) }).ok);
    const caution = refused(scoreOgrs3({ ...valid, currentSanction: 'caution', currentConvictionDate: birthday(8), firstSanctionDate: birthday(8) }));
    assert.equal(caution.currentConvictionDate, 'The person was 8 at the current caution: OGRS3 only applies from age 10, the age of criminal responsibility');
  });

  it('refuses a first sanction after the current one', () => {
    const errors = refused(scoreOgrs3({ ...valid, firstSanctionDate: '2019-06-02' }));
    assert.deepEqual(errors, { firstSanctionDate: 'The first sanction (2019-06-02) cannot be after the current conviction (2019-06-01)' });
    assert.ok(scoreOgrs3({ ...valid, firstSanctionDate: '2019-06-01' }).ok, 'the same day is the same sanction');
  });

  it('refuses each date before the date of birth', () => {
    assert.deepEqual(refused(scoreOgrs3({ ...valid, firstSanctionDate: '1990-05-31' })), {
      firstSanctionDate: 'The date of the first sanction (1990-05-31) is before the date of birth (1990-06-01)',
    });
    const errors = refused(scoreOgrs3({ ...valid, followUpStartDate: '1980-01-01', currentConvictionDate: '1985-01-01', firstSanctionDate: '1984-01-01' }));
    assert.equal(errors.followUpStartDate, 'The date follow-up starts (1980-01-01) is before the date of birth (1990-06-01)');
    assert.equal(errors.currentConvictionDate, 'The date of the current conviction (1985-01-01) is before the date of birth (1990-06-01)');
    assert.equal(errors.firstSanctionDate, 'The date of the first sanction (1984-01-01) is before the date of birth (1990-06-01)');
  });

  it('refuses a follow-up starting before age 10, where OGRS3 has no band', () => {
    const errors = refused(scoreOgrs3({ ...valid, followUpStartDate: birthday(8) }));
    assert.deepEqual(errors, { followUpStartDate: 'The person is 8 when follow-up starts: OGRS3 has no age band under 10' });
  });

  it('refuses negative counts', () => {
    assert.deepEqual(refused(scoreOgrs3({ ...valid, previousSanctions: -1 })), { previousSanctions: 'The number of previous sanctions cannot be negative' });
    assert.deepEqual(refused(scoreOgrs3({ ...valid, previousSanctions: '-3' })), { previousSanctions: 'The number of previous sanctions cannot be negative' });
    assert.deepEqual(refused(scoreOgrs3({ ...valid, previousConvictions: -1 })), { previousConvictions: 'The number of previous convictions cannot be negative' });
  });

  it('refuses counts that are not whole numbers', () => {
    for (const previousSanctions of [1.5, '1.5', 'two', Number.NaN, Infinity, true, '1e2', '', null, undefined]) {
      const errors = refused(scoreOgrs3({ ...valid, previousSanctions }));
      assert.deepEqual(Object.keys(errors), ['previousSanctions'], String(previousSanctions));
      assert.match(errors.previousSanctions!, previousSanctions === '' || previousSanctions == null ? /^Enter the number of previous sanctions$/ : /must be a whole number/);
    }
    assert.match(refused(scoreOgrs3({ ...valid, previousConvictions: 0.5 })).previousConvictions!, /must be a whole number/);
  });

  it('refuses more previous convictions than previous sanctions', () => {
    assert.deepEqual(refused(scoreOgrs3({ ...valid, previousConvictions: 3 })), {
      previousConvictions: 'The number of previous convictions (3) cannot be more than the number of previous sanctions (2)',
    });
  });

  it('asks for previous convictions when a caution follows exactly one sanction, never assuming', () => {
    const errors = refused(scoreOgrs3({ ...valid, previousSanctions: 1, currentSanction: 'caution' }));
    assert.deepEqual(errors, { previousConvictions: 'Enter the number of previous convictions (0 or 1): after one earlier sanction, a caution scores differently if that sanction was a conviction' });
  });

  it('refuses malformed and impossible dates', () => {
    const cases: [unknown, RegExp][] = [
      ['', /^Enter the date of birth$/],
      [undefined, /^Enter the date of birth$/],
      ['01/06/1990', /^Enter the date of birth as year, month and day, like 1990-06-01$/],
      ['1990-6-1', /as year, month and day/],
      ['1990-06-01T00:00:00Z', /as year, month and day/],
      ['yesterday', /as year, month and day/],
      [19900601, /as year, month and day/],
      ['1990-02-30', /^The date of birth must be a real date: 1990-02-30 does not exist$/],
      ['1990-13-01', /real date/],
      ['1990-00-10', /real date/],
      ['1990-04-31', /real date/],
      ['1991-02-29', /real date/],
      ['1900-02-29', /real date/],
      ['0000-01-01', /real date/],
    ];
    for (const [dateOfBirth, message] of cases) {
      const errors = refused(scoreOgrs3({ ...valid, dateOfBirth }));
      assert.deepEqual(Object.keys(errors), ['dateOfBirth'], String(dateOfBirth));
      assert.match(errors.dateOfBirth!, message);
    }
    assert.ok(scoreOgrs3({ ...valid, dateOfBirth: '1988-02-29', firstSanctionDate: '2008-01-01' }).ok, 'a real leap day');
    assert.match(refused(scoreOgrs3({ ...valid, followUpStartDate: '2020-02-30' })).followUpStartDate!, /^The date follow-up starts must be a real date/);
    assert.match(refused(scoreOgrs3({ ...valid, currentConvictionDate: '19-06-2019' })).currentConvictionDate!, /^Enter the date of the current conviction as year/);
    assert.match(refused(scoreOgrs3({ ...valid, firstSanctionDate: '' })).firstSanctionDate!, /^Enter the date of the first sanction$/);
  });

  it('refuses an unknown offence category, listing the codes', () => {
    const errors = refused(scoreOgrs3({ ...valid, offenceCategory: 'burglary' }));
    assert.match(errors.offenceCategory!, /^The current offence's OGRS3 category must be one of violence, robbery, .*, other, not "burglary"$/);
    assert.match(refused(scoreOgrs3({ ...valid, offenceCategory: '' })).offenceCategory!, /^Select the current offence's OGRS3 category: one of violence/);
  });

  it('refuses a sex or a current sanction outside the lists', () => {
    assert.deepEqual(refused(scoreOgrs3({ ...valid, sex: 'unknown' })), { sex: 'The sex must be male or female, not "unknown"' });
    assert.deepEqual(refused(scoreOgrs3({ ...valid, sex: undefined })), { sex: 'Select the sex: male or female' });
    assert.deepEqual(refused(scoreOgrs3({ ...valid, currentSanction: 'fine' })), { currentSanction: 'The current sanction must be conviction or caution, not "fine"' });
  });

  it('reports every problem at once, by field', () => {
    const errors = refused(scoreOgrs3({ sex: 'x', dateOfBirth: '1990-02-30', followUpStartDate: '2020', currentConvictionDate: '2019-01-01', firstSanctionDate: '2019-02-01', previousSanctions: -1, offenceCategory: 'x' }));
    assert.deepEqual(Object.keys(errors).sort(), ['dateOfBirth', 'firstSanctionDate', 'followUpStartDate', 'offenceCategory', 'previousSanctions', 'sex']);
    assert.deepEqual(Object.keys(refused(validateOgrs3({}))).sort(), ['currentConvictionDate', 'dateOfBirth', 'firstSanctionDate', 'followUpStartDate', 'offenceCategory', 'previousSanctions', 'sex']);
  });
});

describe('OGRS3 throughput', () => {
  it('scores 1,000,000 raw records and reports the rate', (t) => {
    // Varied records as a CSV file would give them: text dates, counts as text, every category.
    const pool = Array.from({ length: 10_000 }, (_, i) => {
      const born = 1950 + (i % 50);
      const month = String(1 + (i % 12)).padStart(2, '0');
      const day = String(1 + (i % 28)).padStart(2, '0');
      return {
        sex: i % 3 ? 'male' : 'female',
        dateOfBirth: `${born}-${month}-${day}`,
        followUpStartDate: `${born + 12 + (i % 40)}-${day === '01' ? '02' : '01'}-15`,
        currentConvictionDate: `${born + 12 + (i % 40)}-01-01`,
        firstSanctionDate: `${born + 11 + (i % 7)}-06-30`,
        previousSanctions: String(i % 31),
        offenceCategory: OFFENCE_CATEGORY_CODES[i % 20]!,
        ...(i % 5 === 0 ? { currentSanction: 'caution', previousConvictions: String(i % 2) } : {}),
      };
    });
    const total = 1_000_000;
    let scored = 0;
    let percentSum = 0;
    const started = performance.now();
    for (let i = 0; i < total; i++) {
      const result = scoreOgrs3(pool[i % pool.length]!);
      if (result.ok) {
        scored++;
        percentSum += result.value.twoYearPercent;
      }
    }
    const seconds = (performance.now() - started) / 1000;
    const rate = Math.round(total / seconds);
    t.diagnostic(`OGRS3: ${total.toLocaleString('en-GB')} records in ${seconds.toFixed(2)} s, ${rate.toLocaleString('en-GB')} a second (${scored.toLocaleString('en-GB')} scored)`);
    assert.ok(scored > total / 2, 'most of the generated records are valid');
    assert.ok(percentSum > 0);
  });
});
