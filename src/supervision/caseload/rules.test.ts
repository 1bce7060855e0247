import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { contactProgress, explainContactLevel, parseFrequency, parseReason, plannedLevel, shortDate } from './rules.ts';

const defaults = [{ key: 'A', frequencyDays: 7 }, { key: 'B', frequencyDays: 14 }, { key: 'C', frequencyDays: 28 }, { key: 'D', frequencyDays: 42 }, { key: 'C3', frequencyDays: 21 }];

describe('contact level: planned frequency', () => {
  it('takes the protect level default when the full tier has none', () => {
    const level = plannedLevel('B2', defaults, null);
    assert.deepEqual([level.frequencyDays, level.source, level.defaultKey], [14, 'protect_level', 'B']);
  });
  it('prefers a full-tier row over its protect level', () => {
    const level = plannedLevel('C3', defaults, null);
    assert.deepEqual([level.frequencyDays, level.source, level.defaultKey], [21, 'tier', 'C3']);
  });
  it('ignores the unsupervised suffix when looking up', () => {
    assert.equal(plannedLevel('C3S', defaults, null).frequencyDays, 21);
  });
  it('an override wins and keeps the default for comparison', () => {
    const level = plannedLevel('D1', defaults, { frequencyDays: 7, reason: 'Recent relapse', setAt: '2024-11-01' });
    assert.deepEqual([level.frequencyDays, level.source, level.defaultDays, level.overrideReason], [7, 'override', 42, 'Recent relapse']);
  });
  it('no tier and no override: no level', () => {
    const level = plannedLevel(null, defaults, null);
    assert.deepEqual([level.frequencyDays, level.source], [null, 'none']);
  });
  it('an override applies even without a tier', () => {
    assert.equal(plannedLevel(null, defaults, { frequencyDays: 10, reason: 'x', setAt: '2024-01-01' }).frequencyDays, 10);
  });
});

describe('contact level: on track or overdue', () => {
  it('is on track up to and including the due date', () => {
    const p = contactProgress(14, '2024-11-20', null, '2024-12-04');
    assert.deepEqual(p, { status: 'on_track', lastContactOn: '2024-11-20', nextDueOn: '2024-12-04', daysOverdue: 0 });
  });
  it('is overdue from the day after the due date', () => {
    const p = contactProgress(14, '2024-11-20', null, '2024-12-05');
    assert.deepEqual([p.status, p.daysOverdue], ['overdue', 1]);
  });
  it('with no contact yet, counts from the start of supervision', () => {
    assert.equal(contactProgress(7, null, '2024-03-01', '2024-03-08').status, 'on_track');
    assert.equal(contactProgress(7, null, '2024-03-01', '2024-03-09').status, 'overdue');
  });
  it('with no contact and no start, the first contact is due today', () => {
    assert.deepEqual(contactProgress(7, null, null, '2024-03-09'), { status: 'on_track', lastContactOn: null, nextDueOn: '2024-03-09', daysOverdue: 0 });
  });
  it('crosses a month and year end', () => {
    assert.equal(contactProgress(28, '2024-12-20', null, '2025-01-17').nextDueOn, '2025-01-17');
  });
  it('no level: no status', () => {
    assert.equal(contactProgress(null, '2024-11-20', null, '2024-12-05').status, 'no_level');
  });
});

describe('contact level: explanation', () => {
  it('reads as one sentence with its inputs', () => {
    const level = plannedLevel('B2', defaults, null);
    const text = explainContactLevel(level, contactProgress(14, '2024-11-20', null, '2024-11-28'), '2024-11-28');
    assert.equal(text, 'Tier B2: every 14 days (default); last seen 20 November; next due by 4 December: on track');
  });
  it('names an override and its reason, and days overdue', () => {
    const level = plannedLevel('D1', defaults, { frequencyDays: 7, reason: 'Recent relapse', setAt: '2024-11-01' });
    const text = explainContactLevel(level, contactProgress(7, '2024-11-20', null, '2024-11-30'), '2024-11-30');
    assert.equal(text, 'Tier D1: every 7 days (set for this case: Recent relapse); last seen 20 November; next due by 27 November: overdue by 3 days');
  });
  it('says when no level applies', () => {
    assert.match(explainContactLevel(plannedLevel(null, defaults, null), contactProgress(null, null, null, '2024-11-30'), '2024-11-30'), /no contact level applies/);
  });
  it('shows the year of a date in another year', () => {
    assert.equal(shortDate('2023-12-31', '2024-01-02'), '31 December 2023');
  });
});

describe('contact level: input', () => {
  it('accepts whole days from 1 to 365', () => {
    assert.deepEqual(parseFrequency('14'), { ok: true, value: 14 });
    assert.deepEqual(parseFrequency(7), { ok: true, value: 7 });
    for (const bad of ['', '0', '366', '1.5', 'weekly', -3, null]) assert.equal(parseFrequency(bad).ok, false, String(bad));
  });
  it('requires a reason', () => {
    assert.equal(parseReason('  ').ok, false);
    assert.equal(parseReason('x'.repeat(2001)).ok, false);
    assert.deepEqual(parseReason(' Recent relapse '), { ok: true, value: 'Recent relapse' });
  });
});
