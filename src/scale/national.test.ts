import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCrn, parseCro, parseNiNumber, parseNomisNumber, parsePnc } from '../people/identifiers.ts';
import {
  apportion, CHUNK_SIZE, dealer, generateChunk, planNational, planPduStaff, REGION_WEIGHTS, scatter, type RegionRef,
} from './national.ts';

const LETTERS: Record<string, string> = { NE: 'A', NW: 'B', YH: 'C', GM: 'D', EM: 'E', WM: 'F', EE: 'G', LN: 'H', KSS: 'J', SW: 'K', SC: 'L', WA: 'M' };
const REGIONS: RegionRef[] = Object.entries(LETTERS).map(([code, crnLetter], i) => ({
  id: i + 1, code, crnLetter, pdus: Array.from({ length: 5 + (i % 4) }, (_, k) => ({ id: (i + 1) * 100 + k, code: `${code}-P${k}` })),
}));
const today = new Date('2026-11-23T12:00:00Z');

describe('national dataset generators', () => {
  it('apportions exactly and in proportion', () => {
    assert.deepEqual(apportion(10, [1, 1, 1]), [4, 3, 3]);
    const counts = apportion(2_000_000, Object.values(REGION_WEIGHTS));
    assert.equal(counts.reduce((a, b) => a + b, 0), 2_000_000);
  });

  it('scatters without collisions', () => {
    const seen = new Set<number>();
    for (let i = 0; i < 100_000; i++) seen.add(scatter(i, 100_000, 7));
    assert.equal(seen.size, 100_000);
  });

  it('spreads people and active cases across the regions by caseload', () => {
    const plan = planNational(REGIONS, 200_000, 24_000, 1);
    const total = Object.values(REGION_WEIGHTS).reduce((a, b) => a + b, 0);
    for (const region of plan.regions) {
      assert.ok(Math.abs(region.people - (200_000 * REGION_WEIGHTS[region.code]!) / total) <= 1, region.code);
      assert.equal(region.pdus.reduce((sum, pdu) => sum + pdu.active, 0), region.active);
    }
    const london = plan.regions.find((r) => r.code === 'LN')!;
    const northEast = plan.regions.find((r) => r.code === 'NE')!;
    assert.ok(london.people > 2.5 * northEast.people);
    assert.equal(plan.regions.reduce((sum, r) => sum + r.active, 0), 24_000);
  });

  it('is deterministic for a seed and differs between seeds', () => {
    const plan = planNational(REGIONS, 30_000, 3_000, 1);
    assert.deepEqual(generateChunk(plan, 1), generateChunk(plan, 1));
    const other = generateChunk(planNational(REGIONS, 30_000, 3_000, 2), 1);
    assert.notDeepEqual(generateChunk(plan, 1).map((p) => p.lastName), other.map((p) => p.lastName));
  });

  it('gives valid, unique identifiers and the region letter on every CRN', () => {
    const plan = planNational(REGIONS, 1_200_000, 100, 3);
    // The first chunks and ones past a million (the CRO number's second block).
    const people = [0, 1, 60, 100, 101, 119].flatMap((chunk) => generateChunk(plan, chunk));
    assert.equal(people.length, 6 * CHUNK_SIZE);
    for (const kind of ['crn', 'pnc', 'cro', 'nomisNumber', 'niNumber'] as const) {
      const values = people.map((p) => p[kind]).filter((v): v is string => v !== null);
      assert.equal(new Set(values).size, values.length, `${kind} values are unique`);
    }
    for (const person of people) {
      assert.ok(parseCrn(person.crn).ok);
      assert.equal(person.crn[0], plan.regions.find((r) => r.regionId === person.regionId)!.crnLetter);
      if (person.pnc) assert.deepEqual(parsePnc(person.pnc, today), { ok: true, value: person.pnc });
      if (person.cro) assert.ok(parseCro(person.cro).ok, person.cro);
      if (person.nomisNumber) assert.ok(parseNomisNumber(person.nomisNumber).ok, person.nomisNumber);
      if (person.niNumber) assert.ok(parseNiNumber(person.niNumber).ok, person.niNumber);
    }
  });

  it('draws surnames and ages unevenly, as a real caseload does', () => {
    const people = generateChunk(planNational(REGIONS, 10_000, 1_000, 4), 0);
    const surnames = new Map<string, number>();
    for (const p of people) surnames.set(p.lastName, (surnames.get(p.lastName) ?? 0) + 1);
    const counts = [...surnames.values()].sort((a, b) => b - a);
    assert.ok(counts[0]! > 10 * counts[Math.floor(counts.length / 2)]!, 'the commonest surname is far commoner than the median one');
    // A long tail, as in the population: thousands of names, none held by more than about 2%.
    assert.ok(surnames.size > 3_000, `${surnames.size} distinct surnames in 10,000 people`);
    assert.ok(counts[0]! < 0.025 * people.length, `the commonest surname is held by ${counts[0]} of ${people.length}`);
    assert.ok(counts.filter((n) => n === 1).length > 1_000, 'many surnames belong to one person only');
    const men = people.filter((p) => p.sex === 'male').length;
    assert.ok(men > 8_000 && men < 9_000);
    const thirties = people.filter((p) => p.dateOfBirth >= '1987' && p.dateOfBirth < '1997').length;
    const sixties = people.filter((p) => p.dateOfBirth >= '1957' && p.dateOfBirth < '1967').length;
    assert.ok(thirties > 4 * sixties);
  });

  it('staffs each PDU for caseloads of about 40 to 50 per probation officer', () => {
    const plan = planNational(REGIONS, 200_000, 24_000, 5);
    const pdu = plan.regions[0]!.pdus[0]!;
    const staff = planPduStaff(pdu, 5);
    assert.deepEqual(staff, planPduStaff(pdu, 5));
    const members = staff.staff.map((member, id) => ({ ...member, id }));
    const deal = dealer(members);
    const load = new Map<number, number>();
    for (let rank = 0; rank < pdu.active; rank++) {
      const { practitionerId } = deal(rank);
      if (practitionerId !== null) load.set(practitionerId, (load.get(practitionerId) ?? 0) + 1);
    }
    const poLoads = members.filter((m) => m.grade === 'PO').map((m) => load.get(m.id) ?? 0);
    const average = poLoads.reduce((a, b) => a + b, 0) / poLoads.length;
    assert.ok(average >= 38 && average <= 52, `PO average ${average}`);
    assert.ok(members.filter((m) => m.grade === 'SPO').every((m) => !load.has(m.id)));
  });
});
