import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  DEFAULT_SETTINGS, evaluate, failureDates, isIsoDate, periodEndsBefore, warningCoversUntil, type EvaluateInput, type EventKind,
} from './rules.ts';

const F = (date: string, kind: EventKind = 'unacceptable_failure') => ({ date, kind });
const run = (input: Partial<EvaluateInput> & Pick<EvaluateInput, 'events'>) =>
  evaluate({ orderType: 'community_order', startDate: '2025-01-01', settings: DEFAULT_SETTINGS, ...input }).map((a) => `${a.date} ${a.action}`);

describe('enforcement rules: a table of histories and the actions they call for', () => {
  const cases: { name: string; input: Partial<EvaluateInput> & Pick<EvaluateInput, 'events'>; expected: string[] }[] = [
    { name: 'no history, no action', input: { events: [] }, expected: [] },
    { name: 'complied and acceptable absences are not failures', input: { events: [F('2026-01-05', 'complied'), F('2026-01-12', 'acceptable_absence'), F('2026-01-19', 'complied')] }, expected: [] },
    { name: 'a first failure earns a warning', input: { events: [F('2026-01-10')] }, expected: ['2026-01-10 warning'] },
    { name: 'a second failure within 12 months makes breach due', input: { events: [F('2026-01-10'), F('2026-03-02')] }, expected: ['2026-01-10 warning', '2026-03-02 breach'] },
    { name: 'the last day the warning covers (the day before its anniversary): breach', input: { events: [F('2026-01-10'), F('2027-01-09')] }, expected: ['2026-01-10 warning', '2027-01-09 breach'] },
    { name: 'on the anniversary the warning no longer counts: a new warning', input: { events: [F('2026-01-10'), F('2027-01-10')] }, expected: ['2026-01-10 warning', '2027-01-10 warning'] },
    { name: 'several failures on one day count once', input: { events: [F('2026-01-10'), F('2026-01-10'), F('2026-01-10')] }, expected: ['2026-01-10 warning'] },
    { name: 'two failures the same day after a warning: one breach', input: { events: [F('2026-01-10'), F('2026-02-01'), F('2026-02-01')] }, expected: ['2026-01-10 warning', '2026-02-01 breach'] },
    { name: 'an acceptable absence between failures changes nothing', input: { events: [F('2026-01-10'), F('2026-01-20', 'acceptable_absence'), F('2026-02-01')] }, expected: ['2026-01-10 warning', '2026-02-01 breach'] },
    { name: 'acceptable absences alone never count', input: { events: [F('2026-01-10', 'acceptable_absence'), F('2026-02-01', 'acceptable_absence')] }, expected: [] },
    { name: 'events are taken in date order whatever order they come in', input: { events: [F('2026-03-02'), F('2026-01-10')] }, expected: ['2026-01-10 warning', '2026-03-02 breach'] },
    { name: 'after breach action starts, later failures are further failures', input: { events: [F('2026-01-10'), F('2026-02-01'), F('2026-02-08'), F('2026-03-01')] }, expected: ['2026-01-10 warning', '2026-02-01 breach', '2026-02-08 further_failure', '2026-03-01 further_failure'] },
    {
      name: 'after the breach is concluded the count starts afresh (the old warning no longer counts)',
      input: { events: [F('2026-01-10'), F('2026-02-01'), F('2026-03-01'), F('2026-04-01'), F('2026-04-20')], breaches: [{ startedOn: '2026-02-01', concludedOn: '2026-03-15' }] },
      expected: ['2026-01-10 warning', '2026-02-01 breach', '2026-03-01 further_failure', '2026-04-01 warning', '2026-04-20 breach'],
    },
    {
      name: 'a failure on the day the court concludes the breach is still part of it',
      input: { events: [F('2026-01-10'), F('2026-02-01'), F('2026-03-15')], breaches: [{ startedOn: '2026-02-01', concludedOn: '2026-03-15' }] },
      expected: ['2026-01-10 warning', '2026-02-01 breach', '2026-03-15 further_failure'],
    },
    {
      name: 'a recorded open breach makes every later failure a further failure',
      input: { events: [F('2026-05-01')], breaches: [{ startedOn: '2026-04-01', concludedOn: null }] },
      expected: ['2026-05-01 further_failure'],
    },
    { name: 'failures before the order started are ignored', input: { startDate: '2026-01-15', events: [F('2026-01-10'), F('2026-01-14'), F('2026-02-01')] }, expected: ['2026-02-01 warning'] },
    { name: 'a failure on the start date counts', input: { startDate: '2026-01-15', events: [F('2026-01-15')] }, expected: ['2026-01-15 warning'] },
    {
      name: 'a recorded warning given later than its failure counts from its own date',
      input: { events: [F('2026-01-10'), F('2026-01-12'), F('2026-01-20')], warnings: [{ date: '2026-01-14', answers: '2026-01-10' }] },
      expected: ['2026-01-10 warning', '2026-01-12 warning', '2026-01-20 breach'],
    },
    {
      name: 'a recorded warning from the year before still counts until the day before its anniversary',
      input: { events: [F('2026-01-09'), F('2026-06-01')], warnings: [{ date: '2025-01-10' }] },
      expected: ['2026-01-09 breach', '2026-06-01 further_failure'],
    },
    {
      name: 'a warning on 29 February covers to the end of February the next year',
      input: { events: [F('2028-02-29'), F('2029-02-28'), F('2029-03-01')], breaches: [{ startedOn: '2029-02-28', concludedOn: '2029-02-28' }] },
      expected: ['2028-02-29 warning', '2029-02-28 breach', '2029-03-01 warning'],
    },
    { name: 'suspended sentence orders follow the same rules', input: { orderType: 'suspended_sentence_order', events: [F('2026-01-10'), F('2026-02-10')] }, expected: ['2026-01-10 warning', '2026-02-10 breach'] },
    { name: 'licence: every failure is a recall review', input: { orderType: 'licence', events: [F('2026-01-10'), F('2026-01-10'), F('2026-02-10'), F('2026-02-11', 'acceptable_absence')] }, expected: ['2026-01-10 recall_review', '2026-02-10 recall_review'] },
    { name: 'licence: failures before release are ignored', input: { orderType: 'licence', startDate: '2026-02-01', events: [F('2026-01-10'), F('2026-02-10')] }, expected: ['2026-02-10 recall_review'] },
    { name: 'a shorter warning period (a setting) moves the boundary', input: { settings: { ...DEFAULT_SETTINGS, warningPeriodMonths: 6 }, events: [F('2026-01-10'), F('2026-07-09'), F('2026-07-10')] }, expected: ['2026-01-10 warning', '2026-07-09 breach', '2026-07-10 further_failure'] },
    { name: 'with a 6-month period, a failure on the anniversary earns a new warning', input: { settings: { ...DEFAULT_SETTINGS, warningPeriodMonths: 6 }, events: [F('2026-01-10'), F('2026-07-10')] }, expected: ['2026-01-10 warning', '2026-07-10 warning'] },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(run(c.input), c.expected));

  it('gives a reason with the dates for every action', () => {
    const actions = evaluate({ orderType: 'community_order', startDate: '2026-01-01', settings: DEFAULT_SETTINGS, events: [F('2026-01-10'), F('2027-01-09')] });
    assert.match(actions[0]!.reason, /10 January 2026 with no warning in the 12 months/);
    assert.match(actions[1]!.reason, /warning given on 10 January 2026 \(it covers up to 9 January 2027\)/);
  });
});

describe('periods and dates', () => {
  it('a warning covers up to and including the day before its anniversary', () => {
    assert.equal(warningCoversUntil('2026-01-10', 12), '2027-01-09');
    assert.equal(warningCoversUntil('2026-01-31', 1), '2026-02-28');
    assert.equal(warningCoversUntil('2028-02-29', 12), '2029-02-28');
    assert.equal(periodEndsBefore('2026-12-15', 1), '2027-01-15');
  });
  it('failure dates are distinct, in order, from the start', () => {
    assert.deepEqual(failureDates('2026-01-05', [F('2026-02-01'), F('2026-01-04'), F('2026-02-01'), F('2026-01-20', 'complied'), F('2026-01-06')]), ['2026-01-06', '2026-02-01']);
  });
  it('recognises only real dates', () => {
    assert.equal(isIsoDate('2026-02-28'), true);
    assert.equal(isIsoDate('2026-02-30'), false);
    assert.equal(isIsoDate('10/01/2026'), false);
    assert.equal(isIsoDate(20260110), false);
  });
});
