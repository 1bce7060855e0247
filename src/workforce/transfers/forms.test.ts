import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Ranking } from '../allocation/ranking.ts';
import { excludeFromRanking, readDecisionForm, readRequestBody, readRequestForm, validateChoice, validateDecision, validateRequest } from './forms.ts';

const where = {
  teams: [{ id: 1, regionId: 1 }, { id: 2, regionId: 1 }, { id: 3, regionId: 2 }],
  practitioners: [{ id: 10, teamId: 1 }, { id: 11, teamId: 1 }, { id: 20, teamId: 2 }, { id: 30, teamId: 3 }],
};
const holding = { teamId: 1, practitionerId: 10 };
const form = (body: Record<string, string>) => validateRequest(readRequestForm(body), holding, where);

describe('the transfer request form', () => {
  it('moves to another practitioner in the same team', () => {
    assert.deepEqual(form({ destination: 'practitioner', practitionerId: '11', reason: 'Moved house', appointments: 'keep' }),
      { ok: true, value: { toTeamId: 1, toPractitionerId: 11, reason: 'Moved house', appointments: 'keep' } });
  });
  it('moves to another team, in another region, with or without a named practitioner', () => {
    assert.deepEqual(form({ destination: 'team', toTeamId: '3', reason: 'Moved to Leeds', appointments: 'reassign' }),
      { ok: true, value: { toTeamId: 3, toPractitionerId: null, reason: 'Moved to Leeds', appointments: 'reassign' } });
    assert.deepEqual(form({ destination: 'team', toTeamId: '2', toPractitionerId: '20', reason: 'r', appointments: 'keep' }),
      { ok: true, value: { toTeamId: 2, toPractitionerId: 20, reason: 'r', appointments: 'keep' } });
  });
  it('names each missing or wrong field', () => {
    assert.deepEqual(Object.keys(form({}).ok ? {} : (form({}) as { errors: object }).errors), ['destination', 'reason', 'appointments']);
    const same = form({ destination: 'practitioner', practitionerId: '10', reason: 'x', appointments: 'keep' });
    assert.match(!same.ok ? same.errors.practitionerId! : '', /other than the one holding/);
    const otherTeamsPerson = form({ destination: 'practitioner', practitionerId: '20', reason: 'x', appointments: 'keep' });
    assert.match(!otherTeamsPerson.ok ? otherTeamsPerson.errors.practitionerId! : '', /from this team/);
    const sameTeam = form({ destination: 'team', toTeamId: '1', reason: 'x', appointments: 'keep' });
    assert.match(!sameTeam.ok ? sameTeam.errors.toTeamId! : '', /other than the one holding/);
    const mismatch = form({ destination: 'team', toTeamId: '2', toPractitionerId: '30', reason: 'x', appointments: 'keep' });
    assert.match(!mismatch.ok ? mismatch.errors.toPractitionerId! : '', /must be in the team/);
    const long = form({ destination: 'team', toTeamId: '2', reason: 'x'.repeat(2001), appointments: 'maybe' });
    assert.deepEqual(!long.ok && Object.keys(long.errors), ['reason', 'appointments']);
    const nonsense = form({ destination: 'team', toTeamId: '1e309', reason: 'x', appointments: 'keep' });
    assert.match(!nonsense.ok ? nonsense.errors.toTeamId! : '', /Select the team/);
  });
  it('reads the API body into the same shape', () => {
    assert.deepEqual(validateRequest(readRequestBody({ toTeamId: 1, toPractitionerId: 11, reason: ' r ', appointments: 'keep' }, holding), holding, where),
      { ok: true, value: { toTeamId: 1, toPractitionerId: 11, reason: 'r', appointments: 'keep' } });
    const noOne = validateRequest(readRequestBody({ toTeamId: 1, reason: 'r', appointments: 'keep' }, holding), holding, where);
    assert.ok(!noOne.ok && noOne.errors.practitionerId);
  });
});

describe('the decision form', () => {
  it('a rejection needs a reason', () => {
    const r = validateDecision(readDecisionForm({ decision: 'reject', reason: '  ' }));
    assert.match(!r.ok ? r.errors.reason! : '', /reason for rejecting/);
    assert.deepEqual(validateDecision(readDecisionForm({ decision: 'reject', reason: 'No capacity' })), { ok: true, value: { decision: 'reject', reason: 'No capacity' } });
    assert.deepEqual(validateDecision(readDecisionForm({ decision: 'cancel' })), { ok: true, value: { decision: 'cancel', reason: null } });
    assert.ok(!validateDecision(readDecisionForm({ decision: 'maybe' })).ok);
  });
});

const candidate = (userId: number, name: string, over = false) => ({ userId, name, score: 50, capacityBefore: 80, capacityAfter: over ? 104.2 : 85, overCapacity: over, recentAllocations: 0, reasons: ['Capacity'] });
const ranking: Ranking = { recommendedUserId: 1, eligible: [candidate(1, 'Ann'), candidate(2, 'Ben'), candidate(3, 'Cat', true)], ineligible: [{ userId: 4, name: 'Dee', reasons: ['PSO: High RoSH cases need a qualified probation officer'] }] };

describe('choosing from a ranking', () => {
  it('takes the holder out and moves the recommendation on', () => {
    const r = excludeFromRanking(ranking, 1, 'Holds the case now');
    assert.equal(r.recommendedUserId, 2);
    assert.deepEqual(r.eligible.map((e) => e.userId), [2, 3]);
    assert.deepEqual(r.ineligible.map((e) => [e.name, e.reasons[0]]), [['Ann', 'Holds the case now'], ['Dee', ranking.ineligible[0]!.reasons[0]]]);
    assert.equal(excludeFromRanking(ranking, null, 'x'), ranking);
  });
  it('the recommendation needs nothing more; another choice needs a reason; over capacity needs a confirmation', () => {
    assert.deepEqual(validateChoice(ranking, 1, '', false), { ok: true, value: { practitionerId: 1, overrideReason: null, overCapacityConfirmed: false } });
    const override = validateChoice(ranking, 2, '', false);
    assert.match(!override.ok ? override.errors.overrideReason! : '', /rather than the recommended/);
    assert.deepEqual(validateChoice(ranking, 2, 'Knows the family', false), { ok: true, value: { practitionerId: 2, overrideReason: 'Knows the family', overCapacityConfirmed: false } });
    const over = validateChoice(ranking, 3, 'Only PO free', false);
    assert.match(!over.ok ? over.errors.confirmOverCapacity! : '', /104.2%/);
    assert.equal(validateChoice(ranking, 3, 'Only PO free', true).ok, true);
  });
  it('refuses someone not eligible, with the rule', () => {
    const r = validateChoice(ranking, 4, 'x', false);
    assert.match(!r.ok ? r.errors.practitionerId! : '', /Dee cannot hold this case: PSO/);
    assert.ok(!validateChoice(ranking, 99, '', false).ok);
  });
});
