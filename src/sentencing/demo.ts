/**
 * Demonstration convictions and sentences: everyone on the caseload has a current sentence (community
 * orders, suspended sentences, licences after custody, a few still in custody) and many have earlier,
 * ended ones. Offences are weighted roughly as probation caseloads are. Deterministic for a seed.
 */
import type { Db } from '../database.ts';
import type { Random } from '../demo/random.ts';
import { addDays, addMonths } from '../platform/http/dates.ts';
import { addConvictions, type ConvictionToRecord } from './repository.ts';
import { periodEnd, type NewConviction } from './rules.ts';
import type { SentenceType } from './tables.ts';

const OFFENCES: readonly (readonly [string, number])[] = [
  ['VAP-ABH', 9], ['VAP-CAS', 8], ['VAP-EMW', 2], ['VAP-S20', 2], ['VAP-CCB', 3], ['VAP-HPF', 2], ['VAP-TTK', 1], ['VAP-STR', 1],
  ['ROB-ROB', 3], ['POR-AFF', 2], ['POR-S4', 3], ['POR-S5', 1], ['SEX-SAS', 1], ['SEX-IIC', 2], ['SEX-PIC', 1], ['SOL-LOI', 0.3],
  ['BUR-DWL', 4], ['BUR-OTH', 2], ['THF-SHP', 8], ['THF-OTH', 3], ['THF-PER', 1], ['HAN-HSG', 2], ['FRD-FRP', 2], ['FRD-BEN', 1],
  ['ABS-FTS', 1], ['TDA-TWC', 1], ['TDA-AGG', 1], ['TFV-TFM', 1], ['MOT-DWD', 3], ['MOT-DAN', 1], ['DRD-EXA', 5], ['DRD-DRG', 2],
  ['CDA-CDA', 4], ['CDA-ARS', 0.5], ['DIP-CUL', 1], ['DPS-POS', 3], ['DPS-PWI', 4], ['OTH-BLA', 2], ['OTH-BRO', 2], ['OTH-SOR', 0.3],
];
const COURTS = ['Newcastle Magistrates\' Court', 'Newcastle Crown Court', 'South Tyneside Magistrates\' Court', 'North Tyneside Magistrates\' Court', 'Gateshead Magistrates\' Court'];

/** Requirements of a community or suspended order: mostly RAR and unpaid work, some treatment and some restrictive. */
function requirements(random: Random, type: SentenceType): string[] {
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
  return [...chosen].sort();
}

const lengthFor = (random: Random, type: SentenceType) =>
  type === 'community_order' ? random.pick([6, 12, 12, 18, 24]) : type === 'suspended_sentence_order' ? random.pick([12, 18, 24]) : random.pick([6, 12, 18, 24, 36, 48, 72]);

function conviction(random: Random, sentencedOn: string, type: SentenceType, oldEnough: string, lengthMonths = lengthFor(random, type)): NewConviction {
  const convictionDate = addDays(sentencedOn, -random.int(0, 42));
  const offenceDate = [addDays(convictionDate, -random.int(20, 300)), oldEnough, convictionDate].sort()[1]!; // the middle: clamped
  const main = random.weighted(OFFENCES);
  const additional = random.chance(0.2) ? [random.weighted(OFFENCES)].filter((code) => code !== main) : [];
  const releaseOn = type === 'custody' ? addDays(sentencedOn, Math.round(lengthMonths * 30.4 / 2)) : null;
  return {
    mainOffence: { code: main, offenceDate },
    additionalOffences: additional.map((code) => ({ code, offenceDate })),
    convictionDate,
    court: random.pick(COURTS),
    sentence: {
      type, sentencedOn, lengthMonths,
      custodialTermMonths: type === 'suspended_sentence_order' ? random.pick([4, 6, 8, 12]) : null,
      supervisionMonths: type === 'suspended_sentence_order' && random.chance(0.3) ? 12 : null,
      releaseOn, licenceEndsOn: type === 'custody' ? periodEnd(sentencedOn, lengthMonths) : null,
      requirements: requirements(random, type),
    },
  };
}

/** One to four events per person: the current one active, earlier ones completed (a few revoked). */
export async function seedSentencingDemo(db: Db, people: { id: number; dateOfBirth: string }[], random: Random, today: string): Promise<void> {
  const items: ConvictionToRecord[] = [];
  for (const person of people) {
    const oldEnough = addMonths(person.dateOfBirth, 12 * 16);
    const type = random.weighted<SentenceType>([['community_order', 45], ['suspended_sentence_order', 20], ['custody', 35]]);
    const lengthMonths = lengthFor(random, type);
    // Made long enough ago to be under way, not so long that it has ended; custody mostly released on licence.
    let sentencedOn = addDays(today, -random.int(14, Math.min(Math.round(lengthMonths * 30.4) - 14, type === 'custody' ? 1400 : 600)));
    const current = conviction(random, sentencedOn, type, oldEnough, lengthMonths);
    const s = current.sentence;
    if (s.releaseOn && s.releaseOn > today && random.chance(0.7)) s.releaseOn = addDays(today, -random.int(0, Math.min(60, daysBetween(s.sentencedOn, today))));
    const earlier: ConvictionToRecord[] = [];
    for (let n = random.weighted([[0, 40], [1, 30], [2, 20], [3, 10]]); n > 0; n--) {
      sentencedOn = addDays(sentencedOn, -random.int(400, 1400));
      if (sentencedOn < addMonths(oldEnough, 6)) break;
      const past = conviction(random, sentencedOn, random.weighted<SentenceType>([['community_order', 70], ['suspended_sentence_order', 20], ['custody', 10]]), oldEnough);
      const ends = periodEnd(sentencedOn, past.sentence.lengthMonths);
      const revoked = random.chance(0.1);
      earlier.push({
        personId: person.id, conviction: past,
        ended: { status: revoked ? 'revoked' : 'completed', endedOn: ends > today ? today : ends, reason: revoked ? 'Revoked and re-sentenced after breach' : 'Order completed' },
      });
    }
    items.push(...earlier.reverse(), { personId: person.id, conviction: current });
  }
  await addConvictions(db, items, null);
}

const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
