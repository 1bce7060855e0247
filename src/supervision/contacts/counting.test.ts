import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rarDays, remaining, requirementProgress, unpaidWorkHours, type CountedContact } from './counting.ts';

const c = (over: Partial<CountedContact>): CountedContact => ({ requirementId: 1, typeCode: 'unpaid_work', outcome: 'attended_complied', date: '2025-03-01', durationMinutes: 420, ...over });

test('unpaid work hours: only complied sessions on the requirement count, by their duration', () => {
  const contacts = [
    c({}), c({ date: '2025-03-08', durationMinutes: 390 }),
    c({ outcome: 'attended_failed_to_comply' }), c({ outcome: 'unacceptable_absence' }), c({ outcome: 'acceptable_absence' }),
    c({ outcome: null }), c({ requirementId: 2 }), c({ typeCode: 'office' }),
  ];
  assert.equal(unpaidWorkHours(1, contacts), 13.5);
  assert.equal(unpaidWorkHours(3, contacts), 0);
});

test('unpaid work hours round down to the quarter hour', () => {
  assert.equal(unpaidWorkHours(1, [c({ durationMinutes: 50 })]), 0.75);
  assert.equal(unpaidWorkHours(1, [c({ durationMinutes: 14 })]), 0);
});

test('RAR days: distinct dates of complied contacts on the requirement', () => {
  const contacts = [
    c({ typeCode: 'office', date: '2025-03-01' }), c({ typeCode: 'programme', date: '2025-03-01' }),
    c({ typeCode: 'office', date: '2025-03-02' }), c({ typeCode: 'office', date: '2025-03-03', outcome: 'unacceptable_absence' }),
    c({ typeCode: 'office', date: '2025-03-04', requirementId: null }),
  ];
  assert.equal(rarDays(1, contacts), 2);
});

test('remaining never goes below nought and is unknown without an order', () => {
  assert.equal(remaining(100, 13.5), 86.5);
  assert.equal(remaining(10, 12), 0);
  assert.equal(remaining(null, 3), null);
});

test('progress covers unpaid work and RAR requirements only', () => {
  const progress = requirementProgress(
    [{ id: 1, requirementType: 'unpaid_work', units: 80 }, { id: 2, requirementType: 'rehabilitation_activity', units: 20 }, { id: 3, requirementType: 'curfew', units: null }],
    [c({}), c({ requirementId: 2, typeCode: 'office' })],
  );
  assert.deepEqual(progress.map((p) => [p.requirementId, p.unit, p.credited, p.remaining]), [[1, 'hours', 7, 73], [2, 'days', 1, 19]]);
});
