/**
 * Synthetic people for the demonstration region (North East). No real person's data: names are
 * drawn at random, phone numbers come from Ofcom's drama range and email addresses use example.com.
 */
import { croCheckLetter, pncCheckLetter } from '../people/identifiers.ts';
import * as reference from '../people/reference-data.ts';
import {
  BRITISH_FEMALE_BY_ERA, BRITISH_MALE_BY_ERA, BRITISH_SURNAMES, femaleForm, NICKNAMES, POOLS, STREETS, TOWNS,
  type Heritage, type Surname,
} from './names.ts';
import { Random } from './random.ts';

export interface DemoAddress {
  line1: string; line2: string | null; town: string; postcode: string | null;
  status: 'main' | 'previous'; startDate: string; endDate: string | null;
}

export interface DemoPerson {
  firstName: string; middleNames: string | null; lastName: string; preferredName: string | null;
  dateOfBirth: string;
  sex: 'male' | 'female';
  genderIdentity: 'same_as_sex' | 'different_from_sex' | 'prefer_not_to_say' | null;
  ethnicity: string; religion: string; sexualOrientation: string;
  disability: 'yes' | 'no' | 'prefer_not_to_say';
  pnc: string | null; cro: string | null; nomisNumber: string | null; niNumber: string | null;
  email: string | null; phone: string | null;
  aliases: { firstName: string; lastName: string; dateOfBirth: string | null }[];
  addresses: DemoAddress[];
}

// The same codes the person form offers, so demonstration data never holds one it cannot show.
export const ETHNICITIES = reference.ETHNICITIES.map(({ value, text }) => ({ code: value, label: text, group: text.split(':')[0]! }));
export const RELIGIONS = reference.RELIGIONS.map(({ value, text }) => ({ code: value, label: text }));
export const SEXUAL_ORIENTATIONS = reference.SEXUAL_ORIENTATIONS.map(({ value, text }) => ({ code: value, label: text }));

/** Ages on the reference date. */
export const REFERENCE_DATE = '2026-11-23';
const REFERENCE_YEAR = 2026;
const DAY = 86_400_000;

type Weighted<T> = readonly (readonly [T, number])[];

// Roughly the North East caseload, about nine in ten White British, and the names each group carries.
const ETHNICITY_MIX: readonly (readonly [code: string, weight: number, heritage: Weighted<Heritage>])[] = [
  ['W1', 87, [['british', 1]]], ['W2', 0.4, [['british', 1]]], ['W3', 0.8, [['british', 1]]],
  ['W4', 0.2, [['easternEuropean', 1]]], ['W9', 2.2, [['easternEuropean', 3], ['british', 1]]],
  ['M1', 0.8, [['british', 2], ['caribbean', 1]]], ['M2', 0.3, [['british', 1], ['african', 1]]],
  ['M3', 0.5, [['british', 2], ['pakistaniBangladeshi', 1]]], ['M9', 0.4, [['british', 1]]],
  ['A1', 0.4, [['indian', 1]]], ['A2', 1, [['pakistaniBangladeshi', 1]]], ['A3', 0.7, [['pakistaniBangladeshi', 1]]],
  ['A4', 0.2, [['chinese', 1]]], ['A9', 0.4, [['pakistaniBangladeshi', 1], ['middleEastern', 1]]],
  ['B1', 0.3, [['caribbean', 1]]], ['B2', 0.9, [['african', 1]]], ['B9', 0.2, [['african', 1], ['caribbean', 1]]],
  ['O1', 0.4, [['middleEastern', 1]]], ['O9', 0.5, [['middleEastern', 1], ['british', 1]]],
  ['NS', 1.9, [['british', 9], ['easternEuropean', 1]]],
];
const PREFER_NOT: readonly ['prefer_not_to_say', number] = ['prefer_not_to_say', 8];
const RELIGION: Record<Heritage, Weighted<string>> = {
  british: [['none', 50], ['christian', 38], ['muslim', 0.5], ['buddhist', 0.4], ['jewish', 0.2], ['other', 1], PREFER_NOT],
  pakistaniBangladeshi: [['muslim', 88], ['none', 4], PREFER_NOT],
  indian: [['sikh', 40], ['hindu', 40], ['muslim', 5], ['christian', 3], ['none', 4], PREFER_NOT],
  chinese: [['none', 55], ['buddhist', 15], ['christian', 15], PREFER_NOT],
  easternEuropean: [['christian', 70], ['none', 20], PREFER_NOT],
  african: [['christian', 45], ['muslim', 40], ['none', 5], PREFER_NOT],
  caribbean: [['christian', 50], ['none', 30], ['other', 5], PREFER_NOT],
  middleEastern: [['muslim', 80], ['none', 5], ['christian', 3], PREFER_NOT],
};
const ORIENTATION: Weighted<string> = [['heterosexual', 88], ['gay_or_lesbian', 2], ['bisexual', 2], ['other', 0.5], ['prefer_not_to_say', 7.5]];
const DISABILITY: Weighted<DemoPerson['disability']> = [['no', 60], ['yes', 32], ['prefer_not_to_say', 8]];
const GENDER_IDENTITY: Weighted<DemoPerson['genderIdentity']> = [['same_as_sex', 86], ['different_from_sex', 0.8], ['prefer_not_to_say', 5], [null, 8]];
// Probation caseloads are concentrated in the 20s to 40s.
const AGE_BANDS: Weighted<readonly [number, number]> = [[[18, 24], 20], [[25, 34], 34], [[35, 44], 25], [[45, 54], 13], [[55, 64], 6], [[65, 75], 2]];

