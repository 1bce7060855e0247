import type { Db } from '../../database.ts';
import type { Random } from '../../demo/random.ts';
import { inBatches } from '../../platform/db/batches.ts';
import { addDays, addMonths } from '../../platform/http/dates.ts';
import type { RoshAssessmentsTable } from './tables.ts';
import { defaultReviewMonths, overallLevel, ROSH_LEVELS, type RoshLevel } from './rules.ts';

type Row = Omit<RoshAssessmentsTable, 'id' | 'completed_at' | 'superseded'> & { superseded: boolean };

// Plausible narrative, by the highest level: enough to read like a real assessment without being anyone's.
const NATURE: Record<RoshLevel, string[]> = {
  low: ['Previous offending is acquisitive with no use or threat of violence.', 'A single offence of criminal damage while intoxicated; no history of violence.'],
  medium: ['Violence in the context of heavy drinking, usually towards acquaintances after arguments.', 'Verbal threats and one assault on a former partner during the breakdown of the relationship.'],
  high: ['Repeated domestic abuse, including an assault causing injury, towards current and former partners.', 'Use of a knife during a robbery; carries weapons for protection when involved in drug supply.'],
  very_high: ['Serious violence towards a former partner with threats to kill repeated since release; named victim is in fear.'],
};
const WHO = ['Known adult: the current partner.', 'Members of the public, particularly in the night-time economy.', 'Former partner and her children.', 'Staff, when refused what he asks for.', 'Peers involved in drug supply.'];
const WHEN = ['When drinking heavily, at weekends.', 'At contact handovers and around family court hearings.', 'When in debt to suppliers.', 'When unemployed and without structure to the day.', 'Around anniversaries of the index offence.'];
const INCREASES = ['Alcohol misuse; loss of accommodation; contact with former associates.', 'Relationship breakdown; jealousy; stopping medication.', 'Return to drug use; financial pressure; peer influence.'];
const REDUCES = ['Stable accommodation, engagement with alcohol services and the licence conditions.', 'Support from family, employment and attendance at the Building Better Relationships programme.', 'Exclusion zone, curfew and regular contact with the offender manager.'];

/** A group's level near the overall: one group carries it, the rest at or below it. */
function levelsFor(random: Random, overall: RoshLevel) {
  const top = ROSH_LEVELS.indexOf(overall);
  const below = () => ROSH_LEVELS[random.int(0, top)]!;
  const levels: RoshLevel[] = [below(), below(), below(), below()];
  levels[random.int(0, 3)] = overall;
  const prisoners: RoshLevel | null = random.chance(0.15) ? below() : null;
  return { levels, prisoners };
}

function assessment(random: Random, personId: number, version: number, completedOn: string, reviewDueOn: string, superseded: boolean): Row {
  const wanted = random.weighted<RoshLevel>([['low', 44], ['medium', 42], ['high', 12], ['very_high', 2]]);
  const { levels, prisoners } = levelsFor(random, wanted);
  const overall = overallLevel([...levels, prisoners]);
  return {
    person_id: personId, version,
    risk_to_children: levels[0]!, risk_to_public: levels[1]!, risk_to_known_adult: levels[2]!, risk_to_staff: levels[3]!, risk_to_prisoners: prisoners,
    overall,
    nature_of_risk: random.pick(NATURE[overall]), who_is_at_risk: random.pick(WHO), when_risk_greatest: random.pick(WHEN),
    increases_risk: random.pick(INCREASES), reduces_risk: random.pick(REDUCES),
    completed_on: completedOn, review_due_on: reviewDueOn, completed_by: null, superseded,
  };
}

/**
 * One person's RoSH assessments, oldest first (pure): one to three versions, the latest's review overdue
 * for about 1 in 10. The national dataset (src/scale) uses it too.
 */
export function demoRoshVersions(random: Random, personId: number, today: string): Row[] {
  const versions = random.weighted([[1, 65], [2, 25], [3, 10]]);
  const overdue = random.chance(0.1);
  // The latest's review date: a few days to a few months ago when overdue, otherwise ahead of today.
  let reviewDueOn = overdue ? addDays(today, -random.int(1, 120)) : addDays(today, random.int(0, 150));
  const latest: Row[] = [];
  for (let version = versions; version >= 1; version--) {
    const made = assessment(random, personId, version, today, reviewDueOn, version < versions);
    const months = defaultReviewMonths(made.overall);
    made.completed_on = addMonths(reviewDueOn, -months) > today ? today : addMonths(reviewDueOn, -months);
    latest.push(made);
    reviewDueOn = addDays(made.completed_on, -random.int(0, 14)); // the one before was reviewed around its date
  }
  return latest.reverse();
}

/**
 * About 60% of people have a completed RoSH assessment, some with earlier versions, about 10% of those
 * with the review overdue. Inserted directly: the demo loader calculates tiers afterwards if it wants them.
 */
export async function seedRoshDemo(db: Db, people: { id: number }[], random: Random, today: string): Promise<void> {
  const rows: Row[] = [];
  for (const person of people) {
    if (random.chance(0.6)) rows.push(...demoRoshVersions(random, person.id, today));
  }
  await inBatches(rows, (batch) => db.insertInto('rosh_assessments').values(batch).execute());
}
