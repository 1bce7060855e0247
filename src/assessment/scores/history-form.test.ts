import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateCriminalHistory } from './history-form.ts';

const person = { dateOfBirth: '1990-06-01' };
const today = '2026-11-24';
const valid = { previousSanctions: '3', previousConvictions: '2', violentSanctions: '1', 'firstSanctionDate-day': '1', 'firstSanctionDate-month': '6', 'firstSanctionDate-year': '2000' };
const errorsFor = (body: Record<string, unknown>) => {
  const result = validateCriminalHistory(body, person, today);
  assert.ok(!result.ok);
  return result.errors;
};

describe('criminal history form', () => {
  it('accepts a complete history', () => {
    assert.deepEqual(validateCriminalHistory(valid, person, today), {
      ok: true, value: { previousSanctions: 3, previousConvictions: 2, violentSanctions: 1, firstSanctionDate: '2000-06-01' },
    });
  });

  it('previous convictions are optional', () => {
    const result = validateCriminalHistory({ ...valid, previousConvictions: '' }, person, today);
    assert.ok(result.ok && result.value.previousConvictions === null);
  });

  it('says what is missing, all at once', () => {
    assert.deepEqual(Object.keys(errorsFor({})), ['previousSanctions', 'violentSanctions', 'firstSanctionDate']);
    assert.equal(errorsFor({}).previousSanctions, 'Enter the number of previous sanctions');
  });

  it('refuses counts that are not whole numbers, negative or absurd', () => {
    for (const bad of ['-1', '2.5', 'three', '501']) {
      assert.match(errorsFor({ ...valid, previousSanctions: bad }).previousSanctions ?? '', /whole number from 0 to 500/, String(bad));
    }
    assert.ok(errorsFor({ ...valid, previousSanctions: ['1', '2'] }).previousSanctions, 'a repeated field is refused');
  });

  it('convictions cannot outnumber sanctions; violent sanctions count the current one', () => {
    assert.match(errorsFor({ ...valid, previousConvictions: '4' }).previousConvictions!, /cannot be more than previous sanctions/);
    assert.ok(validateCriminalHistory({ ...valid, violentSanctions: '4' }, person, today).ok);
    assert.match(errorsFor({ ...valid, violentSanctions: '5' }).violentSanctions!, /4 including the current one/);
  });

  it('the first sanction date must be real, past, and from the 10th birthday', () => {
    assert.match(errorsFor({ ...valid, 'firstSanctionDate-day': '31', 'firstSanctionDate-month': '2' }).firstSanctionDate!, /real date/);
    assert.match(errorsFor({ ...valid, 'firstSanctionDate-year': '2027' }).firstSanctionDate!, /today or in the past/);
    assert.match(errorsFor({ ...valid, 'firstSanctionDate-day': '31', 'firstSanctionDate-month': '5', 'firstSanctionDate-year': '2000' }).firstSanctionDate!, /10th birthday/);
    assert.ok(validateCriminalHistory({ ...valid, 'firstSanctionDate-day': '1', 'firstSanctionDate-month': '6', 'firstSanctionDate-year': '2000' }, person, today).ok);
    assert.match(errorsFor({ ...valid, 'firstSanctionDate-year': '1980' }).firstSanctionDate!, /10th birthday/);
  });
});
