import { test } from 'node:test';
import assert from 'node:assert/strict';
import { absenceOn, availableHours, availablePoints, capacityPercent, casePoints, changeSentence, isNewlyQualified, isYoungAdult, taskPoints, type Weights } from './rules.ts';

const tiers = ['A3', 'A2', 'A1', 'A0', 'B3', 'B2', 'B1', 'B0', 'C3', 'C2', 'C1', 'C0', 'D3', 'D2', 'D1', 'D0'];
const row = (values: number[]) => new Map(tiers.map((t, i) => [t, values[i]!]));
const custody = row([75, 60, 59, 0, 59, 48, 47, 0, 30, 24, 23, 0, 17, 14, 13, 0]);
const weights: Weights = {
  cases: new Map([
    ['community', row([206, 158, 146, 110, 146, 115, 102, 72, 79, 63, 50, 35, 51, 41, 29, 29])],
    ['custody', custody],
    ['licence', row([219, 175, 163, 0, 161, 132, 119, 0, 77, 65, 52, 0, 51, 43, 31, 0])],
    ['young_adult', custody],
  ]),
  tasks: new Map([['standard_report', 138], ['fast_report', 65], ['parole_report', 120]]),
};

test('case points by case type, tier, young adult and S suffix', () => {
  assert.equal(casePoints(weights, { tier: 'B2', caseType: 'community', youngAdult: false }), 115);
  assert.equal(casePoints(weights, { tier: 'A3', caseType: 'licence', youngAdult: false }), 219);
  assert.equal(casePoints(weights, { tier: 'C1', caseType: 'custody', youngAdult: false }), 23);
  assert.equal(casePoints(weights, { tier: 'B2', caseType: 'community', youngAdult: true }), 48);
  assert.equal(casePoints(weights, { tier: 'B2S', caseType: 'community', youngAdult: false }), 0);
  assert.throws(() => casePoints(weights, { tier: 'E9', caseType: 'community', youngAdult: false }), RangeError);
});

test('report and parole points', () => {
  assert.equal(taskPoints(weights, 'standard_report', 2), 276);
  assert.equal(taskPoints(weights, 'fast_report', 1), 65);
  assert.equal(taskPoints(weights, 'parole_report', 3), 360);
});

test('available hours and points: full time, part time, reductions, protected caseload', () => {
  const today = '2026-12-02';
  assert.equal(availablePoints(2176, availableHours(37, [], today)), 2176);
  // 22.5 h: 2176 × 22.5 ÷ 37 = 1323.24 -> 1323
  assert.equal(availablePoints(2176, availableHours(22.5, [], today)), 1323);
  // 30 h: 2176 × 30 ÷ 37 = 1764.32 -> 1764
  assert.equal(availablePoints(2176, 30), 1764);
  const reductions = [
    { hours: 7.5, reason: 'Protected caseload (newly qualified)', starts_on: '2026-09-01', ends_on: '2027-08-31' },
    { hours: 3, reason: 'Union duties', starts_on: '2026-01-01', ends_on: '2026-06-30' }, // ended
    { hours: 2, reason: 'Training', starts_on: '2027-01-01', ends_on: null }, // not started
  ];
  assert.equal(availableHours(37, reductions, today), 29.5);
  // 2176 × 29.5 ÷ 37 = 1734.92 -> 1734
  assert.equal(availablePoints(2176, 29.5), 1734);
  assert.equal(availableHours(5, [{ hours: 7.5, reason: 'x', starts_on: '2026-01-01', ends_on: null }], today), 0);
  assert.equal(isNewlyQualified('2026-09-01', today), true);
  assert.equal(isNewlyQualified('2025-12-02', today), false);
  assert.equal(isNewlyQualified(null, today), false);
});

test('capacity percent to one decimal, 0 when either is 0, and the change sentence', () => {
  // 115 + 132 + 138 = 385 of 1323 -> 29.1%
  assert.equal(capacityPercent(385, 1323), 29.1);
  assert.equal(capacityPercent(0, 2176), 0);
  assert.equal(capacityPercent(100, 0), 0);
  assert.equal(capacityPercent(2500, 2176), 114.9);
  // 1893 / 2176 = 87.0%; + 135 -> 2028 / 2176 = 93.2%
  assert.equal(changeSentence(capacityPercent(1893, 2176), capacityPercent(2028, 2176)), 'will increase their workload from 87.0% to 93.2%');
});

test('young adult 18-24 and absences', () => {
  assert.equal(isYoungAdult('2002-12-02', '2026-12-02'), true); // 24 today
  assert.equal(isYoungAdult('2001-12-02', '2026-12-02'), false); // 25 today
  assert.equal(isYoungAdult('2008-12-03', '2026-12-02'), false); // 17
  const absences = [{ kind: 'leave', starts_on: '2026-12-01', ends_on: '2026-12-05' }];
  assert.equal(absenceOn(absences, '2026-12-02')?.ends_on, '2026-12-05');
  assert.equal(absenceOn(absences, '2026-12-06'), null);
});
