import type { CurrentUser } from '../../auth/current-user.ts';
import type { Db } from '../../database.ts';
import type { Random } from '../../demo/random.ts';
import { countersignDecision, issueWarning, proposeDecision } from './repository.ts';
import { reviewEnforcementFor } from './service.ts';

/** Enough of a user for the steps the demo takes on a practitioner's or manager's behalf. */
const actor = (id: number, displayName: string): CurrentUser => ({
  id, displayName, username: '', roleCode: '', roleName: '', agencyCode: '', caseScope: 'region', regionId: null, teamId: null, permissions: new Set(),
});

/**
 * Enforcement from the demo's contact histories: the rules open actions for every case in bulk (no
 * notifications), some warnings have been given by the case's practitioner, and in sam.spo's team one breach
 * is proposed awaiting countersignature and one is countersigned with its deadline running.
 */
export async function seedEnforcementDemo(db: Db, random: Random, today: string): Promise<void> {
  const ids = (await db.selectFrom('people').select('id').execute()).map((p) => p.id);
  await reviewEnforcementFor(db, ids, null, { notify: false, today });

  // Warnings given by the case's practitioner a day or two after the failure, for about half the older ones.
  const warnings = await db.selectFrom('enforcement_actions as a')
    .innerJoin('case_allocations as ca', (j) => j.onRef('ca.person_id', '=', 'a.person_id').on('ca.ended_at', 'is', null))
    .innerJoin('users as u', 'u.id', 'ca.practitioner_id')
    .select(['a.id', 'a.person_id', 'a.failure_on', 'u.id as user_id', 'u.display_name'])
    .where('a.status', '=', 'open').where('a.kind', '=', 'warning').orderBy('a.failure_on').orderBy('a.id').execute();
  let given = 0;
  for (const w of warnings) {
    if (given >= 60 || !random.chance(0.5)) continue;
    const issued = new Date(`${w.failure_on}T00:00:00Z`);
    issued.setUTCDate(issued.getUTCDate() + random.int(1, 3));
    const issuedOn = issued.toISOString().slice(0, 10);
    if (issuedOn > today) continue;
    const still = await db.selectFrom('enforcement_actions').select('status').where('id', '=', w.id).executeTakeFirst();
    if (still?.status !== 'open') continue;
    await issueWarning(db, { personId: w.person_id, actionId: w.id, issuedOn, user: actor(w.user_id, w.display_name), today });
    given += 1;
  }

  // Breach in sam.spo's team: the most recent breach actions, proposed by the case's practitioner.
  const sam = await db.selectFrom('users').select(['id', 'display_name', 'team_id']).where('username', '=', 'sam.spo').executeTakeFirst();
  if (!sam?.team_id) return;
  const due = await db.selectFrom('enforcement_actions as a')
    .innerJoin('case_allocations as ca', (j) => j.onRef('ca.person_id', '=', 'a.person_id').on('ca.ended_at', 'is', null))
    .innerJoin('users as u', 'u.id', 'ca.practitioner_id')
    .select(['a.id', 'a.person_id', 'u.id as user_id', 'u.display_name'])
    .where('a.status', '=', 'open').where('a.kind', '=', 'breach').where('ca.team_id', '=', sam.team_id).where('u.id', '<>', sam.id)
    .orderBy('a.failure_on', 'desc').limit(2).execute();
  const [awaiting, countersigned] = due;
  if (awaiting) {
    await proposeDecision(db, {
      personId: awaiting.person_id, actionId: awaiting.id, kind: 'breach', recallType: null, today, user: actor(awaiting.user_id, awaiting.display_name),
      reasons: 'Second unacceptable absence within 12 months of a warning. No contact or explanation since; the warning letter set out the consequences.',
    });
  }
  if (countersigned && countersigned.person_id !== awaiting?.person_id) {
    const id = await proposeDecision(db, {
      personId: countersigned.person_id, actionId: countersigned.id, kind: 'breach', recallType: null, today, user: actor(countersigned.user_id, countersigned.display_name),
      reasons: 'Failed to attend unpaid work and the office within 12 months of a written warning; engagement has broken down.',
    });
    await countersignDecision(db, { decisionId: id, personId: countersigned.person_id, countersign: true, reasons: 'Agreed: a return to court is warranted.', user: actor(sam.id, sam.display_name), today });
  }
}
