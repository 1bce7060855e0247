import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { capacityPercent, formatDay, neededSpecialisms, postcodeDistrict, rankCandidates, type Candidate, type CaseForAllocation, type RankingRules } from './ranking.ts';

const TODAY = '2026-12-02';
// The seeded rules of migrations 0005 and 0013.
const RULES: RankingRules = {
  byRosh: {
    low: { grades: ['SPO', 'PO', 'PSO', 'PQiP'], explanation: 'Low RoSH cases may be held by any practitioner' },
    medium: { grades: ['SPO', 'PO', 'PSO'], explanation: 'Medium RoSH cases may be held by a probation officer or a PSO' },
    high: { grades: ['SPO', 'PO'], explanation: 'High RoSH cases need a qualified probation officer' },
    very_high: { grades: ['SPO', 'PO'], explanation: 'Very high RoSH cases need a qualified probation officer' },
  },
  byProtectLevel: {
    A: { grades: ['SPO', 'PO'], explanation: 'Protect level A cases are held by a probation officer' },
    C: { grades: ['SPO', 'PO', 'PSO'], explanation: 'Protect level C cases may be held by a probation officer or a PSO' },
    D: { grades: ['SPO', 'PO', 'PSO', 'PQiP'], explanation: 'Protect level D cases may be held by any practitioner' },
  },
};
const CASE: CaseForAllocation = {
  roshLevel: 'medium', protectLevel: 'C', sex: 'male', domesticAbuse: false, sexualOffending: false,
  previousPractitioners: [], psrAuthorId: null, pduId: 1,
};
let nextId = 1;
const cand = (o: Partial<Candidate> = {}): Candidate => ({
  userId: nextId++, name: 'Alex', grade: 'PO', totalPoints: 1000, availablePoints: 2000, capacityPercent: 50,
  pointsAdded: 100, absentUntil: null, protectedCaseload: false, specialisms: [], pduId: 1, recentAllocations: 0,
  excludedByAccessList: false, ...o,
});
const reasonsOf = (c: CaseForAllocation, p: Candidate) => {
  const r = rankCandidates(c, [p], RULES, TODAY);
  return r.eligible[0]?.reasons ?? r.ineligible[0]!.reasons;
};

