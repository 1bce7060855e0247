import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addWorkingDays, breachDeadline, countdown, workingDaysBetween } from './deadline.ts';

describe('breach deadline', () => {
  const cases: [string, number, string][] = [
    ['2026-11-27', 10, '2026-12-11'], // Friday + 10 working days = the Friday two weeks on
    ['2026-11-30', 10, '2026-12-14'], // Monday -> Monday
    ['2026-11-28', 10, '2026-12-11'], // a Saturday failure: counting starts on Monday
    ['2026-12-03', 1, '2026-12-04'],
    ['2026-12-04', 1, '2026-12-07'], // Friday + 1 = Monday
    ['2026-12-04', 0, '2026-12-04'],
  ];
  for (const [from, days, expected] of cases) {
    it(`${days} working days after ${from} is ${expected}`, () => assert.equal(addWorkingDays(from, days), expected));
  }
  it('uses the configured number of working days', () => assert.equal(breachDeadline('2026-11-30', 5), '2026-12-07'));
});

describe('countdown', () => {
  it('counts working days left, skipping weekends', () => {
    assert.equal(workingDaysBetween('2026-12-08', '2026-12-12'), 3); // Tue -> Sat: Wed, Thu, Fri
    assert.equal(workingDaysBetween('2026-12-04', '2026-12-07'), 1); // Fri -> Mon
    assert.equal(workingDaysBetween('2026-12-07', '2026-12-04'), -1);
  });
  const cases: [string, string, string, string][] = [
    ['2026-12-01', '2026-12-14', 'due', '9 working days'],
    ['2026-12-08', '2026-12-11', 'near', '3 working days'],
    ['2026-12-10', '2026-12-11', 'near', '1 working day'],
    ['2026-12-11', '2026-12-11', 'today', 'due today'],
    ['2026-12-15', '2026-12-11', 'overdue', '2 working days overdue'],
  ];
  for (const [today, deadline, state, text] of cases) {
    it(`${today} to ${deadline}: ${text}`, () => {
      const c = countdown(today, deadline);
      assert.equal(c.state, state);
      assert.equal(c.text, text);
    });
  }
});
