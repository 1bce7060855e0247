/**
 * Demonstration convictions and sentences: everyone on the caseload has a current sentence (community
 * orders, suspended sentences, licences after custody, a few still in custody) and many have earlier,
 * ended ones. Offences are weighted roughly as probation caseloads are. Deterministic for a seed.
 */
import type { Db } from '../database.ts';
import type { Random } from '../demo/random.ts';
import { addDays, addMonths } from '../platform/http/dates.ts';
import { addConvictions, type ConvictionToRecord } from './repository.ts';
import type { NewRequirement } from './requirements.ts';
import { licenceDates, periodEnd, type EndOfSentence, type NewConviction, type NewSentence } from './rules.ts';
import type { SentenceType } from './tables.ts';

const OFFENCES: readonly (readonly [string, number])[] = [
  ['VAP-ABH', 9], ['VAP-CAS', 8], ['VAP-EMW', 2], ['VAP-S20', 2], ['VAP-CCB', 3], ['VAP-HPF', 2], ['VAP-TTK', 1], ['VAP-STR', 1],
  ['ROB-ROB', 3], ['POR-AFF', 2], ['POR-S4', 3], ['POR-S5', 1], ['SEX-SAS', 1], ['SEX-IIC', 2], ['SEX-PIC', 1], ['SOL-LOI', 0.3],
  ['BUR-DWL', 4], ['BUR-OTH', 2], ['THF-SHP', 8], ['THF-OTH', 3], ['THF-PER', 1], ['HAN-HSG', 2], ['FRD-FRP', 2], ['FRD-BEN', 1],
  ['ABS-FTS', 1], ['TDA-TWC', 1], ['TDA-AGG', 1], ['TFV-TFM', 1], ['MOT-DWD', 3], ['MOT-DAN', 1], ['DRD-EXA', 5], ['DRD-DRG', 2],
  ['CDA-CDA', 4], ['CDA-ARS', 0.5], ['DIP-CUL', 1], ['DPS-POS', 3], ['DPS-PWI', 4], ['OTH-BLA', 2], ['OTH-BRO', 2], ['OTH-SOR', 0.3],
];
const COURTS = ['Newcastle Magistrates\' Court', 'Newcastle Crown Court', 'South Tyneside Magistrates\' Court', 'North Tyneside Magistrates\' Court', 'Gateshead Magistrates\' Court'];

const PLACES = ['Newcastle city centre', 'Gateshead town centre', 'The Metrocentre, Gateshead', 'Northumberland Street, Newcastle', 'Durham Market Place'];
const STREETS = ['Westgate Road', 'Shields Road', 'Front Street', 'Durham Road', 'Station Road', 'Chester Road'];
const PROGRAMMES: readonly (readonly [string, number])[] = [['TSP', 6], ['BBR', 3], ['RESOLVE', 2], ['KAIZEN', 0.5], ['HORIZON', 0.5], ['BNM', 0.5], ['NEW_ME', 1]];
const SESSIONS: Record<string, number> = { TSP: 19, BBR: 30, RESOLVE: 25, KAIZEN: 80, HORIZON: 31, BNM: 30, NEW_ME: 25 };

/** One requirement with details a court would give (within the law's limits and the order's length). */
function requirement(random: Random, type: string, orderMonths: number): NewRequirement {
  const within = (max: number) => Math.max(1, Math.min(max, orderMonths));
  const address = () => `${random.int(1, 180)} ${random.pick(STREETS)}`;
  switch (type) {
    case 'unpaid_work': return { type, units: random.pick([40, 60, 80, 100, 120, 150, 180, 200, 240]), programme: null, details: {} };
    case 'rehabilitation_activity': return { type, units: random.pick([5, 10, 15, 20, 20, 25, 30, 40]), programme: null, details: {} };
    case 'accredited_programme': {
      const programme = random.weighted(PROGRAMMES);
      return { type, units: SESSIONS[programme]!, programme, details: {} };
    }
    case 'drug_rehabilitation': return { type, units: null, programme: null, details: { months: within(random.pick([6, 6, 9, 12])), residential: false, consent: true, testsPerMonth: random.pick([2, 4, 4, 8]) } };
    case 'alcohol_treatment':
    case 'mental_health_treatment': return { type, units: null, programme: null, details: { months: within(random.pick([6, 6, 9, 12])), residential: random.chance(0.05), consent: true } };
    case 'curfew': return {
      type, units: null, programme: null,
      details: { hoursPerDay: random.pick([8, 10, 12, 12]), daysPerWeek: 7, months: within(random.pick([2, 3, 4, 6])), place: `${address()} (home address)`, electronicMonitoring: true },
    };
    case 'exclusion': return { type, units: null, programme: null, details: { place: random.pick(PLACES), months: within(random.pick([3, 6, 12])), electronicMonitoring: random.chance(0.8) } };
    default: return { type, units: null, programme: null, details: {} };
  }
}