describe('allocation ranking', () => {
  it('requires a qualified PO for high and very high RoSH, with the rule as the reason', () => {
    const pso = cand({ grade: 'PSO', name: 'Pat' });
    const po = cand({ grade: 'PO', name: 'Jo' });
    const r = rankCandidates({ ...CASE, roshLevel: 'high', protectLevel: 'C' }, [pso, po], RULES, TODAY);
    assert.deepEqual(r.eligible.map((e) => e.userId), [po.userId]);
    assert.equal(r.eligible[0]!.reasons[0], 'Qualified PO: required for high RoSH');
    assert.deepEqual(r.ineligible, [{ userId: pso.userId, name: 'Pat', reasons: ['PSO: High RoSH cases need a qualified probation officer'] }]);
    assert.equal(reasonsOf({ ...CASE, roshLevel: 'very_high' }, cand({ grade: 'PO' }))[0], 'Qualified PO: required for very high RoSH');
  });

  it('applies the tier grade rule and the access list', () => {
    assert.deepEqual(reasonsOf({ ...CASE, protectLevel: 'A', roshLevel: 'low' }, cand({ grade: 'PSO' })),
      ['PSO: Protect level A cases are held by a probation officer']);
    assert.deepEqual(reasonsOf(CASE, cand({ excludedByAccessList: true })), ['Excluded from this case by its access list']);
    assert.match(reasonsOf(CASE, cand({ grade: null }))[0]!, /^No grade: Medium RoSH/);
    assert.deepEqual(reasonsOf(CASE, cand({ availablePoints: 0, capacityPercent: 0 })), ['No points available: their hours are all reduced']);
  });

  it('shows capacity before and after the case, and flags going over 100%', () => {
    assert.ok(reasonsOf(CASE, cand({ capacityPercent: 78, totalPoints: 1560, availablePoints: 2000, pointsAdded: 122 })).includes('Capacity 78.0% → 84.1%'));
    const r = rankCandidates(CASE, [cand({ capacityPercent: 99, totalPoints: 1980, pointsAdded: 100 })], RULES, TODAY).eligible[0]!;
    assert.equal(r.capacityAfter, 104);
    assert.equal(r.overCapacity, true);
    assert.ok(r.reasons.includes('Would be over capacity'));
    assert.equal(capacityPercent(10, 0), 0);
    assert.equal(capacityPercent(0, 10), 0);
  });

  it('gives continuity: previous supervisor and the pre-sentence report author', () => {
    const p = cand();
    const c = { ...CASE, previousPractitioners: [{ userId: p.userId, from: '2024-03-01', to: '2025-06-30' }], psrAuthorId: p.userId };
    const reasons = reasonsOf(c, p);
    assert.ok(reasons.includes('Supervised this person 2024–2025'));
    assert.ok(reasons.includes('Wrote the pre-sentence report'));
    const q = cand();
    assert.ok(reasonsOf({ ...CASE, previousPractitioners: [{ userId: q.userId, from: '2025-01-01', to: null }] }, q).includes('Supervised this person 2025–now'));
  });

  it('matches specialisms the case needs', () => {
    const c = { ...CASE, roshLevel: 'high' as const, domesticAbuse: true, sexualOffending: true, sex: 'female' };
    assert.deepEqual(neededSpecialisms(c), ['domestic_abuse', 'women', 'sexual_offending', 'public_protection']);
    const reasons = reasonsOf(c, cand({ specialisms: ['Domestic abuse', 'women', 'sexual-offending', 'public_protection'] }));
    for (const r of ['Domestic abuse specialism matches', 'Women specialism matches', 'Sexual offending specialism matches', 'Public protection specialism matches']) {
      assert.ok(reasons.includes(r), r);
    }
    assert.ok(!reasonsOf(CASE, cand({ specialisms: ['domestic_abuse'] })).some((r) => r.includes('specialism')));
  });

  it('notes location, protected caseloads and absences', () => {
    assert.ok(reasonsOf(CASE, cand()).includes('Same PDU as the case'));
    assert.ok(!reasonsOf(CASE, cand({ pduId: 2 })).includes('Same PDU as the case'));
    const home = { ...CASE, postcode: 'ne6 2qx' };
    const byker = { name: 'Byker Hub', postcode: 'NE6 1DL' };
    assert.ok(reasonsOf(home, cand({ office: byker })).includes("Based at Byker Hub, in the person's postcode district (NE6)"));
    assert.equal(rankCandidates(home, [cand({ office: byker })], RULES, TODAY).eligible[0]!.score - rankCandidates(home, [cand()], RULES, TODAY).eligible[0]!.score, 10);
    assert.ok(!reasonsOf(home, cand({ office: { name: 'Pilgrim Street', postcode: 'NE1 6SG' } })).some((r) => r.startsWith('Based at')), 'another district');
    assert.ok(!reasonsOf({ ...CASE, postcode: null }, cand({ office: byker })).some((r) => r.startsWith('Based at')), 'no fixed abode');
    assert.equal(postcodeDistrict('NE61 1AA'), 'NE61');
    assert.equal(postcodeDistrict('SW1A 1AA'), 'SW1A');
    assert.equal(postcodeDistrict('nonsense'), null);
    assert.ok(reasonsOf(CASE, cand({ protectedCaseload: true })).includes('Protected caseload (newly qualified)'));
    assert.ok(reasonsOf(CASE, cand({ absentUntil: '2026-12-12' })).includes('Absent until 12 December'));
    assert.ok(!reasonsOf(CASE, cand({ absentUntil: '2026-12-01' })).some((r) => r.startsWith('Absent')));
    assert.equal(formatDay('2027-01-04', TODAY), '4 January 2027');
  });

  it('is not a sort by caseload alone: continuity outranks a little more headroom', () => {
    const emptier = cand({ name: 'Emptier', capacityPercent: 40, totalPoints: 800 });
    const known = cand({ name: 'Known', capacityPercent: 60, totalPoints: 1200 });
    const r = rankCandidates({ ...CASE, psrAuthorId: known.userId }, [emptier, known], RULES, TODAY);
    assert.deepEqual(r.eligible.map((e) => e.name), ['Known', 'Emptier']);
    assert.equal(r.recommendedUserId, known.userId);
  });

  it('breaks ties by capacity after, then recent allocations, then name, then id', () => {
    // Scores are headroom (100 − capacity after) + 10 for the same PDU.
    const a = cand({ name: 'A', totalPoints: 1000, pointsAdded: 100 }); // after 55, score 45 + 10 PDU
    const b = cand({ name: 'B', totalPoints: 700, pointsAdded: 100, pduId: 2 }); // after 40, score 60 → higher
    const c = cand({ name: 'C', totalPoints: 900, pointsAdded: 100, pduId: 2 }); // after 50, score 50
    const d = cand({ name: 'D', totalPoints: 1100, pointsAdded: 100 }); // after 60, score 50
    const order = rankCandidates(CASE, [d, c, a, b], RULES, TODAY).eligible.map((e) => e.name);
    assert.deepEqual(order, ['B', 'A', 'C', 'D']); // C and D tie on 50: C has the lower capacity after
    const x = cand({ name: 'Xavier', recentAllocations: 2 });
    const y = cand({ name: 'Yusuf', recentAllocations: 1 });
    assert.deepEqual(rankCandidates(CASE, [x, y], RULES, TODAY).eligible.map((e) => e.name), ['Yusuf', 'Xavier']);
    const m = cand({ name: 'Morgan' });
    const l = cand({ name: 'Lee' });
    assert.deepEqual(rankCandidates(CASE, [m, l], RULES, TODAY).eligible.map((e) => e.name), ['Lee', 'Morgan']);
    const s1 = cand({ name: 'Sam' });
    const s2 = cand({ name: 'Sam' });
    assert.deepEqual(rankCandidates(CASE, [s2, s1], RULES, TODAY).eligible.map((e) => e.userId), [s1.userId, s2.userId]);
  });

  it('recommends no one when nobody is eligible', () => {
    const r = rankCandidates({ ...CASE, roshLevel: 'high' }, [cand({ grade: 'PSO' })], RULES, TODAY);
    assert.equal(r.recommendedUserId, null);
    assert.equal(r.eligible.length, 0);
  });
});
