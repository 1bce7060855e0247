import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { contactForAcceptance, sameReport, validateDecision, validateReport } from './rules.ts';

const today = '2026-06-10';
const good = {
  crn: 'a123456', dateOfBirth: '1990-04-23', reference: 'REF-1', failureDate: '2026-06-08', kind: 'missed_appointment',
  activity: 'unpaid_work', description: 'Did not attend', contactName: 'Dana',
};

describe('validateReport', () => {
  it('accepts a complete report and normalises the CRN', () => {
    const result = validateReport(good, today);
    assert.ok(result.ok);
    assert.equal(result.value.crn, 'A123456');
    assert.equal(result.value.surname, null);
  });

  it('accepts a surname instead of a date of birth', () => {
    const result = validateReport({ ...good, dateOfBirth: undefined, surname: 'Smith' }, today);
    assert.ok(result.ok);
  });

  it('gives a message for every bad field at once', () => {
    const result = validateReport({ crn: 'nope', failureDate: '2026-02-30', kind: 'late', activity: 'golf', reference: 'has space', description: 'x'.repeat(2001) }, today);
    assert.ok(!result.ok);
    assert.deepEqual(Object.keys(result.errors).sort(), ['activity', 'contactName', 'crn', 'dateOfBirth', 'description', 'failureDate', 'kind', 'reference']);
    assert.match(result.errors.dateOfBirth!, /date of birth or surname/);
  });

  it('refuses a failure in the future or more than a year ago, and a body that is not an object', () => {
    assert.match((validateReport({ ...good, failureDate: '2026-06-11' }, today) as { errors: Record<string, string> }).errors.failureDate!, /future/);
    assert.match((validateReport({ ...good, failureDate: '2025-06-09' }, today) as { errors: Record<string, string> }).errors.failureDate!, /365 days/);
    assert.ok(validateReport({ ...good, failureDate: '2025-06-10' }, today).ok);
    assert.equal(validateReport(null, today).ok, false);
    assert.equal(validateReport([good], today).ok, false);
  });
});

describe('sameReport', () => {
  it('is the same only when every detail and the person match', () => {
    const parsed = validateReport(good, today);
    assert.ok(parsed.ok);
    const stored = { person_id: 7, failure_date: '2026-06-08', kind: 'missed_appointment', activity: 'unpaid_work', activity_detail: null, description: 'Did not attend', contact_name: 'Dana' };
    assert.equal(sameReport(stored, 7, parsed.value), true);
    assert.equal(sameReport(stored, 8, parsed.value), false);
    assert.equal(sameReport({ ...stored, description: 'Other' }, 7, parsed.value), false);
  });
});

describe('contactForAcceptance', () => {
  it('records a missed session as an unacceptable absence and anything else as attended but failed to comply, by activity', () => {
    assert.deepEqual(contactForAcceptance('missed_appointment', 'unpaid_work'), { typeCode: 'unpaid_work', outcome: 'unacceptable_absence' });
    assert.deepEqual(contactForAcceptance('behaviour', 'programme'), { typeCode: 'programme', outcome: 'attended_failed_to_comply' });
    assert.deepEqual(contactForAcceptance('failed_to_comply', 'other_agency'), { typeCode: 'other_agency', outcome: 'attended_failed_to_comply' });
    assert.deepEqual(contactForAcceptance('other', 'other_agency'), { typeCode: 'other_agency', outcome: 'attended_failed_to_comply' });
  });
});

describe('validateDecision', () => {
  it('needs a decision, and a reason when not accepted', () => {
    assert.deepEqual(Object.keys((validateDecision({}) as { errors: object }).errors), ['decision']);
    assert.deepEqual(Object.keys((validateDecision({ decision: 'reject', reason: '  ' }) as { errors: object }).errors), ['reason']);
    assert.ok(validateDecision({ decision: 'accept' }).ok);
    const rejected = validateDecision({ decision: 'reject', reason: 'Had a fit note', partnerNote: ' Not accepted ' });
    assert.ok(rejected.ok);
    assert.equal(rejected.value.partnerNote, 'Not accepted');
    assert.ok(!validateDecision({ decision: 'accept', partnerNote: 'x'.repeat(1001) }).ok);
  });
});
