import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultReviewMonths, overallLevel, reviewDateInput, roshReviewStatus, validateRosh, type RoshLevel } from './rules.ts';

const today = '2026-11-24';
const valid = {
  riskToChildren: 'low', riskToPublic: 'medium', riskToKnownAdult: 'high', riskToStaff: 'low', riskToPrisoners: 'not_applicable',
  natureOfRisk: 'Violence towards a former partner', whoIsAtRisk: 'Former partner', whenRiskGreatest: 'When drinking',
  increasesRisk: 'Alcohol', reducesRisk: 'Stable housing', reviewDueOn: '24/5/2027',
};

describe('RoSH rules', () => {
  it('accepts a complete assessment, trims the narrative and takes the highest level as the overall', () => {
    const result = validateRosh({ ...valid, natureOfRisk: '  Violence  ' }, today);
    assert.ok(result.ok);
    assert.equal(result.value.overall, 'high');
    assert.equal(result.value.levels.riskToPrisoners, null);
    assert.equal(result.value.narrative.natureOfRisk, 'Violence');
    assert.equal(result.value.reviewDueOn, '2027-05-24');
  });

  it('says what is missing for every field, in the order of the form', () => {
    const result = validateRosh({}, today);
    assert.ok(!result.ok);
    assert.deepEqual(result.errors, {
      riskToChildren: 'Select the risk to children',
      riskToPublic: 'Select the risk to the public',
      riskToKnownAdult: 'Select the risk to a known adult',
      riskToStaff: 'Select the risk to staff',
      riskToPrisoners: 'Select the risk to prisoners, or not applicable if the person is not in custody',
      natureOfRisk: 'Describe the nature of the risk',
      whoIsAtRisk: 'Describe who is at risk',
      whenRiskGreatest: 'Describe when the risk is greatest',
      increasesRisk: 'Describe what increases the risk',
      reducesRisk: 'Describe what reduces the risk',
      reviewDueOn: 'Enter the date of the next review: today or later, and within 12 months (by 24 November 2027)',
    });
  });

  it('allows "not applicable" only for prisoners, and no made-up levels', () => {
    const result = validateRosh({ ...valid, riskToChildren: 'not_applicable', riskToPublic: 'extreme', riskToStaff: 'HIGH', riskToPrisoners: 'very_high' }, today);
    assert.ok(!result.ok);
    assert.deepEqual(Object.keys(result.errors), ['riskToChildren', 'riskToPublic', 'riskToStaff']);
    const prisoners = validateRosh({ ...valid, riskToPrisoners: 'very_high' }, today);
    assert.ok(prisoners.ok);
    assert.equal(prisoners.value.overall, 'very_high');
  });

  it('treats whitespace as empty and limits each text to 4,000 characters', () => {
    const result = validateRosh({ ...valid, whoIsAtRisk: '   \n ', reducesRisk: 'x'.repeat(4001) }, today);
    assert.ok(!result.ok);
    assert.equal(result.errors.whoIsAtRisk, 'Describe who is at risk');
    assert.equal(result.errors.reducesRisk, 'What reduces the risk must be 4,000 characters or fewer (it has 4,001)');
    assert.ok(validateRosh({ ...valid, reducesRisk: 'x'.repeat(4000) }, today).ok);
    const crlf = validateRosh({ ...valid, reducesRisk: 'x\r\n'.repeat(2000).trim() }, today);
    assert.ok(crlf.ok, 'a line break counts once, as the character count shows it');
    assert.equal(crlf.value.narrative.reducesRisk.length, 3999);
  });

  it('never throws on values a form cannot send', () => {
    for (const nonsense of [['low', 'high'], 3, null, { a: 1 }, true]) {
      const result = validateRosh(Object.fromEntries(Object.keys(valid).map((key) => [key, nonsense])), today);
      assert.ok(!result.ok);
      assert.equal(Object.keys(result.errors).length, 11);
    }
  });

  it('takes a review date from today up to 12 months ahead, and says so', () => {
    const at = (reviewDueOn: string) => validateRosh({ ...valid, reviewDueOn }, today);
    assert.ok(at('2026-11-24').ok, 'today');
    assert.ok(at('24/11/2027').ok, '12 months');
    const past = at('23/11/2026');
    assert.ok(!past.ok);
    assert.equal(past.errors.reviewDueOn, 'The review date must be today or later, and within 12 months (by 24 November 2027)');
    const far = at('25/11/2027');
    assert.ok(!far.ok);
    assert.equal(far.errors.reviewDueOn, 'The review date must be within 12 months, on or before 24 November 2027');
    for (const bad of ['31/2/2027', '1/13/2027', 'next year', '5//2027', '1'.repeat(10_000)]) {
      const result = at(bad);
      assert.ok(!result.ok);
      assert.equal(result.errors.reviewDueOn, 'The review date must be a real date, like 24 5 2027', bad);
    }
  });

  it('reads the review date from the day, month and year boxes', () => {
    assert.equal(reviewDateInput({ 'reviewDueOn-day': ' 3 ', 'reviewDueOn-month': '4', 'reviewDueOn-year': '2027' }), '3/4/2027');
    assert.equal(reviewDateInput({ 'reviewDueOn-day': '', 'reviewDueOn-month': '', 'reviewDueOn-year': '' }), '');
    assert.equal(reviewDateInput({ 'reviewDueOn-day': ['3'], 'reviewDueOn-month': '4', 'reviewDueOn-year': '2027' }), '/4/2027');
    assert.equal(reviewDateInput({ reviewDueOn: '2027-01-01' }), '2027-01-01');
  });

  it('the overall level is the highest, ignoring a group not applicable', () => {
    const cases: [(RoshLevel | null)[], RoshLevel][] = [
      [['low', 'low', 'low', 'low', null], 'low'],
      [['low', 'medium', 'low', 'low', null], 'medium'],
      [['high', 'medium', 'low', 'low', 'low'], 'high'],
      [['low', 'low', 'low', 'low', 'very_high'], 'very_high'],
      [['very_high', 'high', 'medium', 'low', null], 'very_high'],
    ];
    for (const [levels, overall] of cases) assert.equal(overallLevel(levels), overall, levels.join());
  });

  it('suggests a review in 3 months for high or very high, otherwise 6', () => {
    assert.deepEqual((['low', 'medium', 'high', 'very_high'] as const).map(defaultReviewMonths), [6, 6, 3, 3]);
  });

  it('is overdue the day after the review date and due soon from 14 days before', () => {
    assert.equal(roshReviewStatus('2026-11-23', today), 'overdue');
    assert.equal(roshReviewStatus('2026-11-24', today), 'due');
    assert.equal(roshReviewStatus('2026-12-08', today), 'due');
    assert.equal(roshReviewStatus('2026-12-09', today), 'scheduled');
  });
});
