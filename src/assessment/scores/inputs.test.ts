import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scoreOgp } from '../predictors/ogp.ts';
import { scoreOgrs3 } from '../predictors/ogrs3.ts';
import { scoreOvp } from '../predictors/ovp.ts';
import { ogpInputFrom, ogrs3InputFrom, ovpInputFrom, type PredictorFacts } from './inputs.ts';

const answers = {
  noFixedAbode: 0, unemployed: 2, regularOffendingLifestyle: 1, currentDrugMisuse: 0, motivationToTackleDrugMisuse: 0,
  problemSolving: 1, awarenessOfConsequences: 1, understandsOthersViews: 0, proCriminalAttitudes: 1,
  alcoholCurrentUseProblem: 2, alcoholExcessiveUse: 1, psychiatricTreatment: 0, temperControl: 2, recognisesImpactOfOffending: 2,
};
const facts: PredictorFacts = {
  person: { sex: 'male', dateOfBirth: '1990-06-01' },
  event: { eventId: 7, offenceCategory: 'violence', offenceDescription: 'Assault occasioning actual bodily harm', convictionDate: '2010-05-31', followUpStartDate: '2010-06-01' },
  history: { previousSanctions: 1, previousConvictions: null, violentSanctions: 1, firstSanctionDate: '2010-01-01', recordedOn: '2026-11-01', recordedBy: 'Lee Charlton' },
  needs: { version: 2, completedOn: '2026-10-01', answers },
};

describe('OGRS3 inputs from the record', () => {
  it('takes every input from the person, the current event and the criminal history, naming each source', () => {
    const gathered = ogrs3InputFrom(facts);
    assert.ok(gathered.ok);
    assert.deepEqual(gathered.input, {
      sex: 'male', dateOfBirth: '1990-06-01', followUpStartDate: '2010-06-01', currentConvictionDate: '2010-05-31',
      firstSanctionDate: '2010-01-01', previousSanctions: 1, offenceCategory: 'violence', currentSanction: 'conviction',
    });
    assert.equal(gathered.sources.dateOfBirth, 'Person record');
    assert.match(gathered.sources.offenceCategory!, /event 7.*actual bodily harm/);
    assert.match(gathered.sources.previousSanctions!, /Lee Charlton on 01\/11\/2026/);
    // Birthday-aware: 19 at conviction, 20 at follow-up; the same numbers as the worked example's second row.
    const scored = scoreOgrs3(gathered.input);
    assert.ok(scored.ok);
    assert.equal(scored.value.terms.ageAtFollowUpStart.value, 20);
  });

  it('asks for what the record does not hold instead of guessing', () => {
    const gathered = ogrs3InputFrom({ ...facts, event: null, history: null });
    assert.ok(!gathered.ok);
    assert.deepEqual(gathered.missing.map((m) => m.where), ['sentence', 'history']);
  });

  it('asks for the sentence date when the event has none yet', () => {
    const gathered = ogrs3InputFrom({ ...facts, event: { ...facts.event!, followUpStartDate: null } });
    assert.ok(!gathered.ok);
    assert.deepEqual(gathered.missing.map((m) => m.field), ['followUpStartDate']);
  });

  it('refuses an offence category the predictor does not know', () => {
    const gathered = ogrs3InputFrom({ ...facts, event: { ...facts.event!, offenceCategory: 'parking' } });
    assert.ok(!gathered.ok);
    assert.deepEqual(gathered.missing.map((m) => m.field), ['offenceCategory']);
  });

  it('passes previous convictions on when the history holds them', () => {
    const gathered = ogrs3InputFrom({ ...facts, history: { ...facts.history!, previousConvictions: 1 } });
    assert.ok(gathered.ok);
    assert.equal(gathered.input.previousConvictions, 1);
  });
});

describe('OGP and OVP inputs', () => {
  it('OGP reads the needs items and the OGRS3 percentage', () => {
    const gathered = ogpInputFrom(facts, 81);
    assert.ok(gathered.ok);
    assert.equal(gathered.input.ogrs3TwoYearPercent, 81);
    assert.equal(gathered.input.unemployed, true);
    assert.equal(gathered.input.noFixedAbode, false);
    assert.equal(gathered.input.regularOffendingLifestyle, 1);
    assert.match(gathered.sources.unemployed!, /Needs assessment version 2/);
    assert.ok(scoreOgp(gathered.input).ok);
  });

  it('OGP needs an OGRS3 score and a needs assessment', () => {
    const gathered = ogpInputFrom({ ...facts, needs: null }, null);
    assert.ok(!gathered.ok);
    assert.deepEqual(gathered.missing.map((m) => m.field), ['ogrs3', 'needs']);
  });

  it('names each unanswered item', () => {
    const { unemployed: _drop, ...rest } = answers;
    const gathered = ogpInputFrom({ ...facts, needs: { ...facts.needs!, answers: rest } }, 50);
    assert.ok(!gathered.ok);
    assert.deepEqual(gathered.missing.map((m) => m.field), ['unemployed']);
  });

  it('OVP counts the current sanction and reads "does not recognise the impact"', () => {
    const gathered = ovpInputFrom(facts);
    assert.ok(gathered.ok);
    assert.equal(gathered.input.totalSanctions, 2);
    assert.equal(gathered.input.violentSanctions, 1);
    assert.equal(gathered.input.recognisesImpactOfOffending, false);
    assert.equal(gathered.input.psychiatricTreatment, false);
    assert.ok(scoreOvp(gathered.input).ok);
  });

  it('OVP asks for the violent sanction count when the history lacks it', () => {
    const gathered = ovpInputFrom({ ...facts, history: { ...facts.history!, violentSanctions: null } });
    assert.ok(!gathered.ok);
    assert.deepEqual(gathered.missing.map((m) => m.field), ['violentSanctions']);
  });
});