const NI_FIRST = [...'ABCEGHJKLMNOPRSTWXYZ'];
const NI_SECOND = [...'ABCEGHJKLMNPRSTWXYZ'];
const NI_NOT_ISSUED = new Set(['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ']);
const INWARD_LETTERS = [...'ABDEFGHJLNPQRSTUWXYZ'];
const LETTERS = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'];
const WEIGHTED_TOWNS = TOWNS.map((town) => [town, town.weight] as const);
const WEIGHTED_ETHNICITIES = ETHNICITY_MIX.map((entry) => [entry, entry[1]] as const);

const iso = (time: number) => new Date(time).toISOString().slice(0, 10);
const addDays = (date: string, days: number) => iso(Date.parse(date) + days * DAY);
const pad = (n: number, width: number) => String(n).padStart(width, '0');

// Surnames by heritage and sex, filtered once rather than per person.
const surnameCache = new Map<string, Weighted<string>>();
function surnames(heritage: Heritage, sex: DemoPerson['sex']): Weighted<string> {
  const key = `${heritage}/${sex}`;
  let list = surnameCache.get(key);
  if (!list) {
    const all: readonly Surname[] = heritage === 'british' ? BRITISH_SURNAMES : POOLS[heritage].surnames;
    list = all.filter(([, , only]) => !only || only === sex).map(([name, weight]) => [sex === 'female' ? femaleForm(name) : name, weight] as const);
    surnameCache.set(key, list);
  }
  return list;
}

/** British first names follow fashion: a Gary was likely born in the 1960s, a Tyler after 1990. */
function firstNames(random: Random, heritage: Heritage, sex: DemoPerson['sex'], birthYear: number): readonly string[] {
  if (heritage !== 'british') return POOLS[heritage][sex];
  const eras = sex === 'male' ? BRITISH_MALE_BY_ERA : BRITISH_FEMALE_BY_ERA;
  const weights = birthYear < 1975 ? [8, 2, 0] : birthYear < 1990 ? [1.5, 7, 1.5] : [0, 2, 8];
  return random.weighted(eras.map((names, era) => [names, weights[era]!] as const));
}

function dateOfBirth(random: Random): string {
  const [youngest, oldest] = random.weighted(AGE_BANDS);
  const age = random.int(youngest, oldest);
  // Aged `age` on the reference date: born after that date `age + 1` years earlier, on or before it `age` years earlier.
  const latest = Date.UTC(REFERENCE_YEAR - age, 10, 23);
  const earliest = Date.UTC(REFERENCE_YEAR - age - 1, 10, 24);
  return iso(earliest + random.int(0, (latest - earliest) / DAY) * DAY);
}

/** Draws until the value is new to the set: identifiers are unique within a generated set. */
function unique(seen: Set<string>, make: () => string): string {
  for (;;) {
    const value = make();
    if (!seen.has(value)) {
      seen.add(value);
      return value;
    }
  }
}

function address(random: Random, place: (typeof TOWNS)[number], status: DemoAddress['status'], startDate: string, endDate: string | null): DemoAddress {
  const postcode = `${place.area}${random.pick(place.districts)} ${random.int(0, 9)}${random.pick(INWARD_LETTERS)}${random.pick(INWARD_LETTERS)}`;
  const flat = random.chance(0.25);
  return {
    line1: flat ? `Flat ${random.int(1, 24)}` : `${random.int(1, 180)} ${random.pick(STREETS)}`,
    line2: flat ? `${random.int(1, 90)} ${random.pick(STREETS)}` : null,
    town: place.town,
    postcode,
    status,
    startDate,
    endDate,
  };
}

/** The main address now and up to three earlier ones, most often in the same town. About 4% have no fixed abode. */
function addresses(random: Random): DemoAddress[] {
  const home = random.weighted(WEIGHTED_TOWNS);
  const movedIn = addDays(REFERENCE_DATE, -random.int(30, 2500));
  const result = [random.chance(0.04)
    ? { line1: 'No fixed abode', line2: null, town: home.town, postcode: null, status: 'main' as const, startDate: movedIn, endDate: null }
    : address(random, home, 'main', movedIn, null)];
  let until = movedIn;
  for (let n = random.weighted([[0, 40], [1, 35], [2, 17], [3, 8]] as const); n > 0; n--) {
    const from = addDays(until, -random.int(120, 1500));
    result.push(address(random, random.chance(0.7) ? home : random.weighted(WEIGHTED_TOWNS), 'previous', from, until));
    until = from;
  }
  return result;
}

