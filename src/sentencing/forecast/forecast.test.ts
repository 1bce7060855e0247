import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addWorkingDays, forecast, nextWeekday, ordinal, soonestOf, type ForecastInput } from './forecast.ts';

// Every expected date below is worked by hand. Today is Monday 4 January 2027 unless a test says otherwise.
const TODAY = '2027-01-04';
const NCL = 'Newcastle upon Tyne';
const upw = (places: number, waiting: number, extra: Partial<ForecastInput> = {}): ForecastInput => ({
  key: 'unpaid_work', name: 'Unpaid work', pduName: NCL, today: TODAY, model: 'weekly_slots',
  limit: { days: 10, workingDays: true, reason: 'The first unpaid work session should be within 10 working days of the order' },
  capacity: { places, weekday: 2, lengthWeeks: null, leadDays: 0, provider: null }, waiting, ...extra,
});
const GROUPS = [
  { startsOn: '2026-12-07', places: 8 }, // started before today: takes no more
  { startsOn: '2027-01-12', places: 8 },
  { startsOn: '2027-02-09', places: 4 },
  { startsOn: '2027-03-09', places: 6 },
];
const tsp = (waiting: number, extra: Partial<ForecastInput> = {}): ForecastInput => ({
  key: 'accredited_programme:TSP', name: 'Thinking Skills Programme', pduName: NCL, today: TODAY, model: 'groups',
  limit: { days: 91, workingDays: false, reason: 'A programme should start within 13 weeks' },
  capacity: { places: null, weekday: null, lengthWeeks: null, leadDays: 0, provider: null }, groups: GROUPS, waiting, ...extra,
});
// Three places, 12-week treatments, referral takes 7 days; all three taken by treatments that started
// 19 Oct, 16 Nov and 14 Dec 2026, so they end 84 days later: 11 Jan, 8 Feb and 8 Mar 2027.
const drr = (places: number, waiting: number, inTreatment = ['2026-10-19', '2026-11-16', '2026-12-14']): ForecastInput => ({
  key: 'drug_rehabilitation', name: 'Drug rehabilitation (DRR)', pduName: NCL, today: TODAY, model: 'provider_places',
  limit: { days: 21, workingDays: false, reason: 'Treatment should start within 3 weeks of referral' },
  capacity: { places, weekday: null, lengthWeeks: 12, leadDays: 7, provider: 'Humankind' }, inTreatment, waiting,
});

