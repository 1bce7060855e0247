import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.ts';

// The data model of migration 0013: the rules are data, and the decision table refuses an override
// without a reason and a second open request for the same person.
describe('allocation tables', () => {
  let t: TestDatabase;
  before(async () => { t = await createTestDatabase({ people: 3 }); });
  after(async () => { await t.close(); });

  it('seeds the RoSH grade rules: high and very high need a qualified PO', async () => {
    const rules = await t.db.selectFrom('allocation_grade_rules').selectAll().orderBy('rosh_level').execute();
    const byLevel = Object.fromEntries(rules.map((r) => [r.rosh_level, r.grades]));
    assert.deepEqual(byLevel.high, ['SPO', 'PO']);
    assert.deepEqual(byLevel.very_high, ['SPO', 'PO']);
    assert.ok(byLevel.low!.includes('PSO'));
  });

  it('keeps one open request per person and requires a reason to override the recommendation', async () => {
    const person = await t.db.selectFrom('people').select('id').orderBy('id').executeTakeFirstOrThrow();
    const team = await t.db.selectFrom('teams').select('id').orderBy('id').executeTakeFirstOrThrow();
    const users = await t.db.selectFrom('users').select('id').orderBy('id').limit(2).execute();
    await t.db.deleteFrom('allocation_decisions').where('person_id', '=', person.id).execute();
    await t.db.deleteFrom('allocation_requests').where('person_id', '=', person.id).execute();
    const request = await t.db.insertInto('allocation_requests')
      .values({ person_id: person.id, team_id: team.id, source: 'court' }).returning('id').executeTakeFirstOrThrow();
    await assert.rejects(t.db.insertInto('allocation_requests').values({ person_id: person.id, team_id: team.id, source: 'custody' }).execute());
    const decision = { person_id: person.id, request_id: request.id, practitioner_id: users[1]!.id, recommended_practitioner_id: users[0]!.id, ranking: JSON.stringify({ eligible: [] }) };
    await assert.rejects(t.db.insertInto('allocation_decisions').values(decision).execute());
    await t.db.insertInto('allocation_decisions').values({ ...decision, override_reason: 'Knows the family' }).execute();
    await t.db.updateTable('allocation_requests').set({ status: 'allocated', decided_at: sql<Date>`now()` }).where('id', '=', request.id).execute();
    const row = await t.db.selectFrom('allocation_decisions').select(['override_reason', 'over_capacity_confirmed']).where('request_id', '=', request.id).executeTakeFirstOrThrow();
    assert.deepEqual(row, { override_reason: 'Knows the family', over_capacity_confirmed: false });
  });
});
