import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.ts';
import { prepared } from './prepared.ts';

describe('prepared queries', () => {
  let t: TestDatabase;
  before(async () => { t = await createTestDatabase({ demo: false }); });
  after(async () => { await t.close(); });

  it('compiles once and sends each call its own values, keeping the constants', async () => {
    const regionsNamed = prepared((db: TestDatabase['db'], code: string, limit: number) => db.selectFrom('regions')
      .select(['code', sql<string>`${'constant'}`.as('kept')]).where('code', '=', code).orderBy('code').limit(limit));
    const all = await t.db.selectFrom('regions').select('code').orderBy('code').execute();
    assert.ok(all.length >= 2, 'the migrations ship regions');
    for (const { code } of all.slice(0, 2)) {
      assert.deepEqual(await regionsNamed(t.db, code, 5), [{ code, kept: 'constant' }]);
    }
    assert.deepEqual(await regionsNamed(t.db, 'no such region', 5), []);
  });

  it('refuses a query that uses an argument to choose its shape rather than as a value', async () => {
    const shaped = prepared((db: TestDatabase['db'], onlyFirst: boolean) =>
      db.selectFrom('regions').select('code').$if(onlyFirst === true, (qb) => qb.limit(1)));
    await assert.rejects(shaped(t.db, true), /does not use argument 0 as a value/);
  });
});
