import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addDays } from './http/dates.ts';
import { londonInstant, londonParts } from './uk-time.ts';

test('local times in England become instants in both GMT and BST', () => {
  assert.equal(londonInstant('2025-01-15', '10:00').toISOString(), '2025-01-15T10:00:00.000Z');
  assert.equal(londonInstant('2025-07-15', '10:00').toISOString(), '2025-07-15T09:00:00.000Z');
  assert.deepEqual(londonParts(new Date('2025-07-15T23:30:00Z')), { date: '2025-07-16', time: '00:30', minutes: 30 });
  assert.equal(addDays('2025-02-28', 1), '2025-03-01');
});

test('londonParts agrees with Intl', async (t) => {
  await t.test('for every half hour across the clock changes of 2024-2027 and a sample of other instants', () => {
    const intl = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    const expected = (d: Date) => {
      const p = Object.fromEntries(intl.formatToParts(d).map((x) => [x.type, x.value]));
      return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
    };
    const instants: Date[] = [];
    for (const [y, m] of [[2024, 2], [2024, 9], [2025, 2], [2025, 9], [2026, 2], [2026, 9], [2027, 2], [2027, 9]] as const) {
      for (let h = 0; h < 24 * 9; h += 0.5) instants.push(new Date(Date.UTC(y, m, 23) + h * 3_600_000));
    }
    for (let i = 0; i < 2000; i++) instants.push(new Date(Date.UTC(1996, 0, 1) + i * 15_485_863_000));
    for (const instant of instants) {
      const got = londonParts(instant);
      assert.equal(`${got.date} ${got.time}`, expected(instant), instant.toISOString());
    }
  });
});