/** Requirements of a community or suspended order: mostly RAR and unpaid work, some treatment and some restrictive. */
function requirements(random: Random, type: SentenceType, orderMonths: number): NewRequirement[] {
  if (type === 'custody') return [];
  const chosen = new Set<string>();
  if (random.chance(0.6)) chosen.add('rehabilitation_activity');
  if (random.chance(0.4)) chosen.add('unpaid_work');
  if (random.chance(0.12)) chosen.add('accredited_programme');
  if (random.chance(0.15)) chosen.add('curfew');
  if (random.chance(0.07)) chosen.add('drug_rehabilitation');
  if (random.chance(0.07)) chosen.add('alcohol_treatment');
  if (random.chance(0.03)) chosen.add('mental_health_treatment');
  if (random.chance(0.05)) chosen.add('exclusion');
  if (type === 'community_order' && !chosen.size) chosen.add(random.chance(0.5) ? 'unpaid_work' : 'rehabilitation_activity');
  return [...chosen].sort().map((code) => {
    const made = requirement(random, code, orderMonths);
    // An unmonitored exclusion carries the court's reason, as the rules require.
    if (made.details.electronicMonitoring === false) made.details.monitoringReason = 'No monitoring equipment could be fitted at the address';
    return made;
  });
}

const STANDARD_CONDITIONS = ['WELL_BEHAVED', 'NO_OFFENCE', 'KEEP_IN_TOUCH', 'RECEIVE_VISITS', 'RESIDE_APPROVED', 'APPROVED_WORK', 'NO_TRAVEL', 'NAME_CONTACT'];
const ADDITIONAL_CONDITIONS: readonly (readonly [string, string | null, number])[] = [
  ['NON_CONTACT', 'The victim, without prior approval', 4], ['EXCLUSION_ZONE', 'The area around the victim\'s home (map attached)', 3],
  ['DRUG_TESTING', null, 3], ['ENGAGE_SERVICES', 'Newcastle drug and alcohol service', 3], ['DISCLOSE_RELATIONSHIPS', null, 2],
  ['CURFEW_APPROVED', '7pm to 7am', 1], ['NON_ASSOCIATION', 'Named co-defendants', 1], ['ALCOHOL_MONITORING', '90 days from release', 1],
];

/** The standard licence conditions and up to three additional ones. */
function licenceConditions(random: Random): NewSentence['licenceConditions'] {
  const additional = new Map<string, string | null>();
  for (let n = random.weighted([[0, 30], [1, 35], [2, 25], [3, 10]]); n > 0; n--) {
    const code = random.weighted(ADDITIONAL_CONDITIONS.map(([c, , w]) => [c, w] as const));
    additional.set(code, ADDITIONAL_CONDITIONS.find(([c]) => c === code)![1]);
  }
  return [...STANDARD_CONDITIONS.map((code) => ({ code, detail: null })), ...[...additional].map(([code, detail]) => ({ code, detail }))];
}

const lengthFor = (random: Random, type: SentenceType) =>
  type === 'community_order' ? random.pick([6, 12, 12, 18, 24]) : type === 'suspended_sentence_order' ? random.pick([12, 18, 24]) : random.pick([6, 12, 18, 24, 36, 48, 72]);

