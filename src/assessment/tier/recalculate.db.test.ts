import assert from 'node:assert/strict';
import { sql, type KyselyPlugin } from 'kysely';
import { after, before, describe, it } from 'node:test';
import { userAllowedOnCase } from '../../access/visibility.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.ts';
import { recalculateAllTiers, recalculateTiers } from './recalculate.ts';

/**
 * Many changes of tier in one batch: who is told and which cases go up for re-allocation review follow
 * the one-case rule exactly (the holder and the team's managers, less anyone the access list refuses).
 */
describe('recalculating many tiers at once', () => {
  let t: TestDatabase;
  before(async () => { t = await createTestDatabase({ people: 120 }); });
  after(() => t.close());

  it('tells the same people and opens the same reviews as case by case, in a few statements', async () => {
    const { db } = t;
    const people = (await db.selectFrom('case_allocations').select('person_id').where('ended_at', 'is', null).orderBy('person_id').execute()).map((r) => r.person_id);
    // As if never calculated: each new tier is a change to tell people about.
    await db.deleteFrom('reallocation_reviews').execute();
    await db.deleteFrom('notifications').execute();
    await db.deleteFrom('tier_calculations').where('person_id', 'in', people).execute();

    // A PQiP holding a probation officer's caseload: cases above protect level D go up for review.
    const po = await db.selectFrom('users').innerJoin('case_allocations as a', 'a.practitioner_id', 'users.id').select('users.id')
      .where('users.grade', '=', 'PO').where('a.ended_at', 'is', null).orderBy('users.id').executeTakeFirstOrThrow();
    await db.updateTable('users').set({ grade: 'PQiP' }).where('id', '=', po.id).execute();

    // What the one-case rule says, asked case by case.
    const expectedNotices: { personId: number; key: string }[] = [];
    const holders = await db.selectFrom('case_allocations as a').innerJoin('people as p', 'p.id', 'a.person_id').leftJoin('users as u', 'u.id', 'a.practitioner_id')
      .select(['a.person_id', 'a.team_id', 'a.practitioner_id', 'u.grade', 'p.crn']).where('a.ended_at', 'is', null).orderBy('a.person_id').execute();
    for (const h of holders) {
      const users = await db.selectFrom('users').select('id')
        .where((eb) => eb.or([eb('id', '=', h.practitioner_id ?? 0), eb.and([eb('team_id', '=', h.team_id), eb('role_code', '=', 'senior-probation-officer')])]))
        .where('active', '=', true).where(userAllowedOnCase(h.person_id)).orderBy('id').execute();
      for (const u of users) expectedNotices.push({ personId: h.person_id, key: `${h.person_id}:${u.id}` });
    }

    const queries: string[] = [];
    const counting: KyselyPlugin = { transformQuery: (args) => { queries.push(args.node.kind); return args.node; }, transformResult: async (args) => args.result };
    const counts = await db.transaction().execute((trx) => recalculateTiers(trx.withPlugin(counting), people, 'Rules changed', null, { batchSize: 1000 }));
    assert.ok(counts.calculated > 100);
    assert.equal(counts.changed, counts.calculated, 'every first tier is a change');
    assert.ok(queries.length < 40, `a few statements for ${people.length} cases, not a few per case: ${queries.length}`);

    const tiers = new Map((await db.selectFrom('tier_calculations').select(['person_id', 'tier', 'protect_level', 'id']).where('person_id', 'in', people).execute()).map((r) => [r.person_id, r]));
    assert.equal(tiers.size, counts.calculated);
    const notices = await db.selectFrom('notifications').select(['person_id', 'user_id', 'message', 'link']).where('kind', '=', 'tier-change').orderBy('id').execute();
    assert.deepEqual(notices.map((n) => `${n.person_id}:${n.user_id}`), expectedNotices.filter((e) => tiers.has(e.personId)).map((e) => e.key), 'in case order, then user order');
    const crn = new Map(holders.map((h) => [h.person_id, h.crn]));
    for (const n of notices) {
      assert.equal(n.message, `Tier ${tiers.get(n.person_id)!.tier} calculated for ${crn.get(n.person_id)}: Rules changed`);
      assert.equal(n.link, `/people/${crn.get(n.person_id)}/risk`);
    }

    const rules = new Map((await db.selectFrom('tier_grade_rules').selectAll().execute()).map((r) => [r.protect_level, r.grades]));
    const expectedReviews = holders.filter((h) => tiers.has(h.person_id) && h.practitioner_id && h.grade && !rules.get(tiers.get(h.person_id)!.protect_level)!.includes(h.grade)).map((h) => h.person_id);
    const reviews = await db.selectFrom('reallocation_reviews').select(['person_id', 'tier_calculation_id', 'reason']).orderBy('person_id').execute();
    assert.ok(expectedReviews.length > 0);
    assert.deepEqual(reviews.map((r) => r.person_id), expectedReviews);
    for (const r of reviews) assert.equal(r.tier_calculation_id, tiers.get(r.person_id)!.id);
  });

  it('the daily run keeps nothing when nothing changed, whatever the batch size and concurrency', async () => {
    const before = await sql<{ n: number }>`select count(*)::int as n from tier_calculations`.execute(t.db);
    const kind = t.kind === 'server' ? 2 : 1;
    const run = await recalculateAllTiers(t.db, 'Scheduled recalculation', { batchSize: 7, concurrency: kind });
    assert.equal(run.calculated, 0);
    assert.ok(run.cases > 0);
    const afterwards = await sql<{ n: number }>`select count(*)::int as n from tier_calculations`.execute(t.db);
    assert.equal(afterwards.rows[0]!.n, before.rows[0]!.n);
  });
});
