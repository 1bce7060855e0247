import { test } from 'node:test';
import assert from 'node:assert/strict';
import { absenceOn, absenceShare, availableHours, capacityStatus, explainCapacity, isArrivalFromCustody, isProgrammeBeingDelivered, workingDays, type CapacityInput,
  availablePoints, capacityPercent, casePoints, changeSentence, isNewlyQualified, isYoungAdult, taskPoints, type Weights } from './rules.ts';

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

// ---- capacity with absences, reductions, protected caseloads and extra factors (hand-worked) ----

const settings = { absenceWindowDays: 28, protectedCaseloadPercent: 80, custodyArrivalDays: 28 };
const base: CapacityInput = { target: 2176, fullTimeHours: 37, contractedHours: 37, reductions: [], absences: [], qualifiedOn: null, totalPoints: 0, settings, today: '2026-12-02' };

test('working days in the absence window: Monday to Friday only', () => {
  // Wednesday 2 December 2026 + 28 days = 4 whole weeks = 20 working days.
  assert.equal(workingDays('2026-12-02', 28).length, 20);
  assert.deepEqual(workingDays('2026-12-04', 4), ['2026-12-04', '2026-12-07']); // Fri, Sat, Sun, Mon
  // A week's leave Mon 7 - Fri 11 December, and a training day on Saturday 12th (not a working day).
  assert.deepEqual(absenceShare([{ starts_on: '2026-12-07', ends_on: '2026-12-11' }, { starts_on: '2026-12-12', ends_on: '2026-12-12' }], '2026-12-02', 28), { workingDays: 20, absentDays: 5 });
  // Overlapping absences count a day once; absences outside the window do not count.
  assert.deepEqual(absenceShare([{ starts_on: '2026-12-01', ends_on: '2026-12-03' }, { starts_on: '2026-12-03', ends_on: '2026-12-04' }, { starts_on: '2027-02-01', ends_on: '2027-02-05' }], '2026-12-02', 28), { workingDays: 20, absentDays: 3 });
});

test('capacity by hand: full time, part time, reductions and the formula on screen', () => {
  // Full time, no absences: floor(2176 × 37 ÷ 37) = 2176.
  assert.equal(explainCapacity(base).availablePoints, 2176);
  // Part time 22.5 h: floor(2176 × 22.5 ÷ 37) = floor(1323.24) = 1323; 770 ÷ 1323 = 58.2%.
  const part = explainCapacity({ ...base, contractedHours: 22.5, totalPoints: 770 });
  assert.deepEqual([part.availablePoints, part.capacityPercent], [1323, 58.2]);
  // 37 h less a 7.5 h reduction: floor(2176 × 29.5 ÷ 37) = floor(1734.92) = 1734; 1512 ÷ 1734 = 87.2%.
  const reduced = explainCapacity({ ...base, totalPoints: 1512, reductions: [{ hours: 7.5, reason: 'Union duties', starts_on: '2026-01-01', ends_on: null }] });
  assert.equal(reduced.reductionHours, 7.5);
  assert.equal(reduced.availableHours, 29.5);
  assert.equal(reduced.pointsFormula, 'floor(2,176 × 29.5 ÷ 37) = 1,734 points available');
  assert.equal(reduced.capacityFormula, '1,512 ÷ 1,734 = 87.2%');
});

test('capacity by hand: absences scale the points available by the working days present', () => {
  const leave = [{ starts_on: '2026-12-07', ends_on: '2026-12-11' }];
  // 5 of 20 working days absent: floor(2176 × 37 ÷ 37 × 15 ÷ 20) = 1632.
  const full = explainCapacity({ ...base, absences: leave, totalPoints: 1632 });
  assert.deepEqual([full.workingDays, full.absentDays, full.availablePoints, full.capacityPercent], [20, 5, 1632, 100]);
  assert.equal(full.pointsFormula, 'floor(2,176 × 37 ÷ 37 × 15 ÷ 20) = 1,632 points available');
  // Part time 22.5 h and the same week: 2176 × 22.5 ÷ 37 = 1323.24; × 15 ÷ 20 = 992.43 -> 992.
  assert.equal(explainCapacity({ ...base, contractedHours: 22.5, absences: leave }).availablePoints, 992);
  // Absent the whole window (long-term sickness): 0 points available, capacity shown as 0%.
  const away = explainCapacity({ ...base, totalPoints: 900, absences: [{ starts_on: '2026-11-01', ends_on: '2027-03-31' }] });
  assert.deepEqual([away.availablePoints, away.capacityPercent], [0, 0]);
  assert.equal(away.capacityFormula, 'No points available: capacity is shown as 0%');
  // A window of 0 days switches the absence rule off.
  assert.equal(explainCapacity({ ...base, absences: leave, settings: { ...settings, absenceWindowDays: 0 } }).availablePoints, 2176);
});