/** Synthetic people for the demonstration region: realistic, varied and reproducible from the seed. */
export function generateDemoPeople(count: number, seed: number): DemoPerson[] {
  const random = new Random(seed);
  const seen = { pnc: new Set<string>(), cro: new Set<string>(), nomis: new Set<string>(), ni: new Set<string>() };
  const people: DemoPerson[] = [];
  for (let i = 0; i < count; i++) {
    const sex = random.chance(0.85) ? 'male' : 'female';
    const [ethnicity, , heritages] = random.weighted(WEIGHTED_ETHNICITIES);
    const heritage = random.weighted(heritages);
    const dob = dateOfBirth(random);
    const birthYear = Number(dob.slice(0, 4));
    const names = firstNames(random, heritage, sex, birthYear);
    const firstName = random.pick(names);
    const lastName = random.weighted(surnames(heritage, sex));

    // Police records start at the first arrest, most often in the late teens or twenties.
    const firstYear = birthYear + 16;
    const pncYear = firstYear + Math.floor(random.next() ** 2 * (REFERENCE_YEAR - firstYear + 1));
    const pnc = random.chance(0.9)
      ? unique(seen.pnc, () => {
          const serial = random.int(1, 999_999);
          return `${pncYear}/${pad(serial, 7)}${pncCheckLetter(pncYear, serial)}`;
        })
      : null;
    // A CRO number follows a recorded conviction, so only people with a PNC record have one (70% overall).
    const cro = pnc && random.chance(0.78)
      ? unique(seen.cro, () => {
          const year = pad(random.int(pncYear, REFERENCE_YEAR) % 100, 2);
          const serial = pad(random.int(1, 999_999), 6);
          return `${serial}/${year}${croCheckLetter(year, serial)}`;
        })
      : null;
    const nomisNumber = random.chance(0.35)
      ? unique(seen.nomis, () => `${random.pick(['A', 'A', 'A', 'G'])}${pad(random.int(0, 9999), 4)}${random.pick(LETTERS)}${random.pick(LETTERS)}`)
      : null;
    const niNumber = random.chance(0.85)
      ? unique(seen.ni, () => {
          let prefix: string;
          do prefix = random.pick(NI_FIRST) + random.pick(NI_SECOND);
          while (NI_NOT_ISSUED.has(prefix));
          return `${prefix}${pad(random.int(0, 999_999), 6)}${random.pick(['A', 'B', 'C', 'D'])}`;
        })
      : null;

    // Names the police have also recorded: another surname, a used first name, a date of birth given wrongly.
    const aliases: DemoPerson['aliases'] = [];
    for (let n = random.chance(0.2) ? random.weighted([[1, 3], [2, 1]] as const) : 0; n > 0; n--) {
      const kind = random.weighted([['lastName', 5], ['firstName', 3], ['dateOfBirth', 2]] as const);
      let alias: DemoPerson['aliases'][number] = { firstName, lastName, dateOfBirth: random.chance(0.5) ? dob : null };
      if (kind === 'lastName') while (alias.lastName === lastName) alias = { ...alias, lastName: random.weighted(surnames(heritage, sex)) };
      if (kind === 'firstName') while (alias.firstName === firstName) alias = { ...alias, firstName: random.pick(names) };
      if (kind === 'dateOfBirth') alias = { ...alias, dateOfBirth: addDays(dob, random.int(1, 400) * (random.chance(0.5) ? 1 : -1)) };
      aliases.push(alias);
    }
    const nickname = NICKNAMES[firstName];

    people.push({
      firstName,
      middleNames: random.chance(0.5) ? random.pick(names.filter((name) => name !== firstName)) : null,
      lastName,
      preferredName: nickname && random.chance(0.35) ? nickname : null,
      dateOfBirth: dob,
      sex,
      genderIdentity: random.weighted(GENDER_IDENTITY),
      ethnicity,
      religion: random.weighted(RELIGION[heritage]),
      sexualOrientation: random.weighted(ORIENTATION),
      disability: random.weighted(DISABILITY),
      pnc,
      cro,
      nomisNumber,
      niNumber,
      email: random.chance(0.4)
        ? `${firstName}.${lastName}${random.int(1, 99)}`.toLowerCase().replace(/[^a-z0-9.]/g, '') + random.pick(['@example.com', '@example.org', '@example.net'])
        : null,
      phone: random.chance(0.8) ? `07700 900${pad(random.int(0, 999), 3)}` : null,
      aliases,
      addresses: addresses(random),
    });
  }
  return people;
}

/** Unique CRNs under one letter, scattered so they do not look sequential. */
export function generateCrns(count: number, seed: number, letter = 'X'): string[] {
  if (!/^[A-Z]$/.test(letter)) throw new Error(`A CRN letter is one capital letter, not "${letter}"`);
  if (count > 1_000_000) throw new Error('There are only 1,000,000 CRNs for one letter');
  // A different stream from the people generated with the same seed.
  const random = new Random(seed ^ 0x5eed);
  const seen = new Set<string>();
  return Array.from({ length: count }, () => unique(seen, () => `${letter}${pad(random.int(0, 999_999), 6)}`));
}
