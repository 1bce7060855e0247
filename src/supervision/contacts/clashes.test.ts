import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findClashes, overlaps, type DiaryEntry } from './clashes.ts';

const at = (hhmm: string) => new Date(`2025-03-04T${hhmm}:00Z`);
const entry = (over: Partial<DiaryEntry>): DiaryEntry => ({ contactId: 1, personId: 10, practitionerId: 5, startsAt: at('10:00'), durationMinutes: 30, outcome: null, ...over });

test('overlapping times clash; back-to-back do not', () => {
  assert.equal(overlaps(at('10:00'), 30, at('10:15'), 30), true);
  assert.equal(overlaps(at('10:00'), 30, at('09:45'), 30), true);
  assert.equal(overlaps(at('10:00'), 60, at('10:15'), 10), true, 'inside');
  assert.equal(overlaps(at('10:00'), 30, at('10:30'), 30), false, 'starts as the other ends');
  assert.equal(overlaps(at('10:30'), 30, at('10:00'), 30), false, 'ends as the other starts');
  assert.equal(overlaps(at('10:00'), 30, at('10:29'), 30), true, 'one minute overlap');
});

test('a zero-length entry occupies its instant', () => {
  assert.equal(overlaps(at('10:10'), 0, at('10:00'), 30), true);
  assert.equal(overlaps(at('10:30'), 0, at('10:00'), 30), false);
});

test('the same practitioner or the same person clashes; others do not', () => {
  const proposed = { personId: 10, practitionerId: 5, startsAt: at('10:15'), durationMinutes: 30 };
  assert.deepEqual(findClashes(proposed, [entry({})]).map((c) => c.with), ['practitioner']);
  assert.deepEqual(findClashes(proposed, [entry({ practitionerId: 6 })]).map((c) => c.with), ['person']);
  assert.deepEqual(findClashes(proposed, [entry({ personId: 11 })]).map((c) => c.with), ['practitioner']);
  assert.deepEqual(findClashes(proposed, [entry({ personId: 11, practitionerId: 6 })]), []);
});

test('rescheduled and cancelled appointments, and the one being replaced, are ignored', () => {
  const proposed = { personId: 10, practitionerId: 5, startsAt: at('10:00'), durationMinutes: 30 };
  assert.deepEqual(findClashes(proposed, [entry({ outcome: 'rescheduled' })]), []);
  assert.deepEqual(findClashes(proposed, [entry({ change: 'cancelled' })]), []);
  assert.deepEqual(findClashes({ ...proposed, ignoreContactId: 1 }, [entry({})]), []);
  assert.equal(findClashes(proposed, [entry({ outcome: 'attended_complied' })]).length, 1, 'a held appointment still holds its slot');
});

test('practitioner clashes are listed first', () => {
  const proposed = { personId: 10, practitionerId: 5, startsAt: at('10:00'), durationMinutes: 60 };
  const clashes = findClashes(proposed, [entry({ contactId: 2, practitionerId: 6, startsAt: at('10:00') }), entry({ contactId: 3, personId: 11, startsAt: at('10:30') })]);
  assert.deepEqual(clashes.map((c) => c.entry.contactId), [3, 2]);
});