test('capacity by hand: protected caseload for the newly qualified, not counted twice', () => {
  // Qualified 1 September 2026: 80% of floor-free 2176 = 1740.8 -> 1740.
  const nq = explainCapacity({ ...base, qualifiedOn: '2026-09-01' });
  assert.deepEqual([nq.protectedPercent, nq.availablePoints], [80, 1740]);
  assert.equal(nq.pointsFormula, 'floor(2,176 × 37 ÷ 37 × 80%) = 1,740 points available');
  // A Protected caseload reduction is already recorded: the hours go down, the percentage is not applied.
  const withReduction = explainCapacity({ ...base, qualifiedOn: '2026-09-01', reductions: [{ hours: 7.5, reason: 'Protected caseload (newly qualified)', starts_on: '2026-09-01', ends_on: '2027-08-31' }] });
  assert.deepEqual([withReduction.protectedPercent, withReduction.protectedByReduction, withReduction.availablePoints], [null, true, 1734]);
  // Qualified over a year ago: no protection. Part time 30 h, newly qualified, a week's leave:
  assert.equal(explainCapacity({ ...base, qualifiedOn: '2025-12-01' }).protectedPercent, null);
  // 2176 × 30 ÷ 37 = 1764.32; × 15 ÷ 20 = 1323.24; × 80% = 1058.59 -> 1058.
  assert.equal(explainCapacity({ ...base, contractedHours: 30, qualifiedOn: '2026-09-01', absences: [{ starts_on: '2026-12-07', ends_on: '2026-12-11' }] }).availablePoints, 1058);
});

test('extra factors: accredited programme being delivered, arrival from custody, work items', () => {
  const today = '2026-12-02';
  assert.equal(isProgrammeBeingDelivered({ expected_start_on: '2026-10-01', expected_end_on: '2027-03-01', ended_on: null }, today), true);
  assert.equal(isProgrammeBeingDelivered({ expected_start_on: '2027-01-01', expected_end_on: '2027-06-01', ended_on: null }, today), false); // not started
  assert.equal(isProgrammeBeingDelivered({ expected_start_on: '2026-06-01', expected_end_on: '2026-11-30', ended_on: null }, today), false); // finished
  assert.equal(isProgrammeBeingDelivered({ expected_start_on: '2026-10-01', expected_end_on: '2027-03-01', ended_on: '2026-11-15' }, today), false); // ended early
  assert.equal(isArrivalFromCustody('2026-11-05', today, 28), true); // 27 days ago
  assert.equal(isArrivalFromCustody('2026-11-04', today, 28), false); // 28 days ago: outside a 28-day window
  assert.equal(isArrivalFromCustody('2026-12-02', today, 28), true); // released today
  assert.equal(isArrivalFromCustody('2026-12-20', today, 28), false); // still in custody
  assert.equal(isArrivalFromCustody(null, today, 28), false);
  // A B2 licence case that arrived from custody last week, with a programme and an open parole report:
  const tasks = new Map([['custody_arrival', 30], ['accredited_programme', 20], ['parole_report', 120], ['arms_licence', 35]]);
  const w: Weights = { cases: weights.cases, tasks };
  const total = casePoints(w, { tier: 'B2', caseType: 'licence', youngAdult: false }) + taskPoints(w, 'custody_arrival') + taskPoints(w, 'accredited_programme') + taskPoints(w, 'parole_report') + taskPoints(w, 'arms_licence');
  assert.equal(total, 132 + 30 + 20 + 120 + 35); // 337
});

test('capacity status: over above 100%, near from 90% to 100%, under below', () => {
  assert.equal(capacityStatus(100.1), 'over');
  assert.equal(capacityStatus(100), 'near');
  assert.equal(capacityStatus(90), 'near');
  assert.equal(capacityStatus(89.9), 'under');
  assert.equal(capacityStatus(0), 'under');
});