function conviction(random: Random, sentencedOn: string, type: SentenceType, oldEnough: string, lengthMonths = lengthFor(random, type)): NewConviction {
  const convictionDate = addDays(sentencedOn, -random.int(0, 42));
  const offenceDate = [addDays(convictionDate, -random.int(20, 300)), oldEnough, convictionDate].sort()[1]!; // the middle: clamped
  const main = random.weighted(OFFENCES);
  const additional = random.chance(0.2) ? [random.weighted(OFFENCES)].filter((code) => code !== main) : [];
  const releaseOn = type === 'custody' ? licenceDates(sentencedOn, lengthMonths).conditionalReleaseOn : null;
  const supervisionMonths = type === 'suspended_sentence_order' && random.chance(0.3) ? 12 : null;
  const adjourned = convictionDate < sentencedOn && random.chance(0.5);
  return {
    mainOffence: { code: main, offenceDate },
    additionalOffences: additional.map((code) => ({ code, offenceDate })),
    convictionDate,
    court: random.pick(COURTS),
    // Many were adjourned for a report and sentenced at the next hearing.
    outcome: adjourned ? 'adjourned_for_report' : 'sentenced',
    nextHearingOn: adjourned ? sentencedOn : null,
    sentence: {
      type, sentencedOn, lengthMonths,
      custodialTermMonths: type === 'suspended_sentence_order' ? random.pick([4, 6, 8, 12]) : null,
      supervisionMonths,
      releaseOn, licenceEndsOn: type === 'custody' ? periodEnd(sentencedOn, lengthMonths) : null,
      releaseFraction: type === 'custody' ? 0.5 : null,
      requirements: requirements(random, type, supervisionMonths ?? lengthMonths),
      licenceConditions: type === 'custody' ? licenceConditions(random) : [],
    },
  };
}

/**
 * One person's convictions as the demo makes them (pure): the current one active, up to three earlier ones
 * ended (oldest first). The national dataset (src/scale) uses it too.
 */
export function demoPersonConvictions(random: Random, dateOfBirth: string, today: string): { current: NewConviction; earlier: { conviction: NewConviction; ended: EndOfSentence }[] } {
  const oldEnough = addMonths(dateOfBirth, 12 * 16);
  const type = random.weighted<SentenceType>([['community_order', 45], ['suspended_sentence_order', 20], ['custody', 35]]);
  const lengthMonths = lengthFor(random, type);
  // Made long enough ago to be under way, not so long that it has ended; custody mostly released on licence.
  let sentencedOn = addDays(today, -random.int(14, Math.min(Math.round(lengthMonths * 30.4) - 14, type === 'custody' ? 1400 : 600)));
  const current = conviction(random, sentencedOn, type, oldEnough, lengthMonths);
  const s = current.sentence!;
  if (s.releaseOn && s.releaseOn > today && random.chance(0.7)) s.releaseOn = addDays(today, -random.int(0, Math.min(60, daysBetween(s.sentencedOn, today))));
  const earlier: { conviction: NewConviction; ended: EndOfSentence }[] = [];
  for (let n = random.weighted([[0, 40], [1, 30], [2, 20], [3, 10]]); n > 0; n--) {
    sentencedOn = addDays(sentencedOn, -random.int(400, 1400));
    if (sentencedOn < addMonths(oldEnough, 6)) break;
    const past = conviction(random, sentencedOn, random.weighted<SentenceType>([['community_order', 70], ['suspended_sentence_order', 20], ['custody', 10]]), oldEnough);
    const ends = periodEnd(sentencedOn, past.sentence!.lengthMonths);
    const revoked = random.chance(0.1);
    earlier.push({ conviction: past, ended: { status: revoked ? 'revoked' : 'completed', endedOn: ends > today ? today : ends, reason: revoked ? 'Revoked and re-sentenced after breach' : 'Order completed' } });
  }
  return { current, earlier: earlier.reverse() };
}

/** One to four events per person: the current one active, earlier ones completed (a few revoked). */
export async function seedSentencingDemo(db: Db, people: { id: number; dateOfBirth: string }[], random: Random, today: string): Promise<void> {
  const items: ConvictionToRecord[] = [];
  let index = 0;
  for (const person of people) {
    const oldEnough = addMonths(person.dateOfBirth, 12 * 16);
    const { current, earlier } = demoPersonConvictions(random, person.dateOfBirth, today);
    items.push(...earlier.map((item) => ({ personId: person.id, ...item })), { personId: person.id, conviction: current });
    // About 1 in 40 have a new conviction adjourned for a pre-sentence report, the hearing within 3 weeks.
    // (Not the first few people, whom tests pick for a settled case with every score.)
    if (index++ >= 12 && random.chance(1 / 40)) {
      const convictionDate = addDays(today, -random.int(0, 20));
      const pending = conviction(random, convictionDate, 'community_order', oldEnough);
      items.push({ personId: person.id, conviction: { ...pending, convictionDate, outcome: 'adjourned_for_report', nextHearingOn: addDays(today, random.int(1, 21)), sentence: null } });
    }
  }
  await addConvictions(db, items, null);
}

const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
