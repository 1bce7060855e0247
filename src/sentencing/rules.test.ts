import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LICENCE_CONDITIONS, PROGRAMMES, RULES } from './requirements.fixture.ts';
import { followUpStart, keyDates, licenceDates, periodEnd, supervisedToday, unsupervised, validateConviction, validateEnding, validateSentence, type SentenceFacts } from './rules.ts';

const refs = {
  offences: [{ code: 'VAP-ABH', description: 'Assault occasioning actual bodily harm' }, { code: 'THF-SHP', description: 'Theft from a shop' }],
  requirementTypes: Object.values(RULES),
  programmes: PROGRAMMES,
  licenceConditionTypes: LICENCE_CONDITIONS,
};
const person = { dateOfBirth: '1990-06-01' };
const today = '2026-11-23';
const communityOrder = {
  mainOffence: 'VAP-ABH', 'offenceDate-day': '2', 'offenceDate-month': '3', 'offenceDate-year': '2026',
  convictionDate: '2026-09-01', court: 'Newcastle Magistrates\' Court',
  sentenceType: 'community_order', sentencedOn: '2026-10-01', lengthMonths: '12', requirements: ['rehabilitation_activity', 'unpaid_work'],
  'rehabilitation_activity-days': '20', 'unpaid_work-hours': '120',
};

