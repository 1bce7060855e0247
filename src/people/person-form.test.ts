import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateNewPerson } from './person-form.ts';

const today = new Date('2026-11-23T12:00:00Z');
const valid = { firstName: 'Ada', lastName: 'Lovelace', dateOfBirth: '1990-03-07', sex: 'female' };

describe('validateNewPerson', () => {
  it('accepts the minimum and canonicalises identifiers', () => {
    const result = validateNewPerson({ ...valid, pnc: '79/163001b', cro: '7/01N', niNumber: 'ab 12 34 56 c', nomisNumber: 'a1234bc', address: { line1: '1 High Street', postcode: 'ne1 4st' } }, today);
    assert.ok(result.ok);
    assert.equal(result.value.pnc, '1979/0163001B');
    assert.equal(result.value.cro, '000007/01N');
    assert.equal(result.value.niNumber, 'AB123456C');
    assert.equal(result.value.nomisNumber, 'A1234BC');
    assert.equal(result.value.address?.postcode, 'NE1 4ST');
  });

  it('reports every problem at once, by field', () => {
    const result = validateNewPerson({ firstName: '', lastName: 'x'.repeat(101), dateOfBirth: '31/02/1990', sex: 'other', pnc: '2008/1234567A', email: 'not-an-email', address: { postcode: 'ZZZ' } }, today);
    assert.ok(!result.ok);
    assert.deepEqual(Object.keys(result.errors).sort(), ['address.line1', 'address.postcode', 'dateOfBirth', 'email', 'firstName', 'lastName', 'pnc', 'sex'].sort());
    assert.match(result.errors.pnc!, /check letter/i);
    assert.equal(result.errors.firstName, 'Enter a first name');
  });

  it('requires a date of birth and a sex', () => {
    const result = validateNewPerson({ firstName: 'A', lastName: 'B' }, today);
    assert.ok(!result.ok);
    assert.equal(result.errors.dateOfBirth, 'Enter a date of birth');
    assert.match(result.errors.sex!, /Select/);
  });

  it('records no fixed abode without a postcode', () => {
    const result = validateNewPerson({ ...valid, address: { noFixedAbode: 'yes', town: 'Gateshead' } }, today);
    assert.ok(result.ok);
    assert.deepEqual(result.value.address, { line1: 'No fixed abode', line2: null, town: 'Gateshead', postcode: null, noFixedAbode: true });
  });

  it('rejects protected characteristics outside the lists', () => {
    const result = validateNewPerson({ ...valid, ethnicity: 'ZZ', religion: 'jedi' }, today);
    assert.ok(!result.ok);
    assert.ok(result.errors.ethnicity && result.errors.religion);
  });
});
