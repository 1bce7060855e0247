import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { absenceStatus, dayMonth, endAction, period, protectedUntil, readHours, validateAbsence, validateProfile, validateReduction } from './forms.ts';

const choices = { grades: ['PO', 'PSO', 'PQiP', 'SPO'], qualifications: ['pqip', 'dipps'], specialisms: ['domestic_abuse', 'women'], officeIds: [3, 4] };
const TODAY = '2026-11-23';

describe('staff forms', () => {
  it('reads hours with at most one decimal place, in range', () => {
    assert.equal(readHours('22.5', 'contracted hours', 0, 60), 22.5);
    assert.equal(readHours('0', 'contracted hours', 0, 60), 0);
    assert.match(String(readHours('22.25', 'contracted hours', 0, 60)), /one decimal place/);
    assert.match(String(readHours('61', 'contracted hours', 0, 60)), /from 0 to 60/);
    assert.match(String(readHours('abc', 'contracted hours', 0, 60)), /must be a number/);
    assert.match(String(readHours('', 'contracted hours', 0, 60)), /^Enter contracted hours/);
    assert.match(String(readHours('0', 'the hours a week', 0, 37, false)), /more than 0 to 37/);
  });

  it('accepts a full profile and keeps only known codes', () => {
    const result = validateProfile({ grade: 'PO', contractedHours: '30', 'qualifiedOn-day': '1', 'qualifiedOn-month': '7', 'qualifiedOn-year': '2026', qualifications: 'pqip', specialisms: ['women', 'domestic_abuse', 'women'], baseOffice: '4' }, choices, TODAY);
    assert.deepEqual(result, { ok: true, value: { grade: 'PO', contractedHours: 30, qualifiedOn: '2026-07-01', qualifications: ['pqip'], specialisms: ['women', 'domestic_abuse'], baseOfficeId: 4 } });
  });

  it('gives each bad profile field its own message', () => {
    const result = validateProfile({ grade: 'XX', contractedHours: '70', 'qualifiedOn-day': '1', 'qualifiedOn-month': '1', 'qualifiedOn-year': '2030', specialisms: 'cooking', qualifications: 'nope', baseOffice: '99' }, choices, TODAY);
    assert.equal(result.ok, false);
    if (!result.ok) assert.deepEqual(Object.keys(result.errors).sort(), ['baseOffice', 'contractedHours', 'grade', 'qualifications', 'qualifiedOn', 'specialisms']);
  });

  it('needs an absence kind and a last day on or after the first', () => {
    assert.deepEqual(validateAbsence({ kind: 'leave', startsOn: '2026-12-01', endsOn: '2026-12-12' }), { ok: true, value: { kind: 'leave', startsOn: '2026-12-01', endsOn: '2026-12-12' } });
    const backwards = validateAbsence({ kind: 'leave', 'startsOn-day': '12', 'startsOn-month': '12', 'startsOn-year': '2026', 'endsOn-day': '1', 'endsOn-month': '12', 'endsOn-year': '2026' });
    assert.equal(backwards.ok, false);
    if (!backwards.ok) assert.match(backwards.errors.endsOn!, /same as or after/);
    const empty = validateAbsence({});
    if (!empty.ok) assert.deepEqual(Object.keys(empty.errors).sort(), ['endsOn', 'kind', 'startsOn']);
    const unreal = validateAbsence({ kind: 'sickness', startsOn: '2026-02-30', endsOn: '2026-03-01' });
    if (!unreal.ok) assert.match(unreal.errors.startsOn!, /real date/);
  });

  it('limits a reduction to more than 0 and at most the contracted hours, with a known reason', () => {
    const reasons = ['protected_caseload', 'other'];
    assert.deepEqual(validateReduction({ hours: 7.5, reasonCode: 'protected_caseload', startsOn: '2026-11-01' }, 37, reasons),
      { ok: true, value: { hours: 7.5, reasonCode: 'protected_caseload', detail: null, startsOn: '2026-11-01', endsOn: null } });
    const tooMany = validateReduction({ hours: '31', reasonCode: 'protected_caseload', startsOn: '2026-11-01' }, 30, reasons);
    if (!tooMany.ok) assert.match(tooMany.errors.hours!, /more than 0 to 30/);
    const other = validateReduction({ hours: '2', reasonCode: 'other', startsOn: '2026-11-01', endsOn: '2026-10-01' }, 37, reasons);
    if (!other.ok) assert.deepEqual(Object.keys(other.errors).sort(), ['detail', 'endsOn']);
    const unknown = validateReduction({ hours: '2', reasonCode: 'holiday', startsOn: '2026-11-01' }, 37, reasons);
    assert.equal(unknown.ok, false);
  });

  it('says when and what: periods, end actions, protected caseloads and absence text', () => {
    assert.equal(period('2026-11-01', '2026-11-30', TODAY), 'current');
    assert.equal(period('2026-11-01', '2026-11-22', TODAY), 'past');
    assert.equal(period('2026-11-24', null, TODAY), 'future');
    assert.equal(period('2026-01-01', null, TODAY), 'current');
    assert.equal(endAction('2026-11-24', '2026-11-30', TODAY), 'cancel');
    assert.equal(endAction('2026-11-01', '2026-11-30', TODAY), 'end');
    assert.equal(endAction('2026-11-01', '2026-11-02', TODAY), 'already-ended');
    assert.equal(endAction('2026-11-01', TODAY, TODAY), 'already-ended');
    assert.equal(protectedUntil('PO', '2026-07-23', true), '2027-07-23');
    assert.equal(protectedUntil('PSO', '2026-07-23', true), null);
    assert.equal(protectedUntil('PO', '2024-07-23', false), null);
    assert.equal(absenceStatus('leave', '2026-12-12', TODAY), 'On leave until 12 December');
    assert.equal(absenceStatus('sickness', '2027-01-05', TODAY), 'Off sick until 5 January 2027');
    assert.equal(dayMonth('2026-03-01', TODAY), '1 March');
  });
});
