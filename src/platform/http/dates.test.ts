import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addDays, addMonths } from './dates.ts';

// What the functions did before they read and wrote the dates by hand: Date's own parsing and formatting.
const byDate = {
  addDays(date: string, days: number) {
    const d = new Date(`${date}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + days);
    return d.toISOString().slice(0, 10);
  },
  addMonths(date: string, months: number) {
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    const target = new Date(Date.UTC(y, m - 1 + months, 1));
    target.setUTCDate(Math.min(d, new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate()));
    return target.toISOString().slice(0, 10);
  },
};

describe('date arithmetic', () => {
  it('adds days and months exactly as Date does, across two centuries of days, leap years and month ends', () => {
    for (let t = Date.UTC(1896, 0, 1); t < Date.UTC(2104, 0, 1); t += 3 * 86_400_000) {
      const date = new Date(t).toISOString().slice(0, 10);
      for (const days of [-400, -1, 0, 1, 29, 366]) assert.equal(addDays(date, days), byDate.addDays(date, days), `${date} + ${days} days`);
      for (const months of [-13, -1, 1, 12, 25]) assert.equal(addMonths(date, months), byDate.addMonths(date, months), `${date} + ${months} months`);
    }
  });

  it('clamps to the month\'s end and knows the leap years', () => {
    assert.equal(addMonths('2024-01-31', 1), '2024-02-29');
    assert.equal(addMonths('2023-01-31', 1), '2023-02-28');
    assert.equal(addMonths('1900-01-31', 1), '1900-02-28');
    assert.equal(addMonths('2000-01-31', 1), '2000-02-29');
    assert.equal(addMonths('2026-03-31', -1), '2026-02-28');
    assert.equal(addDays('2024-02-28', 1), '2024-02-29');
    assert.equal(addDays('2026-12-31', 1), '2027-01-01');
    assert.equal(addMonths('0099-03-01', 1), '0099-04-01', 'a year below 100 stays itself');
  });

  it('treats odd text as before: a day to 31 runs on, anything else is a RangeError from addDays', () => {
    assert.equal(addDays('2026-02-30', 1), '2026-03-03');
    assert.equal(addMonths('2026-02-30', 1), '2026-03-30');
    for (const bad of ['2026-02-32', '2026-13-01', '2026-1-1', 'nonsense', '']) assert.throws(() => addDays(bad, 1), RangeError, bad);
    assert.equal(addMonths('2026-1-5', 1), '2026-02-05', 'addMonths reads the numbers between hyphens, as it did');
    assert.throws(() => addMonths('nonsense', 1), RangeError);
  });
});