describe('calendar helpers', () => {
  it('ordinals', () => {
    assert.deepEqual([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111, 112].map(ordinal),
      ['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '23rd', '101st', '111th', '112th']);
  });
  it('working days skip weekends', () => {
    // Mon 4 Jan + 10 working days: Tue 5 (1) ... Fri 8 (4), Mon 11 (5) ... Fri 15 (9), Mon 18 (10).
    assert.equal(addWorkingDays(TODAY, 10), '2027-01-18');
    // Fri 8 Jan + 1 working day skips Saturday and Sunday: Mon 11 Jan.
    assert.equal(addWorkingDays('2027-01-08', 1), '2027-01-11');
  });
  it('next weekday on or after a date', () => {
    assert.equal(nextWeekday(TODAY, 1), TODAY); // Monday is Monday
    assert.equal(nextWeekday(TODAY, 2), '2027-01-05');
    assert.equal(nextWeekday('2027-01-06', 2), '2027-01-12'); // Wednesday -> next Tuesday
  });
});

describe('no capacity', () => {
  it('no row: not delivered at the PDU', () => {
    const f = forecast(upw(3, 0, { capacity: null }));
    assert.equal(f.status, 'not_delivered');
    assert.equal(f.available, false);
    assert.equal(f.earliestStartOn, null);
    assert.equal(f.explanation, 'Not delivered in Newcastle upon Tyne');
    assert.equal(f.beyondLimit, false);
  });
  it('zero places: no capacity, whatever the queue', () => {
    const f = forecast(upw(0, 4));
    assert.equal(f.status, 'no_capacity');
    assert.equal(f.earliestStartOn, null);
    assert.equal(f.explanation, 'No places in Newcastle upon Tyne: capacity is zero');
    assert.equal(f.position, 5);
    assert.equal(forecast(drr(0, 0)).explanation, 'No places in Newcastle upon Tyne: capacity is zero');
  });
});

describe('weekly slots (unpaid work inductions, 3 places each Tuesday)', () => {
  it('an empty queue takes the first Tuesday after today', () => {
    // The first Tuesday on or after Tue 5 Jan (tomorrow) is 5 Jan; no one ahead: place 1 of 3.
    const f = forecast(upw(3, 0));
    assert.equal(f.earliestStartOn, '2027-01-05');
    assert.equal(f.explanation, '1st in the queue (no one waiting) for Unpaid work on Tuesday 5 January 2027; place 1 of 3 that week');
    assert.equal(f.beyondLimit, false);
  });
  it('the queue spreads over several weeks and crosses the 10 working day limit', () => {
    // 7 ahead, 3 a week: 5 Jan takes the 1st-3rd, 12 Jan the 4th-6th, 19 Jan the 7th; a new order is
    // the 8th: week floor(7 / 3) = 2 -> 5 Jan + 14 days = 19 Jan, place 7 % 3 + 1 = 2.
    // The limit is 10 working days from Mon 4 Jan: Mon 18 Jan. 19 Jan is 1 day later.
    const f = forecast(upw(3, 7));
    assert.equal(f.earliestStartOn, '2027-01-19');
    assert.equal(f.position, 8);
    assert.equal(f.explanation, '8th in the queue (7 people waiting) for Unpaid work on Tuesday 19 January 2027; place 2 of 3 that week');
    assert.equal(f.limitOn, '2027-01-18');
    assert.equal(f.beyondLimit, true);
    assert.equal(f.limitExplanation, 'The first unpaid work session should be within 10 working days of the order (by 18 January 2027); the forecast start, 19 January 2027, is 1 day later.');
    assert.match(f.reasons.join(' '), /3 on 5 January 2027, 3 on 12 January 2027, 1 on 19 January 2027/);
  });
  it('people leaving the queue bring the next start forward', () => {
    // Two of the 7 leave: 5 ahead -> week floor(5 / 3) = 1 -> 12 Jan, place 5 % 3 + 1 = 3; within the limit (18 Jan).
    const f = forecast(upw(3, 5));
    assert.equal(f.earliestStartOn, '2027-01-12');
    assert.equal(f.group, null);
    assert.equal(f.beyondLimit, false);
    assert.equal(f.limitExplanation, null);
  });
  it('a person already in the queue is forecast from their own position', () => {
    // The 4th of 7 waiting (3 ahead): week floor(3 / 3) = 1 -> 12 Jan, place 1.
    const f = forecast(upw(3, 7, { ahead: 3 }));
    assert.equal(f.earliestStartOn, '2027-01-12');
    assert.match(f.explanation, /^4th of 7 waiting for Unpaid work on Tuesday 12 January 2027; place 1 of 3/);
  });
  it('the day of the order and the lead time are too soon', () => {
    // Today Tue 5 Jan, sessions on Tuesdays: the first bookable is Tue 12 Jan.
    assert.equal(forecast(upw(3, 0, { today: '2027-01-05' })).earliestStartOn, '2027-01-12');
    // Mon 4 Jan with 2 days' lead: on or after Wed 6 Jan -> Tue 12 Jan.
    assert.equal(forecast(upw(3, 0, { capacity: { places: 3, weekday: 2, lengthWeeks: null, leadDays: 2, provider: null } })).earliestStartOn, '2027-01-12');
  });
});

describe('groups (Thinking Skills Programme)', () => {
  it('people ahead fill the groups in order; the group that started takes no more', () => {
    // 7 Dec has started. 10 ahead: 12 Jan (8 places) takes the 1st-8th; 9 Feb (4) takes the 9th-10th
    // in places 1-2; a new order is the 11th: place 3 of 4 on 9 Feb.
    const f = forecast(tsp(10));
    assert.equal(f.earliestStartOn, '2027-02-09');
    assert.deepEqual(f.group, { startsOn: '2027-02-09', places: 4, place: 3 });
    assert.equal(f.explanation, '11th in the queue (10 people waiting) for the Thinking Skills Programme group starting 9 February 2027; place 3 of its 4');
    assert.deepEqual(f.reasons.slice(0, 3), [
      '1 group has started or starts too soon to join (the last on 7 December 2026): it takes no more.',
      'The group starting 12 January 2027 has 8 places: filled by the 1st to 8th waiting.',
      'The group starting 9 February 2027 has 4 places: the 9th to 10th waiting take places 1 to 2, a new order takes place 3.',
    ]);
    // 13 weeks (91 days) from 4 Jan is 5 Apr: 9 Feb is within.
    assert.equal(f.limitOn, '2027-04-05');
    assert.equal(f.beyondLimit, false);
  });
  it('the 3rd of 12 waiting is in the first open group', () => {
    const f = forecast(tsp(12, { ahead: 2 }));
    assert.equal(f.explanation, '3rd of 12 waiting for the Thinking Skills Programme group starting 12 January 2027; place 3 of its 8');
  });
  it('a full group sends the next person to the next group', () => {
    // 12 ahead fill 12 Jan (8) and 9 Feb (4) exactly: a new order takes place 1 on 9 Mar.
    const f = forecast(tsp(12));
    assert.equal(f.earliestStartOn, '2027-03-09');
    assert.deepEqual(f.group, { startsOn: '2027-03-09', places: 6, place: 1 });
  });
  it('when every group is full there is no date, not a made-up one', () => {
    // 18 ahead = 8 + 4 + 6: every future group is full.
    const f = forecast(tsp(18));
    assert.equal(f.status, 'no_group_scheduled');
    assert.equal(f.available, false);
    assert.equal(f.earliestStartOn, null);
    assert.equal(f.explanation, 'No Thinking Skills Programme group with a free place is scheduled in Newcastle upon Tyne: the 18 people waiting fill every group recorded');
    assert.equal(forecast(tsp(0, { groups: [] })).explanation, 'No Thinking Skills Programme group is scheduled in Newcastle upon Tyne');
  });
  it('a group starting today has started; the limit can be crossed', () => {
    // Only groups of 4 Jan (today) and 10 May 2027: the new order goes to 10 May, after the 91-day limit (5 Apr): 35 days later.
    const f = forecast(tsp(0, { groups: [{ startsOn: TODAY, places: 8 }, { startsOn: '2027-05-10', places: 8 }] }));
    assert.equal(f.earliestStartOn, '2027-05-10');
    assert.equal(f.beyondLimit, true);
    assert.match(f.limitExplanation ?? '', /by 5 April 2027\); the forecast start, 10 May 2027, is 35 days later/);
  });
});

describe('provider places (drug rehabilitation, 12 weeks, 7 days from referral)', () => {
  it('all places taken: each person ahead takes the next place to free', () => {
    // Free from: 11 Jan, 8 Feb, 8 Mar. Earliest start is 4 Jan + 7 = 11 Jan.
    // 1st waiting takes 11 Jan (that place is next free 11 Jan + 84 = 5 Apr); 2nd takes 8 Feb (next free 3 May);
    // a new order takes the place freeing 8 Mar. Limit 21 days: 25 Jan; 25 Jan -> 8 Mar is 42 days.
    const f = forecast(drr(3, 2));
    assert.equal(f.earliestStartOn, '2027-03-08');
    assert.equal(f.explanation, '3rd in the queue (2 people waiting) for 3 places with Humankind; a place frees for them on 8 March 2027 when a treatment ends');
    assert.equal(f.beyondLimit, true);
    assert.equal(f.limitExplanation, 'Treatment should start within 3 weeks of referral (by 25 January 2027); the forecast start, 8 March 2027, is 42 days later.');
  });
  it('a person finishing frees a place: with 4 places one is free now', () => {
    // 4 places, 3 in treatment: one free from the earliest start, 11 Jan; within the limit (25 Jan).
    const f = forecast(drr(4, 0));
    assert.equal(f.earliestStartOn, '2027-01-11');
    assert.match(f.explanation, /a place is free from 11 January 2027$/);
    assert.equal(f.beyondLimit, false);
  });
  it('treatments that have already ended hold no place', () => {
    // Started 5 Oct 2026 -> ended 28 Dec 2026, before today. Two places, one held (ends 8 Feb): one free from 11 Jan.
    assert.equal(forecast(drr(2, 0, ['2026-10-05', '2026-12-14'])).earliestStartOn, '2027-01-11');
  });
  it('more in treatment than places: a place frees only when enough have finished', () => {
    // 2 places, 3 in treatment ending 11 Jan, 8 Feb, 8 Mar: occupancy falls below 2 on 8 Feb.
    assert.equal(forecast(drr(2, 0)).earliestStartOn, '2027-02-08');
  });
});

describe('immediate starts', () => {
  const immediate = (leadDays: number, limitDays: number, workingDays: boolean): ForecastInput => ({
    key: 'rehabilitation_activity', name: 'Rehabilitation activity (RAR)', pduName: NCL, today: TODAY, model: 'immediate',
    limit: { days: limitDays, workingDays, reason: 'The first appointment should be within 5 working days of the order' },
    capacity: { places: null, weekday: null, lengthWeeks: null, leadDays, provider: null }, waiting: 0,
  });
  it('starts within the stated days, no queue', () => {
    // 4 Jan + 3 = 7 Jan; 5 working days from Mon 4 Jan is Mon 11 Jan.
    const f = forecast(immediate(3, 5, true));
    assert.equal(f.earliestStartOn, '2027-01-07');
    assert.equal(f.position, 1);
    assert.equal(f.explanation, 'Starts within 3 days of the order (7 January 2027); no queue');
    assert.equal(f.beyondLimit, false);
  });
  it('on the day of the order (a curfew)', () => {
    assert.equal(forecast(immediate(0, 1, false)).earliestStartOn, TODAY);
  });
  it('a slow first appointment crosses the limit', () => {
    // 4 Jan + 10 = 14 Jan, after Mon 11 Jan: 3 days later.
    const f = forecast(immediate(10, 5, true));
    assert.equal(f.beyondLimit, true);
    assert.match(f.limitExplanation ?? '', /is 3 days later\.$/);
  });
});

describe('any programme', () => {
  it('the soonest of the programmes with a date', () => {
    const a = { ...forecast(tsp(12)), name: 'Thinking Skills Programme' }; // 9 Mar
    const b = { ...forecast(tsp(0, { groups: [{ startsOn: '2027-02-01', places: 4 }] })), name: 'Building Better Relationships' };
    const none = { ...forecast(tsp(0, { groups: [] })), name: 'Horizon' };
    const f = soonestOf([a, b, none], NCL);
    assert.equal(f.earliestStartOn, '2027-02-01');
    assert.match(f.explanation, /^Soonest programme, Building Better Relationships: /);
    assert.equal(soonestOf([none], NCL).available, false);
  });
});
