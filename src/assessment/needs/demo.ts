/**
 * Demonstration needs assessments: about half the people have 1 to 4 completed versions a few months
 * apart, most showing progress, some regression, each with the person's view. Deterministic for a seed.
 */
import type { Db } from '../../database.ts';
import type { Random } from '../../demo/random.ts';
import { addMonths } from '../../platform/http/dates.ts';
import { insertCompletedVersions } from './repository.ts';
import { emptyContent, type AssessmentContent } from './rules.ts';
import { SECTIONS, type NeedItem, type Score } from './sections.ts';

const VIEWS = [
  'I need somewhere stable to live before I can sort anything else out.',
  'Work is the main thing. If I had a job I would not be around the same people.',
  'I know the drinking is a problem when things go wrong. I want help with that.',
  'I have been clean for a while now and want to keep it that way.',
  'My kids are what matters. I want to be a proper dad to them.',
  'I owe money everywhere and it stresses me out. Help with debts would make a difference.',
  'I lose my temper too quickly. The course helped a bit.',
  'I do not think I have many problems, I just got caught up with the wrong crowd.',
  'My mental health has been bad since my mum died. I would like to see someone.',
  'Things are better than last time. I have a flat and I am on a course.',
];
const SUMMARIES = [
  'Engaging well; accommodation remains the priority.',
  'Motivated to change; referred to the employment hub.',
  'Limited engagement this period; review again in three months.',
  'Substance misuse is stable; continue joint working with the treatment service.',
  '',
];

/** The nearest answer the item offers (yes/no items offer only 0 and 2). */
const nearest = (item: NeedItem, score: number): Score =>
  item.answers.reduce((best, a) => (Math.abs(a.score - score) < Math.abs(best - score) ? a.score : best), item.answers[0]!.score);

function firstVersion(random: Random): AssessmentContent {
  const content = emptyContent();
  for (const section of SECTIONS) {
    // Each person has a few sections that are real problems for them, and the rest mostly fine.
    const troubled = random.chance(0.35);
    for (const item of section.items) {
      const score = troubled ? random.weighted<number>([[0, 1], [1, 3], [2, 3]]) : random.weighted<number>([[0, 6], [1, 2], [2, 1]]);
      content.answers[item.key] = nearest(item, score);
    }
    content.sections[section.key] = { harm: troubled && random.chance(0.4), reoffending: troubled && random.chance(0.8), note: '' };
  }
  return content;
}

/** The next version: answers move one step, mostly down (progress) or mostly up (regression). */
function nextVersion(random: Random, previous: AssessmentContent, improving: boolean): AssessmentContent {
  const content: AssessmentContent = { ...previous, answers: { ...previous.answers }, sections: { ...previous.sections } };
  for (const section of SECTIONS) {
    for (const item of section.items) {
      if (!random.chance(0.3)) continue;
      const step = random.chance(0.75) === improving ? -1 : 1;
      content.answers[item.key] = nearest(item, Math.max(0, Math.min(2, (previous.answers[item.key] ?? 0) + step * (item.answers.length === 2 ? 2 : 1))));
    }
  }
  return content;
}

export interface DemoNeedsVersion { version: number; completedOn: string; content: AssessmentContent }

/**
 * One person's completed versions, oldest first: none for about half the people. `noFixedAbode` is the case
 * record's main address, which the address item agrees with, as a real assessment pre-filled from it would. Pure.
 */
export function demoNeedsVersions(random: Random, today: string, noFixedAbode: boolean): DemoNeedsVersion[] {
  if (!random.chance(0.5)) return [];
  const versions = random.weighted([[1, 3], [2, 3], [3, 2], [4, 1]] as const);
  const improving = random.chance(0.65);
  // The latest within the last two months, each earlier one 3 to 5 months before the next.
  let date = addMonths(today, -random.int(0, 2));
  const dates = [date];
  for (let i = 1; i < versions; i++) dates.unshift((date = addMonths(date, -random.int(3, 5))));
  let content = firstVersion(random);
  return dates.map((completedOn, i) => {
    if (i > 0) content = nextVersion(random, content, improving);
    const declined = random.chance(0.08);
    content.answers.noFixedAbode = noFixedAbode ? 2 : 0;
    content = { ...content, personsView: declined ? '' : random.pick(VIEWS), viewDeclined: declined, summary: random.pick(SUMMARIES) };
    return { version: i + 1, completedOn, content };
  });
}

export async function seedNeedsDemo(db: Db, people: { id: number }[], random: Random, today: string): Promise<void> {
  const practitioners = new Map((await db.selectFrom('case_allocations').select(['person_id', 'practitioner_id']).where('ended_at', 'is', null).execute())
    .map((row) => [row.person_id, row.practitioner_id]));
  const noFixedAbode = new Set((await db.selectFrom('person_addresses').select('person_id').where('status', '=', 'main')
    .where('end_date', 'is', null).where('no_fixed_abode', '=', true).execute()).map((row) => row.person_id));
  const rows = people.flatMap((person) => demoNeedsVersions(random, today, noFixedAbode.has(person.id))
    .map((version) => ({ personId: person.id, ...version, userId: practitioners.get(person.id) ?? null })));
  await insertCompletedVersions(db, rows);
}
