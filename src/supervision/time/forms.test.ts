import assert from 'node:assert/strict';
import test from 'node:test';
import { readPeriod, validateEntry } from './forms.ts';

const KINDS = ['reports', 'admin', 'travel', 'training', 'meetings', 'other'];
const today = '2026-03-04';

test('an entry from the form: date parts, hours and minutes, an optional CRN', () => {
  const r = validateEntry({ 'worked-on-day': '3', 'worked-on-month': '3', 'worked-on-year': '2026', kind: 'reports', hours: '2', minutes: '15', crn: 'x123456', note: ' PSR ' }, KINDS, today);
  assert.deepEqual(r, { ok: true, value: { workedOn: '2026-03-03', kind: 'reports', minutes: 135, crn: 'X123456', note: 'PSR', reason: null } });
});

test('an entry from the API: workedOn and minutes', () => {
  const r = validateEntry({ workedOn: '2026-03-04', kind: 'admin', minutes: 90 }, KINDS, today);
  assert.equal(r.ok && r.value.minutes, 90);
});

test('errors for each field, and a correction needs a reason', () => {
  const r = validateEntry({ 'worked-on-day': '5', 'worked-on-month': '3', 'worked-on-year': '2026', kind: 'golf', hours: '0', minutes: '0' }, KINDS, today, { correction: true });
  assert.deepEqual(r, { ok: false, errors: {
    'worked-on': 'The date must be today or in the past', kind: 'The kind of work must be one of: reports, admin, travel, training, meetings, other',
    hours: 'Enter how long you worked: at least 1 minute', reason: 'Enter the reason for the correction',
  } });
  const both = validateEntry({ workedOn: '2026-03-01', kind: 'admin', hours: '30', minutes: '75' }, KINDS, today);
  assert.deepEqual(!both.ok && both.errors, { hours: 'Hours must be a whole number from 0 to 24', minutes: 'Minutes must be a whole number from 0 to 59' });
  const old = validateEntry({ workedOn: '2024-03-01', kind: 'admin', minutes: 60 }, KINDS, today);
  assert.deepEqual(!old.ok && old.errors, { workedOn: 'The date must be within the last year' });
});

test('the period: last weeks by default, or dates', () => {
  assert.deepEqual(readPeriod({}, today), { ok: true, value: { from: '2025-12-15', to: today, by: 'week', weeks: 12 } });
  assert.deepEqual(readPeriod({ weeks: '4', by: 'month' }, today), { ok: true, value: { from: '2026-02-09', to: today, by: 'month', weeks: 4 } });
  assert.deepEqual(readPeriod({ weeks: 'dates', 'from-day': '1', 'from-month': '1', 'from-year': '2026', to: '2026-01-31' }, today), { ok: true, value: { from: '2026-01-01', to: '2026-01-31', by: 'week', weeks: null } });
  assert.deepEqual(readPeriod({ weeks: 'dates' }, today), { ok: false, errors: { from: 'Enter the first and last day of the period' } });
  assert.deepEqual(readPeriod({ from: '2026-01-01', to: '2028-06-01' }, today), { ok: false, errors: { to: 'The period must be two years or shorter' } });
});
