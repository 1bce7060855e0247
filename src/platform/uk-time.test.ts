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
