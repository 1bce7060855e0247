import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RULES } from './requirements.fixture.ts';
import { describeRequirement, fieldsOf, forecastKey, requirementDates, validateRequirement } from './requirements.ts';

const programmes = [{ code: 'TSP', name: 'Thinking Skills Programme', sessions_typical: 19, weeks_typical: 10 }, { code: 'BBR', name: 'Building Better Relationships', sessions_typical: 30, weeks_typical: 24 }];
// A 24-month community order made on 1 October 2026, for someone aged 30.
const order = { sentencedOn: '2026-10-01', endOn: '2028-09-30', ageAtSentence: 30 };
const shortOrder = { ...order, endOn: '2027-03-31' }; // 6 months

const check = (type: string, fields: Record<string, unknown>, o = order) => validateRequirement(RULES[type]!, fields, o, programmes);
const errorsOf = (type: string, fields: Record<string, unknown>, o = order) => {
  const result = check(type, fields, o);
  return result.ok ? {} : result.errors;
};

describe('requirement rules', () => {
  it('unpaid work: 40 to 300 hours, worked within 12 months but not after the order', () => {
    assert.deepEqual(check('unpaid_work', { hours: '120' }), { ok: true, value: { type: 'unpaid_work', units: 120, programme: null, details: {} } });
    assert.ok(check('unpaid_work', { hours: '40' }).ok);
    assert.ok(check('unpaid_work', { hours: 300 }).ok, 'a number from the API');
    assert.match(errorsOf('unpaid_work', { hours: '39' }).hours!, /from 40 to 300/);
    assert.match(errorsOf('unpaid_work', { hours: '301' }).hours!, /from 40 to 300/);
    assert.match(errorsOf('unpaid_work', { hours: '12.5' }).hours!, /whole number/);
    assert.match(errorsOf('unpaid_work', {}).hours!, /Enter the number of hours of unpaid work/);
    const r = { units: 120, details: {} };
    assert.deepEqual(requirementDates(RULES.unpaid_work!, r, '2026-10-01', order.endOn), { startOn: '2026-10-01', endOn: '2027-09-30', note: null });
    const cut = requirementDates(RULES.unpaid_work!, r, '2026-10-01', shortOrder.endOn);
    assert.equal(cut.endOn, '2027-03-31', 'never after the order');
    assert.match(cut.note!, /before the 12 months allowed for the hours/);
    assert.match(requirementDates(RULES.unpaid_work!, r, '2027-04-10', shortOrder.endOn).note!, /after the order ends/);
  });

  it('rehabilitation activity: a positive whole number of days, up to the service\'s bound of 120', () => {
    assert.equal((check('rehabilitation_activity', { days: '20' }) as { value: { units: number } }).value.units, 20);
    assert.ok(check('rehabilitation_activity', { days: '120' }).ok);
    assert.match(errorsOf('rehabilitation_activity', { days: '0' }).days!, /from 1 to 120/);
    assert.match(errorsOf('rehabilitation_activity', { days: '121' }).days!, /from 1 to 120/);
    assert.match(errorsOf('rehabilitation_activity', { days: '-3' }).days!, /whole number/);
    assert.equal(requirementDates(RULES.rehabilitation_activity!, { units: 20, details: {} }, '2026-11-01', order.endOn).endOn, order.endOn, 'runs to the order\'s end');
  });

  it('accredited programme: a programme from the list and a number of sessions', () => {
    assert.deepEqual(check('accredited_programme', { programme: 'TSP', sessions: '19' }), { ok: true, value: { type: 'accredited_programme', units: 19, programme: 'TSP', details: {} } });
    assert.deepEqual(errorsOf('accredited_programme', {}), { programme: 'Select the accredited programme', sessions: 'Enter the number of sessions of accredited programme' });
    assert.match(errorsOf('accredited_programme', { programme: 'YOGA', sessions: '10' }).programme!, /from the list/);
    assert.match(errorsOf('accredited_programme', { programme: 'BBR', sessions: '0' }).sessions!, /from 1 to 120/);
    assert.equal(forecastKey({ type: 'accredited_programme', programme: 'TSP' }), 'accredited_programme:TSP');
    assert.equal(forecastKey({ type: 'unpaid_work', programme: null }), 'unpaid_work');
  });

  for (const type of ['drug_rehabilitation', 'alcohol_treatment', 'mental_health_treatment']) {
    it(`${type}: treatment months within the order, residential or not, and consent`, () => {
      const good = { months: '6', residential: 'non_residential', consent: 'yes', ...(type === 'drug_rehabilitation' ? { testsPerMonth: '4' } : {}) };
      const result = check(type, good);
      assert.ok(result.ok, JSON.stringify(!result.ok && result.errors));
      assert.deepEqual(result.value.details, { months: 6, residential: false, consent: true, ...(type === 'drug_rehabilitation' ? { testsPerMonth: 4 } : {}) });
      assert.match(errorsOf(type, { ...good, consent: undefined }).consent!, /expresses willingness to comply: confirm they have consented/);
      assert.match(errorsOf(type, { ...good, consent: 'no' }).consent!, /consent/);
      assert.match(errorsOf(type, { ...good, residential: '' }).residential!, /residential or non-residential/);
      assert.match(errorsOf(type, { ...good, months: '' }).months!, /Enter the treatment period/);
      assert.match(errorsOf(type, { ...good, months: '7' }, shortOrder).months!, /cannot run past the end of the order on 31 March 2027: at most 6 months/);
      assert.ok(check(type, good, shortOrder).ok, '6 months in a 6-month order');
      assert.equal(requirementDates(RULES[type]!, result.value, '2026-10-01', order.endOn).endOn, '2027-03-31');
    });
  }

  it('drug rehabilitation has testing: at least one test a month', () => {
    const good = { months: '6', residential: 'residential', consent: 'yes' };
    assert.match(errorsOf('drug_rehabilitation', good).testsPerMonth!, /Enter the minimum number of drug tests a month/);
    assert.match(errorsOf('drug_rehabilitation', { ...good, testsPerMonth: '0' }).testsPerMonth!, /from 1 to 31/);
    assert.equal((check('drug_rehabilitation', { ...good, testsPerMonth: '8' }) as { value: { details: { residential: boolean } } }).value.details.residential, true);
  });

  it('curfew: 2 to 20 hours a day, 112 a week, up to 24 months within the order, monitored unless the court says why not', () => {
    const good = { hoursPerDay: '12', daysPerWeek: '7', months: '6', place: '12 Front Street', electronicMonitoring: 'yes' };
    assert.deepEqual(check('curfew', good), { ok: true, value: { type: 'curfew', units: null, programme: null, details: { hoursPerDay: 12, daysPerWeek: 7, months: 6, place: '12 Front Street', electronicMonitoring: true } } });
    assert.ok(check('curfew', { ...good, hoursPerDay: '16' }).ok, '16 x 7 = 112, the weekly maximum');
    assert.ok(check('curfew', { ...good, hoursPerDay: '20', daysPerWeek: '5' }).ok, '20 hours on 5 days = 100');
    assert.match(errorsOf('curfew', { ...good, hoursPerDay: '20' }).daysPerWeek!, /140 hours a week: a curfew can be at most 112 hours in any week/);
    assert.match(errorsOf('curfew', { ...good, hoursPerDay: '1' }).hoursPerDay!, /from 2 to 20/);
    assert.match(errorsOf('curfew', { ...good, hoursPerDay: '21' }).hoursPerDay!, /from 2 to 20/);
    assert.match(errorsOf('curfew', { ...good, daysPerWeek: '8' }).daysPerWeek!, /from 1 to 7/);
    assert.match(errorsOf('curfew', { ...good, months: '25' }, { ...order, endOn: '2029-09-30' }).months!, /at most 24 months, the most the law allows/);
    assert.match(errorsOf('curfew', { ...good, months: '7' }, shortOrder).months!, /cannot run past the end of the order/);
    assert.match(errorsOf('curfew', { ...good, place: '' }).place!, /Enter the address/);
    assert.match(errorsOf('curfew', { ...good, electronicMonitoring: '' }).electronicMonitoring!, /Select whether the curfew is electronically monitored/);
    assert.match(errorsOf('curfew', { ...good, electronicMonitoring: 'no' }).monitoringReason!, /Enter why the curfew is not electronically monitored/);
    const unmonitored = check('curfew', { ...good, electronicMonitoring: 'no', monitoringReason: 'No signal at the address' });
    assert.ok(unmonitored.ok);
    assert.equal(unmonitored.value.details.monitoringReason, 'No signal at the address');
    assert.equal(requirementDates(RULES.curfew!, unmonitored.value, '2026-10-01', order.endOn).endOn, '2027-03-31');
  });

  it('exclusion: the place, up to 2 years, electronic monitoring yes or no', () => {
    const good = { place: 'Newcastle city centre', months: '12', electronicMonitoring: 'yes' };
    assert.ok(check('exclusion', good).ok);
    assert.match(errorsOf('exclusion', { ...good, place: ' ' }).place!, /Enter the place or area/);
    assert.match(errorsOf('exclusion', { ...good, place: 'x'.repeat(501) }).place!, /500 characters or fewer/);
    assert.match(errorsOf('exclusion', { ...good, months: '25' }, { ...order, endOn: '2029-09-30' }).months!, /at most 24 months/);
    assert.match(errorsOf('exclusion', { ...good, electronicMonitoring: 'no' }).monitoringReason!, /must impose monitoring unless/);
  });

  it('residence and prohibited activity: the address, the activity', () => {
    assert.deepEqual(check('residence', { address: '3 Station Road, Gateshead' }), { ok: true, value: { type: 'residence', units: null, programme: null, details: { address: '3 Station Road, Gateshead' } } });
    assert.match(errorsOf('residence', {}).address!, /Enter the address where the person must live/);
    assert.ok(check('prohibited_activity', { activity: 'Attending football matches' }).ok);
    assert.match(errorsOf('prohibited_activity', { activity: '' }).activity!, /Enter the activity/);
  });

  it('alcohol abstinence: up to 120 days within the order, always monitored', () => {
    const result = check('alcohol_abstinence', { days: '90' });
    assert.ok(result.ok);
    assert.deepEqual(result.value.details, { electronicMonitoring: true });
    assert.match(errorsOf('alcohol_abstinence', { days: '121' }).days!, /from 1 to 120/);
    assert.match(errorsOf('alcohol_abstinence', { days: '120' }, { ...order, endOn: '2026-12-31' }).days!, /cannot fit before the order ends on 31 December 2026/);
    assert.equal(requirementDates(RULES.alcohol_abstinence!, result.value, '2026-10-01', order.endOn).endOn, '2026-12-29');
  });

  it('attendance centre: 12 to 36 hours, only under 25 on the day of sentence', () => {
    assert.ok(check('attendance_centre', { hours: '24' }, { ...order, ageAtSentence: 24 }).ok);
    assert.match(errorsOf('attendance_centre', { hours: '24' }, { ...order, ageAtSentence: 25 }).type!, /only for people aged under 25 when sentenced; this person was 25/);
    assert.match(errorsOf('attendance_centre', { hours: '11' }, { ...order, ageAtSentence: 19 }).hours!, /from 12 to 36/);
    assert.match(errorsOf('attendance_centre', { hours: '37' }, { ...order, ageAtSentence: 19 }).hours!, /from 12 to 36/);
  });

  it('knows each type\'s fields and describes a requirement in words', () => {
    assert.deepEqual(fieldsOf(RULES.curfew!), ['hoursPerDay', 'daysPerWeek', 'months', 'place', 'electronicMonitoring', 'monitoringReason']);
    assert.deepEqual(fieldsOf(RULES.accredited_programme!), ['programme', 'sessions']);
    assert.deepEqual(fieldsOf(RULES.drug_rehabilitation!), ['months', 'residential', 'testsPerMonth', 'consent']);
    assert.deepEqual(fieldsOf(RULES.alcohol_abstinence!), ['days'], 'monitoring is required, so not asked');
    assert.equal(describeRequirement(RULES.curfew!, { units: null, details: { hoursPerDay: 12, daysPerWeek: 7, months: 3, place: '1 Front Street', electronicMonitoring: true } }),
      '12 hours a day, 7 days a week; for 3 months; 1 Front Street; electronically monitored');
    assert.equal(describeRequirement(RULES.accredited_programme!, { units: 19, details: {}, programmeName: 'Thinking Skills Programme' }), 'Thinking Skills Programme; 19 sessions');
    assert.equal(describeRequirement(RULES.rehabilitation_activity!, { units: 1, details: {} }), '1 day');
  });
});
