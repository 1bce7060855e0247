import assert from 'node:assert/strict';
import test from 'node:test';
import {
  buckets, contactCounts, explainShare, formatMinutes, isoWeek, lastWeeks, sharePercent, timeWithPeople, totalsOf, weekStart, type ContactTime,
} from './rules.ts';

const contact = (over: Partial<ContactTime> = {}): ContactTime => ({ date: '2026-03-02', minutes: 30, directEngagement: true, appointment: true, outcome: 'attended_complied', change: 'outcome', ...over });

test('only contacts that happened count: attended appointments and recorded non-appointment contacts', () => {
  assert.equal(contactCounts(contact()), true);
  assert.equal(contactCounts(contact({ outcome: 'attended_failed_to_comply' })), true);
  assert.equal(contactCounts(contact({ outcome: 'acceptable_absence' })), false);
  assert.equal(contactCounts(contact({ outcome: 'unacceptable_absence' })), false);
  assert.equal(contactCounts(contact({ outcome: 'rescheduled' })), false);
  assert.equal(contactCounts(contact({ outcome: null, change: 'booked' })), false, 'booked, no outcome yet: has not happened');
  assert.equal(contactCounts(contact({ outcome: 'attended_complied', change: 'cancelled' })), false);
  assert.equal(contactCounts(contact({ appointment: false, outcome: null, change: 'recorded' })), true, 'a phone call');
  assert.equal(contactCounts(contact({ appointment: false, outcome: null, change: 'cancelled' })), false);
});

test('the share is direct minutes over all recorded minutes, one decimal; nothing recorded is no data, not 0%', () => {
  assert.equal(sharePercent(750, 2460), 30.5); // 30.487...
  assert.equal(sharePercent(0, 600), 0);
  assert.equal(sharePercent(0, 0), null);
  assert.equal(explainShare(750, 2460), '12 h 30 min with people of 41 h recorded = 30.5%');
  assert.equal(explainShare(0, 0), 'No time recorded: no contacts that happened and no other work');
  assert.equal(formatMinutes(45), '45 min');
  assert.equal(formatMinutes(120), '2 h');
  assert.equal(formatMinutes(0), '0 min');
});

test('ISO weeks start on Monday; the week of 1 January may belong to the year before', () => {
  assert.equal(weekStart('2026-03-04'), '2026-03-02'); // Wednesday -> Monday
  assert.equal(weekStart('2026-03-08'), '2026-03-02'); // Sunday -> the Monday before
  assert.equal(weekStart('2026-03-02'), '2026-03-02');
  assert.equal(isoWeek('2026-01-01'), '2026-W01'); // Thursday 1 January 2026
  assert.equal(isoWeek('2027-01-01'), '2026-W53'); // Friday: its week's Thursday is 31 December 2026
  assert.equal(isoWeek('2024-12-30'), '2025-W01');
  assert.deepEqual(lastWeeks('2026-03-04', 4), { from: '2026-02-09', to: '2026-03-04' });
});

test('weeks and months are clipped to the period', () => {
  assert.deepEqual(buckets('2026-03-04', '2026-03-17', 'week'), [
    { key: '2026-W10', start: '2026-03-04', end: '2026-03-08' },
    { key: '2026-W11', start: '2026-03-09', end: '2026-03-15' },
    { key: '2026-W12', start: '2026-03-16', end: '2026-03-17' },
  ]);
  assert.deepEqual(buckets('2026-01-15', '2026-03-02', 'month'), [
    { key: '2026-01', start: '2026-01-15', end: '2026-01-31' },
    { key: '2026-02', start: '2026-02-01', end: '2026-02-28' },
    { key: '2026-03', start: '2026-03-01', end: '2026-03-02' },
  ]);
});

test('a hand-worked fortnight: per week, in total, and other work by kind', () => {
  const contacts = [
    contact({ date: '2026-03-02', minutes: 45 }), // office, attended: direct
    contact({ date: '2026-03-03', minutes: 60, directEngagement: false }), // other agency appointment: counts, not direct
    contact({ date: '2026-03-04', minutes: 30, outcome: 'unacceptable_absence' }), // did not happen
    contact({ date: '2026-03-05', minutes: 10, appointment: false, outcome: null, change: 'recorded' }), // phone call: direct
    contact({ date: '2026-03-10', minutes: 30, outcome: 'rescheduled' }), // did not happen
  ];
  const other = [
    { date: '2026-03-02', minutes: 120, kind: 'reports' },
    { date: '2026-03-06', minutes: 65, kind: 'admin' },
    { date: '2026-03-11', minutes: 90, kind: 'admin' },
    { date: '2026-03-20', minutes: 90, kind: 'admin' }, // outside the period
  ];
  const result = timeWithPeople(contacts, other, { from: '2026-03-02', to: '2026-03-15', by: 'week' });
  // Week 10: direct 45 + 10 = 55; contacts 45 + 60 + 10 = 115; other 185; recorded 300; 55 / 300 = 18.3%.
  assert.deepEqual(result.series[0], {
    key: '2026-W10', start: '2026-03-02', end: '2026-03-08', directMinutes: 55, contactMinutes: 115, otherMinutes: 185, recordedMinutes: 300,
    share: 18.3, explanation: '55 min with people of 5 h recorded = 18.3%',
  });
  // Week 11: only 90 min of admin: 0%, which is a figure (time was recorded), not no data.
  assert.equal(result.series[1]!.share, 0);
  assert.equal(result.total.recordedMinutes, 390);
  assert.equal(result.total.share, 14.1); // 55 / 390
  assert.deepEqual([...result.otherByKind], [['reports', 120], ['admin', 155]]);
});

test('a week with nothing recorded has no share', () => {
  const t = totalsOf([contact({ outcome: 'acceptable_absence' })], [], '2026-03-02', '2026-03-08');
  assert.equal(t.share, null);
  assert.equal(t.recordedMinutes, 0);
});
