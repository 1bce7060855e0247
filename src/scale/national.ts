/**
 * Pure generators for the synthetic national dataset (issue 7): people across the 12 regions, their
 * CRNs and identifiers, staff per PDU and the allocation of active cases. Deterministic for a seed and
 * generated in chunks, so a run of 2,000,000 people never holds more than one chunk in memory.
 * Identifiers are unique by construction (a bijection of the person's index), not by remembering
 * every one issued.
 */
import { croCheckLetter, pncCheckLetter } from '../people/identifiers.ts';
import { generateDemoPeople, REFERENCE_DATE, type DemoPerson } from '../demo/people.ts';
import { Random } from '../demo/random.ts';
import { nationalSurname } from './surnames.ts';

/**
 * Approximate share of the national probation caseload by region (per cent, rounded from published
 * caseload statistics' order of magnitude): London and the North West largest, the North East smallest.
 */
export const REGION_WEIGHTS: Record<string, number> = {
  LN: 15, NW: 9, GM: 8, YH: 10, WM: 10.5, EE: 8.5, EM: 8, KSS: 8, SC: 7, SW: 7, WA: 5.5, NE: 5.5,
};

export const CHUNK_SIZE = 10_000;

/** Splits `total` in proportion to the weights, exactly (largest remainder). */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((weight) => (total * weight) / sum);
  const counts = exact.map(Math.floor);
  let left = total - counts.reduce((a, b) => a + b, 0);
  const order = exact.map((value, i) => [value - Math.floor(value), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k++, left--) counts[order[k % order.length]![1]]! += 1;
  return counts;
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/** A scattering bijection of 0..size-1: an affine map whose multiplier (near size times the golden ratio) is coprime to size. */
export function scatter(index: number, size: number, salt: number): number {
  let multiplier = Math.floor(size * 0.6180339887) + (salt % 997);
  while (gcd(multiplier, size) !== 1) multiplier++;
  return Number((BigInt(index) * BigInt(multiplier) + BigInt(salt % size)) % BigInt(size));
}

export interface RegionRef { id: number; code: string; crnLetter: string; pdus: { id: number; code: string }[] }

export interface RegionPlan {
  regionId: number; code: string; crnLetter: string;
  first: number; people: number; active: number;
  pdus: { id: number; code: string; active: number }[];
}

export interface NationalPlan { seed: number; people: number; active: number; regions: RegionPlan[]; chunks: number }

/** Who lives where: people and active cases per region in proportion to caseload, PDUs of uneven size. */
export function planNational(regions: readonly RegionRef[], people: number, active: number, seed: number): NationalPlan {
  if (active > people) throw new Error('There cannot be more active cases than people');
  const sorted = [...regions].sort((a, b) => a.code.localeCompare(b.code));
  const weights = sorted.map((region) => REGION_WEIGHTS[region.code] ?? 1);
  const peopleBy = apportion(people, weights);
  const activeBy = apportion(active, weights);
  const random = new Random(seed ^ 0x9d0c);
  let first = 0;
  const plans = sorted.map((region, i) => {
    if (peopleBy[i]! > 1_000_000) throw new Error(`Region ${region.code} would need more than 1,000,000 CRNs`);
    // PDUs differ in size: a city PDU carries two or three times the caseload of a rural one.
    const pduWeights = region.pdus.map(() => 0.5 + random.next() * 1.5);
    const pduActive = apportion(activeBy[i]!, pduWeights);
    const plan: RegionPlan = {
      regionId: region.id, code: region.code, crnLetter: region.crnLetter, first, people: peopleBy[i]!, active: activeBy[i]!,
      pdus: region.pdus.map((pdu, k) => ({ id: pdu.id, code: pdu.code, active: pduActive[k]! })),
    };
    first += peopleBy[i]!;
    return plan;
  });
  return { seed, people, active, regions: plans, chunks: Math.ceil(people / CHUNK_SIZE) };
}

export function regionOf(plan: NationalPlan, index: number): RegionPlan {
  for (const region of plan.regions) if (index < region.first + region.people) return region;
  throw new Error(`No region for person ${index}`);
}

/** Active cases are spread evenly through each region: exactly `active` of its `people`. */
export function isActive(region: RegionPlan, index: number): boolean {
  const j = index - region.first;
  return Math.floor(((j + 1) * region.active) / region.people) > Math.floor((j * region.active) / region.people);
}

/** The PDU that holds an active case: its rank among the region's active cases, dealt by PDU size. */
export function pduOfActive(region: RegionPlan, index: number): { pdu: RegionPlan['pdus'][number]; rank: number } {
  const j = index - region.first;
  const rank = Math.floor(((j + 1) * region.active) / region.people) - 1;
  let before = 0;
  for (const pdu of region.pdus) {
    if (rank < before + pdu.active) return { pdu, rank: rank - before };
    before += pdu.active;
  }
  throw new Error(`No PDU for case ${index}`);
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const NI_FIRST = [...'ABCEGHJKLMNOPRSTWXYZ'];
const NI_SECOND = [...'ABCEGHJKLMNPRSTWXYZ'];
const NI_NOT_ISSUED = new Set(['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ']);
const NI_PREFIXES = NI_FIRST.flatMap((a) => NI_SECOND.map((b) => a + b)).filter((prefix) => !NI_NOT_ISSUED.has(prefix));
const LETTERS = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'];
const REFERENCE_YEAR = Number(REFERENCE_DATE.slice(0, 4));
const NOMIS_SPACE = 2 * 10_000 * 26 * 26;

export interface NationalPerson extends DemoPerson { index: number; crn: string; regionId: number; active: boolean; pduId: number | null; pduRank: number }

/** Replaces the demo's identifiers with ones unique across the whole national set, keeping who has which. */
function identifiers(person: DemoPerson, index: number, total: number, seed: number, random: Random): Pick<DemoPerson, 'pnc' | 'cro' | 'nomisNumber' | 'niNumber'> {
  let pnc: string | null = null;
  let cro: string | null = null;
  if (person.pnc) {
    const year = Number(person.pnc.slice(0, 4));
    const serial = 1 + scatter(index, 9_999_999, seed); // unique serial whatever the year
    pnc = `${year}/${pad(serial, 7)}${pncCheckLetter(year, serial)}`;
    if (person.cro) {
      // (serial, year) is unique: the serial is a bijection within each block of a million people and the
      // year's remainder by the number of blocks names the block.
      const blocks = Math.ceil(total / 1_000_000);
      const block = Math.floor(index / 1_000_000);
      const years = [];
      for (let y = year; y <= REFERENCE_YEAR; y++) if (y % blocks === block) years.push(y);
      if (years.length) {
        const yy = pad(random.pick(years) % 100, 2);
        const serialText = pad(1 + scatter(index % 1_000_000, 999_999, seed + 1), 6);
        cro = `${serialText}/${yy}${croCheckLetter(yy, serialText)}`;
      }
    }
  }
  let nomisNumber: string | null = null;
  if (person.nomisNumber && index < NOMIS_SPACE) {
    const k = scatter(index, NOMIS_SPACE, seed + 2);
    const digits = k % 10_000;
    const rest = Math.floor(k / 10_000);
    nomisNumber = `${rest % 2 ? 'G' : 'A'}${pad(digits, 4)}${LETTERS[Math.floor(rest / 2) % 26]}${LETTERS[Math.floor(rest / 52)]}`;
  }
  let niNumber: string | null = null;
  if (person.niNumber) {
    const k = scatter(index, NI_PREFIXES.length * 1_000_000, seed + 3);
    niNumber = `${NI_PREFIXES[Math.floor(k / 1_000_000)]}${pad(k % 1_000_000, 6)}${random.pick(['A', 'B', 'C', 'D'])}`;
  }
  return { pnc, cro, nomisNumber, niNumber };
}

const chunkSeed = (seed: number, chunk: number) => (Math.imul(seed ^ 0x51ed27, 2_654_435_761) + Math.imul(chunk + 1, 40_503)) >>> 0;

/** The people of one chunk (indexes chunk*CHUNK_SIZE onwards), always the same for the same plan. */
export function generateChunk(plan: NationalPlan, chunk: number): NationalPerson[] {
  const start = chunk * CHUNK_SIZE;
  const count = Math.min(CHUNK_SIZE, plan.people - start);
  if (count <= 0) return [];
  const seed = chunkSeed(plan.seed, chunk);
  const random = new Random(seed ^ 0xc0ffee);
  const names = new Random(seed ^ 0x5a17);
  return generateDemoPeople(count, seed).map((demo, k) => {
    const lastName = nationalSurname(demo.lastName, names);
    // An alias under the same surname keeps the person's; another surname is drawn like any other.
    const aliases = demo.aliases.map((alias) => ({ ...alias, lastName: alias.lastName === demo.lastName ? lastName : nationalSurname(alias.lastName, names) }));
    const person = { ...demo, lastName, aliases };
    const index = start + k;
    const region = regionOf(plan, index);
    const active = isActive(region, index);
    const held = active ? pduOfActive(region, index) : null;
    return {
      ...person,
      ...identifiers(person, index, plan.people, plan.seed, random),
      index,
      crn: `${region.crnLetter}${pad(scatter(index - region.first, 1_000_000, plan.seed + region.regionId), 6)}`,
      regionId: region.regionId,
      active,
      pduId: held ? held.pdu.id : null,
      pduRank: held ? held.rank : -1,
    };
  });
}

export type Grade = 'PO' | 'PSO' | 'PQiP';
export interface StaffMember { username: string; displayName: string; grade: Grade | 'SPO'; role: string; team: number }
export interface PduStaff { pduId: number; teams: { code: string; name: string }[]; staff: StaffMember[] }

// A probation officer holds about 45 cases full time; a PSO about two-thirds of that, a trainee half.
export const CASELOAD_SHARE: Record<Grade, number> = { PO: 6, PSO: 4, PQiP: 3 };
const CASES_PER_SHARE = 8;
const TEAM_SIZE = 8;

/** The practitioners a PDU needs for its active cases, in teams of about eight with a senior probation officer each. */
export function planPduStaff(pdu: RegionPlan['pdus'][number], seed: number): PduStaff {
  const random = new Random(chunkSeed(seed, 1_000_000 + pdu.id));
  const grades: Grade[] = [];
  let capacity = 0;
  const needed = pdu.active * 0.95; // about 1 in 20 cases awaits allocation
  while (capacity * CASES_PER_SHARE < needed || grades.length === 0) {
    const grade = random.weighted<Grade>([['PO', 60], ['PSO', 30], ['PQiP', 10]]);
    grades.push(grade);
    capacity += CASELOAD_SHARE[grade];
  }
  const teamCount = Math.max(1, Math.round(grades.length / TEAM_SIZE));
  const teams = Array.from({ length: teamCount }, (_, t) => ({ code: `${pdu.code}-N${pad(t + 1, 2)}`, name: `${pdu.code} national team ${t + 1}` }));
  const names = generateDemoPeople(grades.length + teamCount, random.int(1, 2 ** 31));
  const staff: StaffMember[] = [];
  let n = 0;
  const member = (grade: StaffMember['grade'], role: string, team: number): StaffMember => {
    const person = names[n]!;
    const username = `nat.${pdu.code.toLowerCase()}.${pad(++n, 3)}`;
    return { username, displayName: `${person.firstName} ${person.lastName}`, grade, role, team };
  };
  for (let t = 0; t < teamCount; t++) staff.push(member('SPO', 'senior-probation-officer', t));
  grades.forEach((grade, i) => staff.push(member(grade, 'practitioner', i % teamCount)));
  return { pduId: pdu.id, teams, staff };
}

/**
 * Deals a PDU's cases to its practitioners in proportion to their grade's share, in rounds, with
 * every 20th case left with the team awaiting allocation. `rank` is the case's position in its PDU.
 */
export function dealer(staff: readonly { id: number; grade: string; team: number }[]) {
  const holders = staff.filter((member) => member.grade !== 'SPO');
  const share = (grade: string) => CASELOAD_SHARE[grade as Grade] ?? 4;
  const rounds = Math.max(...holders.map((member) => share(member.grade)));
  const dealt = Array.from({ length: rounds }, (_, round) => holders.filter((member) => share(member.grade) > round)).flat();
  return (rank: number): { team: number; practitionerId: number | null } => {
    const holder = dealt[rank % dealt.length]!;
    return { team: holder.team, practitionerId: rank % 20 === 19 ? null : holder.id };
  };
}