describe('sentencing rules', () => {
  it('accepts a community order with its requirements, from date parts or ISO dates', () => {
    const result = validateConviction(communityOrder, refs, person, today);
    assert.ok(result.ok, JSON.stringify(!result.ok && result.errors));
    assert.deepEqual(result.value.mainOffence, { code: 'VAP-ABH', offenceDate: '2026-03-02' });
    assert.equal(result.value.outcome, 'sentenced', 'a sentence given without an outcome was sentenced');
    assert.deepEqual(result.value.sentence, {
      type: 'community_order', sentencedOn: '2026-10-01', lengthMonths: 12, custodialTermMonths: null, supervisionMonths: null,
      releaseOn: null, licenceEndsOn: null, releaseFraction: null, licenceConditions: [],
      requirements: [
        { type: 'rehabilitation_activity', units: 20, programme: null, details: {} },
        { type: 'unpaid_work', units: 120, programme: null, details: {} },
      ],
    });
  });

  it('reports every problem at once, in words', () => {
    const result = validateConviction({ mainOffence: 'NOPE', offenceDate: '2027-01-01', convictionDate: '31/2/2026', court: '', sentenceType: 'fine' }, refs, person, today);
    assert.ok(!result.ok);
    assert.deepEqual(result.errors, {
      mainOffence: 'Select the main offence from the list',
      offenceDate: 'The date of the offence must be today or in the past',
      convictionDate: 'The date of conviction must be a real date, like 27 3 2026',
      court: 'Enter the court',
      sentenceType: 'Select the sentence',
      sentencedOn: 'Enter the date of sentence',
    });
    assert.match((validateConviction({ court: 'x' }, refs, person, today) as { errors: Record<string, string> }).errors.outcome!, /Select the outcome of the hearing/);
  });

  it('keeps the dates in order: offence, conviction, sentence, and the age of criminal responsibility', () => {
    const errors = (changes: Record<string, unknown>) => {
      const result = validateConviction({ ...communityOrder, ...changes }, refs, person, today);
      return result.ok ? {} : result.errors;
    };
    assert.match(errors({ convictionDate: '2026-03-01' }).convictionDate!, /on or after the date of the offence/);
    assert.match(errors({ sentencedOn: '2026-08-31' }).sentencedOn!, /on or after the date of conviction/);
    assert.match(errors({ 'offenceDate-day': '31', 'offenceDate-month': '5', 'offenceDate-year': '2000' }).offenceDate!, /10 or older/);
    assert.deepEqual(errors({ 'offenceDate-day': '1', 'offenceDate-month': '6', 'offenceDate-year': '2000' }), {}, 'the 10th birthday itself is allowed');
    assert.match(errors({ 'offenceDate-year': '1980' }).offenceDate!, /after the person's date of birth/);
  });

  it('checks lengths against the law for each kind of sentence', () => {
    const errors = (changes: Record<string, unknown>) => {
      const result = validateConviction({ ...communityOrder, ...changes }, refs, person, today);
      return result.ok ? {} : result.errors;
    };
    assert.match(errors({ lengthMonths: '37' }).lengthMonths!, /from 1 to 36/);
    assert.match(errors({ lengthMonths: 'a year' }).lengthMonths!, /whole number of months/);
    assert.match(errors({ lengthMonths: '' }).lengthMonths!, /Enter the length of the order/);
    const sso = { sentenceType: 'suspended_sentence_order', requirements: [] };
    assert.match(errors({ ...sso, lengthMonths: '5', custodialTermMonths: '6' }).lengthMonths!, /operational period must be a whole number of months from 6 to 24/);
    assert.match(errors({ ...sso, lengthMonths: '12', custodialTermMonths: '25' }).custodialTermMonths!, /from 1 to 24/);
    assert.match(errors({ ...sso, lengthMonths: '12', custodialTermMonths: '6', supervisionMonths: '18' }).supervisionMonths!, /cannot be longer than the operational period/);
    assert.deepEqual(errors({ ...sso, lengthMonths: '12', custodialTermMonths: '6' }), {}, 'a suspended sentence may have no requirements');
  });

  it('custody: release within the sentence, licence to its end unless given, and no requirements', () => {
    const custody = { ...communityOrder, sentenceType: 'custody', lengthMonths: '24', requirements: [] };
    const result = validateConviction({ ...custody, releaseOn: '2027-10-01' }, refs, person, today);
    assert.ok(result.ok);
    assert.equal(result.value.sentence!.licenceEndsOn, '2028-09-30');
    assert.deepEqual(result.value.sentence!.licenceConditions, [{ code: 'WELL_BEHAVED', detail: null }, { code: 'NO_OFFENCE', detail: null }], 'the standard conditions, always');
    const computed = validateConviction(custody, refs, person, today);
    assert.ok(computed.ok);
    assert.equal(computed.value.sentence!.releaseOn, '2027-10-02', 'no release date given: the computed conditional release date (731 days, 366 served)');
    const errors = (changes: Record<string, unknown>) => {
      const r = validateConviction({ ...custody, ...changes }, refs, person, today);
      return r.ok ? {} : r.errors;
    };
    assert.match(errors({ releaseOn: '31/2/2027' }).releaseOn!, /real date/);
    assert.match(errors({ releaseFraction: '0.9' }).releaseFraction!, /half, 40% or two thirds/);
    assert.match(errors({ releaseOn: '2026-09-30' }).releaseOn!, /on or after the date of sentence/);
    assert.match(errors({ releaseOn: '2028-10-01' }).releaseOn!, /before the end of the sentence/);
    assert.match(errors({ releaseOn: '2027-10-01', licenceEndsOn: '2027-09-01' }).licenceEndsOn!, /on or after the release date/);
    assert.match(errors({ releaseOn: '2027-10-01', requirements: ['unpaid_work'] }).requirements!, /licence conditions, not requirements/);
  });

  it('requirements: at least one on a community order, known types only, attendance centre for under 25s', () => {
    const errors = (changes: Record<string, unknown>, who = person) => {
      const r = validateConviction({ ...communityOrder, ...changes }, refs, who, today);
      return r.ok ? {} : r.errors;
    };
    assert.match(errors({ requirements: [] }).requirements!, /at least one requirement/);
    assert.match(errors({ requirements: ['made_up'] }).requirements!, /from the list/);
    assert.equal(errors({ requirements: 'unpaid_work' }).requirements, undefined, 'one checkbox arrives as a string');
    const centre = { requirements: ['attendance_centre'], 'attendance_centre-hours': '24' };
    assert.match(errors(centre).requirements!, /under 25/);
    assert.deepEqual(errors(centre, { dateOfBirth: '2002-10-02' }), {}, 'aged 24 on the day of sentence');
    assert.match(errors(centre, { dateOfBirth: '2001-10-01' }).requirements!, /under 25/, '25 on the day of sentence');
    assert.deepEqual(errors({ 'unpaid_work-hours': '20' }), { 'unpaid_work-hours': 'The number of hours of unpaid work must be a whole number from 40 to 300' }, 'each requirement\'s errors under its own field');
    assert.match(errors({ requirements: ['curfew'], 'curfew-hoursPerDay': '12', 'curfew-daysPerWeek': '7', 'curfew-months': '13', 'curfew-place': 'Home', 'curfew-electronicMonitoring': 'yes' })['curfew-months']!,
      /cannot run past the end of the order on 30 September 2027: at most 12 months/, 'a requirement cannot outlast its order');
    assert.match(errors({ additionalOffences: ['VAP-ABH'] }).additionalOffences!, /only once/);
    assert.deepEqual(errors({ additionalOffences: ['THF-SHP', ''] }), {}, 'an empty second select is ignored');
  });

  it('works out the key dates', () => {
    assert.equal(periodEnd('2026-03-01', 12), '2027-02-28');
    assert.equal(periodEnd('2026-01-31', 1), '2026-02-28', 'no 31 February: the month\'s last day');
    assert.equal(periodEnd('2026-01-30', 1), '2026-02-28');
    assert.equal(periodEnd('2026-01-28', 1), '2026-02-27');
    const base = { type: 'suspended_sentence_order' as const, sentencedOn: '2026-10-01', lengthMonths: 24, custodialTermMonths: 6, supervisionMonths: 12, releaseOn: null, licenceEndsOn: null, releaseFraction: null, requirements: [] };
    assert.deepEqual(keyDates(base), { expectedEndOn: '2028-09-30', requirementStartOn: '2026-10-01', requirementEndOn: '2027-09-30', licence: null });
    assert.deepEqual(keyDates({ ...base, supervisionMonths: null }).requirementEndOn, '2028-09-30');
  });

  it('records a conviction adjourned for a report, with the next hearing, and no sentence yet', () => {
    const adjourned = { ...communityOrder, outcome: 'adjourned_for_report', nextHearingOn: '2026-12-01', sentenceType: undefined, lengthMonths: undefined };
    const result = validateConviction(adjourned, refs, person, today);
    assert.ok(result.ok, JSON.stringify(!result.ok && result.errors));
    assert.equal(result.value.sentence, null);
    assert.equal(result.value.nextHearingOn, '2026-12-01');
    const errors = (changes: Record<string, unknown>) => {
      const r = validateConviction({ ...adjourned, ...changes }, refs, person, today);
      return r.ok ? {} : r.errors;
    };
    assert.match(errors({ nextHearingOn: '' }).nextHearingOn!, /Enter the date of the next hearing/);
    assert.match(errors({ nextHearingOn: '2026-09-01' }).nextHearingOn!, /after the date of conviction/);
    assert.match(errors({ nextHearingOn: '2028-01-01' }).nextHearingOn!, /within a year/);
    assert.match(errors({ outcome: 'acquitted' }).outcome!, /Select the outcome/);
    assert.equal(validateConviction({ ...adjourned, outcome: 'adjourned' }, refs, person, today).ok, true, 'adjourned for another reason');
  });

  it('a sentence recorded later: on or after the conviction, not in the future', () => {
    const body = { sentenceType: 'community_order', sentencedOn: '2026-11-20', lengthMonths: '12', requirements: ['unpaid_work'], 'unpaid_work-hours': '100' };
    assert.ok(validateSentence(body, refs, person, today, { convictionDate: '2026-10-01' }).ok);
    const bad = validateSentence({ ...body, sentencedOn: '2026-09-01' }, refs, person, today, { convictionDate: '2026-10-01' });
    assert.match((bad as { errors: Record<string, string> }).errors.sentencedOn!, /on or after the date of conviction/);
    const future = validateSentence({ ...body, sentencedOn: '2026-12-01' }, refs, person, today, { convictionDate: '2026-10-01' });
    assert.match((future as { errors: Record<string, string> }).errors.sentencedOn!, /today or in the past/);
  });

  it('licence conditions: custody only, additional ones from the list with their detail', () => {
    const custody = { ...communityOrder, sentenceType: 'custody', lengthMonths: '12', requirements: [] };
    const ok = validateConviction({ ...custody, licenceConditions: ['NON_CONTACT', 'DRUG_TESTING'], 'licence-NON_CONTACT': 'Jane Doe' }, refs, person, today);
    assert.ok(ok.ok, JSON.stringify(!ok.ok && ok.errors));
    assert.deepEqual(ok.value.sentence!.licenceConditions.slice(2), [{ code: 'NON_CONTACT', detail: 'Jane Doe' }, { code: 'DRUG_TESTING', detail: null }]);
    const errors = (changes: Record<string, unknown>) => {
      const r = validateConviction({ ...custody, ...changes }, refs, person, today);
      return r.ok ? {} : r.errors;
    };
    assert.match(errors({ licenceConditions: ['NON_CONTACT'] })['licence-NON_CONTACT']!, /Enter the detail of the condition: who the person may not contact/);
    assert.match(errors({ licenceConditions: ['WELL_BEHAVED'] }).licenceConditions!, /additional licence conditions from the list/, 'standard ones are not chosen: they are always there');
    assert.match(errors({ licenceConditions: ['NOPE'] }).licenceConditions!, /from the list/);
    assert.match(validateConviction({ ...communityOrder, licenceConditions: ['DRUG_TESTING'] }, refs, person, today).ok ? '' : 'Licence conditions are for custodial sentences', /custodial/);
  });

  it('custody: conditional release at half the term (or another fraction), licence and sentence expiry, top-up supervision under 2 years', () => {
    // 12 months from 1 January 2026: 365 days; half is 182.5, rounded up to 183 days served.
    assert.deepEqual(licenceDates('2026-01-01', 12), { conditionalReleaseOn: '2026-07-03', sentenceExpiryOn: '2026-12-31', topUpEndsOn: '2027-07-02' });
    assert.deepEqual(licenceDates('2026-01-01', 12, 0.4), { conditionalReleaseOn: '2026-05-27', sentenceExpiryOn: '2026-12-31', topUpEndsOn: '2027-05-26' });
    assert.equal(licenceDates('2026-01-01', 12, 0.5, '2026-08-01').topUpEndsOn, '2027-07-31', 'top-up runs 12 months from the actual release');
    assert.equal(licenceDates('2026-01-01', 23).topUpEndsOn, '2027-12-16', 'under 2 years: top-up after the licence');
    assert.equal(licenceDates('2026-01-01', 24).topUpEndsOn, null, '2 years or more: no top-up supervision');
    assert.equal(licenceDates('2026-01-01', 48, 2 / 3).conditionalReleaseOn, '2028-09-01');
    const dates = keyDates({ type: 'custody', sentencedOn: '2026-01-01', lengthMonths: 12, supervisionMonths: null, releaseOn: null, releaseFraction: 0.5 });
    assert.equal(dates.expectedEndOn, '2026-12-31');
    assert.equal(dates.licence!.conditionalReleaseOn, '2026-07-03');
  });

  it('every order type\'s dates: community order, suspended sentence with and without a supervision period, custody', () => {
    const co = keyDates({ type: 'community_order', sentencedOn: '2026-03-01', lengthMonths: 36, supervisionMonths: null, releaseOn: null, releaseFraction: null });
    assert.deepEqual([co.expectedEndOn, co.requirementEndOn, co.licence], ['2029-02-28', '2029-02-28', null]);
    const sso = keyDates({ type: 'suspended_sentence_order', sentencedOn: '2026-03-01', lengthMonths: 18, supervisionMonths: 6, releaseOn: null, releaseFraction: null });
    assert.deepEqual([sso.expectedEndOn, sso.requirementEndOn], ['2027-08-31', '2026-08-31']);
  });

  it('follows up OGRS3 from the sentence, or from release after custody', () => {
    assert.equal(followUpStart({ sentence_type: 'community_order', sentenced_on: '2026-10-01', release_on: null }), '2026-10-01');
    assert.equal(followUpStart({ sentence_type: 'custody', sentenced_on: '2026-10-01', release_on: '2027-04-01' }), '2027-04-01');
  });

  it('knows when a case is unsupervised', () => {
    const s = (changes: Partial<SentenceFacts>): SentenceFacts => ({
      sentence_type: 'community_order', sentenced_on: '2026-01-01', release_on: null, licence_ends_on: null, expected_end_on: '2027-12-31', requirementCount: 1, ...changes,
    });
    assert.equal(supervisedToday(s({}), today), true);
    assert.equal(supervisedToday(s({ sentence_type: 'suspended_sentence_order', requirementCount: 0 }), today), false);
    assert.equal(supervisedToday(s({ sentence_type: 'custody', licence_ends_on: today }), today), true, 'the licence\'s last day is supervised');
    assert.equal(supervisedToday(s({ sentence_type: 'custody', licence_ends_on: '2026-11-22' }), today), false);
    assert.equal(supervisedToday(s({ sentence_type: 'custody', licence_ends_on: '2026-11-22', top_up_ends_on: '2027-05-01' }), today), true, 'top-up supervision supervises');
    assert.equal(unsupervised([], today), false, 'no sentence: no suffix');
    assert.equal(unsupervised([s({ sentence_type: 'suspended_sentence_order', requirementCount: 0 })], today), true);
    assert.equal(unsupervised([s({ sentence_type: 'suspended_sentence_order', requirementCount: 0 }), s({})], today), false);
  });

  it('ends a sentence with how, when and why', () => {
    assert.deepEqual(validateEnding({ status: 'terminated_early', endedOn: '2026-11-01', reason: 'Good progress' }, '2026-01-01', today),
      { ok: true, value: { status: 'terminated_early', endedOn: '2026-11-01', reason: 'Good progress' } });
    const bad = validateEnding({ status: 'escaped', 'endedOn-day': '1', 'endedOn-month': '1', 'endedOn-year': '2025', reason: ' ' }, '2026-01-01', today);
    assert.deepEqual(bad, { ok: false, errors: {
      status: 'Select how the sentence ended',
      endedOn: 'The date it ended must be on or after the date of sentence',
      reason: 'Enter the reason, for example the court\'s decision or the progress made',
    } });
    assert.match((validateEnding({ status: 'completed', endedOn: '2027-01-01', reason: 'x' }, '2026-01-01', today) as { errors: Record<string, string> }).errors.endedOn!, /today or in the past/);
  });
});
