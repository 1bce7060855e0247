import type { Db } from '../../database.ts';
import type { Random } from '../../demo/random.ts';

/** Reasons a practitioner records for seeing someone more or less often than the tier's default. */
const REASONS: readonly (readonly [number, string])[] = [
  [7, 'Recent relapse into heroin use: weekly contact until the DRR review, agreed with the treatment provider.'],
  [7, 'New partner with children; child safeguarding referral open. Weekly contact while the checks are made.'],
  [7, 'First weeks after release from custody: housing is not settled and the risk of reoffending is highest now.'],
  [10, 'Domestic abuse concerns raised by the police; seeing more often while the MARAC referral is considered.'],
  [21, 'Stable housing and employment, good progress on the plan: every three weeks fits the assessed risks and needs.'],
  [28, 'Working night shifts; reporting every four weeks with a phone check-in between, agreed to keep the job.'],
  [35, 'Compliant for over a year with all objectives achieved; contact reduced, to be reviewed at the next plan review.'],
];

/**
 * Contact level defaults are seeded by migration 0023. Here: a few cases where the practitioner set another
 * level with a reason, including one that was later returned to the default (history kept).
 */
export async function seedCaseloadDemo(db: Db, random: Random, _today: string): Promise<void> {
  const held = await db.selectFrom('case_allocations as a').innerJoin('users as u', 'u.id', 'a.practitioner_id')
    .select(['a.person_id', 'a.practitioner_id', 'u.username']).where('a.ended_at', 'is', null).where('a.practitioner_id', 'is not', null)
    .orderBy('a.person_id').execute();
  if (!held.length) return;
  // Two of jo.po's cases first, so the demonstration shows them on her caseload.
  const jo = held.filter((h) => h.username === 'jo.po').slice(0, 2);
  const others = held.filter(() => random.chance(0.015));
  const chosen = [...new Map([...jo, ...others].map((h) => [h.person_id, h])).values()];
  for (const [i, h] of chosen.entries()) {
    const [days, reason] = random.pick(REASONS);
    const setAt = new Date(Date.now() - random.int(5, 200) * 86_400_000);
    if (i % 5 === 4) {
      // Set, then returned to the default: the history shows both.
      const endedAt = new Date(setAt.getTime() + random.int(1, 4) * 86_400_000);
      await db.insertInto('contact_level_overrides').values({
        person_id: h.person_id, frequency_days: days, reason, set_by: h.practitioner_id, set_at: setAt,
        ended_at: endedAt, ended_by: h.practitioner_id, end_reason: 'The concern has passed: back to the tier\'s default.',
      }).execute();
      continue;
    }
    await db.insertInto('contact_level_overrides').values({ person_id: h.person_id, frequency_days: days, reason, set_by: h.practitioner_id, set_at: setAt }).execute();
  }
}
