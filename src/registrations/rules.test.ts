import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addMonths } from '../platform/http/dates.ts';
import { reviewStatus, validateDeregistration, validateRegistration, validateReview } from './rules.ts';

const types = [
  { code: 'mappa', name: 'MAPPA', review_months: 6, levels: ['Level 1', 'Level 2', 'Level 3'] },
  { code: 'self_harm', name: 'Self-harm', review_months: 3, levels: [] },
];
const today = '2026-11-23';

describe('registration rules', () => {
  it('reads the review status', () => {
    assert.equal(reviewStatus(null, today), 'none');
    assert.equal(reviewStatus('2026-11-22', today), 'overdue');
    assert.equal(reviewStatus('2026-11-23', today), 'due');
    assert.equal(reviewStatus('2026-12-07', today), 'due');
    assert.equal(reviewStatus('2026-12-08', today), 'scheduled');
  });

  it('adds months, clamping to the end of shorter months', () => {
    assert.equal(addMonths('2026-01-31', 1), '2026-02-28');
    assert.equal(addMonths('2028-01-31', 1), '2028-02-29');
    assert.equal(addMonths('2026-11-23', 6), '2027-05-23');
  });

  it('defaults the next review to the type\'s period and requires a level where the type has levels', () => {
    const ok = validateRegistration({ typeCode: 'self_harm', notes: 'Disclosed in supervision', level: 'ignored' }, types, today);
    assert.ok(ok.ok);
    assert.deepEqual(ok.value, { typeCode: 'self_harm', level: null, notes: 'Disclosed in supervision', registeredOn: today, nextReviewOn: '2027-02-23' });
    const noLevel = validateRegistration({ typeCode: 'mappa', notes: 'x' }, types, today);
    assert.ok(!noLevel.ok);
    assert.equal(noLevel.errors.level, 'Select the MAPPA level');
    const mappa = validateRegistration({ typeCode: 'mappa', level: 'Level 2', notes: 'x', registeredOn: '1/11/2026' }, types, today);
    assert.ok(mappa.ok);
    assert.equal(mappa.value.nextReviewOn, '2027-05-01');
  });

  it('refuses unknown types, missing notes and impossible dates', () => {
    const result = validateRegistration({ typeCode: 'nope', notes: ' ', registeredOn: '2027-01-01', nextReviewOn: '31/02/2027' }, types, today);
    assert.ok(!result.ok);
    assert.deepEqual(Object.keys(result.errors).sort(), ['nextReviewOn', 'notes', 'registeredOn', 'typeCode']);
    const backwards = validateRegistration({ typeCode: 'self_harm', notes: 'x', registeredOn: '2026-11-01', nextReviewOn: '2026-10-01' }, types, today);
    assert.ok(!backwards.ok && backwards.errors.nextReviewOn);
  });

  it('validates reviews and de-registrations', () => {
    const review = validateReview({ notes: 'Still needed' }, today, 3);
    assert.ok(review.ok);
    assert.equal(review.value.nextReviewOn, '2027-02-23');
    assert.ok(!validateReview({ notes: '', nextReviewOn: today }, today, 3).ok);
    assert.ok(!validateDeregistration({ reason: '' }).ok);
    assert.ok(validateDeregistration({ reason: 'Plan ended' }).ok);
  });
});
