import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  parseCrn, parseCro, parseDateOfBirth, parseNiNumber, parseNomisNumber, parsePnc, parsePostcode, type Parsed,
} from '../people/identifiers.ts';
import { ETHNICITIES, generateCrns, generateDemoPeople, REFERENCE_DATE, RELIGIONS, SEXUAL_ORIENTATIONS } from './people.ts';

const today = new Date(`${REFERENCE_DATE}T12:00:00Z`);
const people = generateDemoPeople(2000, 20261123);
const share = (test: (person: (typeof people)[number]) => boolean) => people.filter(test).length / people.length;
const between = (value: number, low: number, high: number, what: string) =>
  assert.ok(value >= low && value <= high, `${what} is ${value.toFixed(3)}, expected ${low} to ${high}`);
/** The value is already in canonical form: parsing it gives it back unchanged. */
const canonical = (parsed: Parsed, value: string) => assert.deepEqual(parsed, { ok: true, value });
const ageOn = (dob: string) => Number(REFERENCE_DATE.slice(0, 4)) - Number(dob.slice(0, 4)) - (dob.slice(5) > REFERENCE_DATE.slice(5) ? 1 : 0);

describe('generateDemoPeople', () => {
  it('gives the same people for the same seed, and different people for another', () => {
    assert.deepEqual(generateDemoPeople(200, 7), generateDemoPeople(200, 7));
    assert.notDeepEqual(generateDemoPeople(50, 7), generateDemoPeople(50, 8));
    assert.deepEqual(generateDemoPeople(2000, 20261123), people);
  });

  it('generates 2,000 people well within a second', () => {
    const start = performance.now();
    generateDemoPeople(2000, 99);
    const elapsed = performance.now() - start;
    assert.ok(elapsed < 500, `took ${elapsed.toFixed(0)} ms`);
  });

  it('gives identifiers that pass the parsers in their canonical form', () => {
    for (const person of people) {
      if (person.pnc) canonical(parsePnc(person.pnc, today), person.pnc);
      if (person.cro) canonical(parseCro(person.cro), person.cro);
      if (person.nomisNumber) canonical(parseNomisNumber(person.nomisNumber), person.nomisNumber);
      // Without allowExamplePrefix: never QQ or a prefix that is not issued.
      if (person.niNumber) canonical(parseNiNumber(person.niNumber), person.niNumber);
      canonical(parseDateOfBirth(person.dateOfBirth, today), person.dateOfBirth);
      for (const alias of person.aliases) if (alias.dateOfBirth) canonical(parseDateOfBirth(alias.dateOfBirth, today), alias.dateOfBirth);
      for (const address of person.addresses) if (address.postcode) canonical(parsePostcode(address.postcode), address.postcode);
      if (person.phone) assert.match(person.phone, /^07700 900\d{3}$/);
      if (person.email) assert.match(person.email, /^[a-z0-9.]+@example\.(com|org|net)$/);
    }
  });

  it('gives each PNC, CRO, NOMIS and NI number to one person only', () => {
    for (const key of ['pnc', 'cro', 'nomisNumber', 'niNumber'] as const) {
      const values = people.map((person) => person[key]).filter((value) => value !== null);
      assert.equal(new Set(values).size, values.length, `${key} repeated`);
    }
  });

  it('dates PNC records from the 16th birthday year to 2026', () => {
    for (const person of people) {
      if (!person.pnc) continue;
      const year = Number(person.pnc.slice(0, 4));
      assert.ok(year >= Number(person.dateOfBirth.slice(0, 4)) + 16 && year <= 2026, `${person.pnc} for born ${person.dateOfBirth}`);
    }
  });

  it('has ages from 18 to 75, mostly in the 20s to 40s', () => {
    const ages = people.map((person) => ageOn(person.dateOfBirth));
    assert.ok(Math.min(...ages) >= 18 && Math.max(...ages) <= 75, `ages ${Math.min(...ages)} to ${Math.max(...ages)}`);
    between(ages.filter((age) => age >= 20 && age < 50).length / ages.length, 0.65, 0.9, 'share aged 20 to 49');
    const median = ages.sort((a, b) => a - b)[ages.length / 2]!;
    between(median, 28, 40, 'median age');
  });

  it('has a caseload-like mix of sex, identifiers and circumstances', () => {
    between(share((p) => p.sex === 'male'), 0.82, 0.88, 'share male');
    between(share((p) => p.pnc !== null), 0.87, 0.93, 'share with a PNC');
    between(share((p) => p.cro !== null), 0.66, 0.74, 'share with a CRO');
    between(share((p) => p.nomisNumber !== null), 0.31, 0.39, 'share with a NOMIS number');
    between(share((p) => p.niNumber !== null), 0.82, 0.88, 'share with an NI number');
    between(share((p) => p.aliases.length > 0), 0.17, 0.23, 'share with an alias');
    between(share((p) => p.addresses[0]!.line1 === 'No fixed abode'), 0.025, 0.055, 'share of no fixed abode');
    assert.ok(people.every((p) => p.aliases.length <= 2));
  });

  it('has varied names, mostly White British with the region\'s minority communities', () => {
    assert.ok(new Set(people.map((p) => p.lastName)).size >= 100, 'at least 100 distinct surnames');
    assert.ok(new Set(people.map((p) => p.firstName)).size >= 150, 'at least 150 distinct first names');
    between(share((p) => p.ethnicity === 'W1'), 0.82, 0.92, 'share White British');
    assert.ok(new Set(people.map((p) => p.ethnicity)).size >= 15, 'at least 15 ethnicities');
    // Women of Polish heritage carry the feminine form of the surname, and Kaur is a woman's name.
    assert.ok(people.every((p) => p.sex === 'male' || !/ski$/.test(p.lastName)));
    assert.ok(people.every((p) => p.sex === 'female' || p.lastName !== 'Kaur'));
  });

  it('uses only codes from the exported lists', () => {
    const codes = (list: { code: string }[]) => new Set(list.map((item) => item.code));
    const [ethnicities, religions, orientations] = [codes(ETHNICITIES), codes(RELIGIONS), codes(SEXUAL_ORIENTATIONS)];
    assert.equal(ethnicities.size, 20, 'the 19 ONS 2021 categories and not stated');
    assert.deepEqual(ETHNICITIES.find((e) => e.code === 'W2'), { code: 'W2', label: 'White: Irish', group: 'White' });
    for (const person of people) {
      assert.ok(ethnicities.has(person.ethnicity), person.ethnicity);
      assert.ok(religions.has(person.religion), person.religion);
      assert.ok(orientations.has(person.sexualOrientation), person.sexualOrientation);
    }
  });

  it('gives one main address and up to three earlier ones in date order', () => {
    for (const person of people) {
      const [main, ...previous] = person.addresses;
      assert.equal(main!.status, 'main');
      assert.equal(main!.endDate, null);
      assert.ok(previous.length <= 3 && previous.every((a) => a.status === 'previous'));
      if (main!.line1 === 'No fixed abode') assert.equal(main!.postcode, null);
      else assert.ok(main!.postcode);
      let after = main!.startDate;
      for (const address of previous) {
        assert.equal(address.endDate, after);
        assert.ok(address.startDate < address.endDate!);
        after = address.startDate;
      }
    }
  });
});

describe('generateCrns', () => {
  const crns = generateCrns(5000, 20261123, 'N');

  it('gives unique, valid CRNs under the letter, the same for the same seed', () => {
    assert.equal(new Set(crns).size, 5000);
    for (const crn of crns) canonical(parseCrn(crn), crn);
    assert.ok(crns.every((crn) => crn.startsWith('N')));
    assert.deepEqual(generateCrns(5000, 20261123, 'N'), crns);
    assert.match(generateCrns(1, 1)[0]!, /^X\d{6}$/);
  });

  it('does not look sequential', () => {
    const steps = crns.slice(1, 50).map((crn, i) => Math.abs(Number(crn.slice(1)) - Number(crns[i]!.slice(1))));
    assert.ok(steps.filter((step) => step === 1).length === 0, 'no consecutive numbers');
  });

  it('refuses a letter that is not one capital letter', () => {
    assert.throws(() => generateCrns(1, 1, 'xx'), /one capital letter/);
  });
});
