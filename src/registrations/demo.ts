/**
 * Demonstration risk flags, at roughly the rates a probation caseload carries them, each with its notes
 * and review date; about one in eight reviews is overdue so the banner and lists show them.
 */
import type { Db } from '../database.ts';
import { inBatches } from '../platform/db/batches.ts';
import type { Random } from '../demo/random.ts';
import { addDays, addMonths } from '../platform/http/dates.ts';

const FLAGS: readonly { type: string; rate: number; levels?: readonly (readonly [string, number])[]; notes: string }[] = [
  { type: 'domestic_abuse_perpetrator', rate: 0.12, notes: 'Police call-outs to the home address; check with the domestic abuse unit before any change of address.' },
  { type: 'mental_health', rate: 0.1, notes: 'Diagnosed with depression; under the community mental health team.' },
  { type: 'self_harm', rate: 0.05, notes: 'History of self-harm when under stress; ask how they are coping at each appointment.' },
  { type: 'vulnerability', rate: 0.04, notes: 'Targeted by others for money and accommodation.' },
  { type: 'child_concerns', rate: 0.05, notes: 'Children in the household; children\'s services informed.' },
  { type: 'child_protection', rate: 0.02, notes: 'Named on a child protection plan for a child in the household.' },
  { type: 'risk_to_staff', rate: 0.03, notes: 'Threatened a member of staff in 2025. See in pairs, in the office.' },
  { type: 'weapons', rate: 0.03, notes: 'Has carried a knife when dealing; search policy applies at the office.' },
  { type: 'mappa', rate: 0.03, levels: [['Level 1', 85], ['Level 2', 13], ['Level 3', 2]], notes: 'Managed under MAPPA; see the minutes of the last meeting.' },
  { type: 'iom', rate: 0.05, notes: 'On the IOM cohort; joint visits with the police IOM officer.' },
  { type: 'street_gangs', rate: 0.01, notes: 'Police intelligence links to an organised crime group.' },
  { type: 'hate_crime', rate: 0.01, notes: 'Offence racially aggravated.' },
];

export interface DemoFlag { type_code: string; level: string | null; notes: string; registered_on: string; next_review_on: string }

/** One person's flags, at the rates above; `reviewMonths` is each type's review period. Pure. */
export function demoFlags(random: Random, today: string, reviewMonths: (typeCode: string) => number): DemoFlag[] {
  const flags: DemoFlag[] = [];
  for (const flag of FLAGS) {
    if (!random.chance(flag.rate)) continue;
    const months = reviewMonths(flag.type);
    const registeredOn = addDays(today, -random.int(10, 700));
    let nextReviewOn = addMonths(registeredOn, months);
    while (nextReviewOn < today && !random.chance(0.15)) nextReviewOn = addMonths(nextReviewOn, months); // reviewed on time, mostly
    flags.push({ type_code: flag.type, level: flag.levels ? random.weighted(flag.levels) : null, notes: flag.notes, registered_on: registeredOn, next_review_on: nextReviewOn });
  }
  return flags;
}

export async function seedRegistrationsDemo(db: Db, people: { id: number }[], random: Random, today: string): Promise<void> {
  const types = new Map((await db.selectFrom('registration_types').select(['code', 'review_months']).execute()).map((t) => [t.code, t.review_months]));
  const rows = people.flatMap((person) => demoFlags(random, today, (code) => types.get(code)!).map((flag) => ({ person_id: person.id, ...flag, registered_by: null })));
  await inBatches(rows, (batch) => db.insertInto('registrations').values(batch).execute());
}
