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

  it('writes constants into the SQL exactly, quotes and all, and keeps the rest as parameters', async () => {
    const when = new Date('2026-03-29T01:00:00Z');
    const constants = prepared((db: TestDatabase['db'], code: string) => db.selectFrom('regions')
      .select([
        sql<string>`${"O'Brien costs $1"}`.as('text'),
        sql<boolean>`${false}`.as('flag'),
        sql<number>`${-3} + 0`.as('negative'),
        sql<string>`${0.5}::text`.as('fraction'),
        sql<Date>`${when}::timestamptz`.as('instant'),
        sql<string>`'$2 stays'`.as('quoted'),
      ])
      .where('code', '=', code));
    const [{ code }] = await t.db.selectFrom('regions').select('code').orderBy('code').limit(1).execute() as [{ code: string }];
    const [row] = await constants(t.db, code);
    assert.deepEqual({ ...row, instant: row!.instant.toISOString() },
      { text: "O'Brien costs $1", flag: false, negative: -3, fraction: '0.5', instant: when.toISOString(), quoted: '$2 stays' });
  });

  it('refuses a query that uses an argument to choose its shape rather than as a value', async () => {
    const shaped = prepared((db: TestDatabase['db'], onlyFirst: boolean) =>
      db.selectFrom('regions').select('code').$if(onlyFirst === true, (qb) => qb.limit(1)));
    await assert.rejects(shaped(t.db, true), /does not use argument 0 as a value/);
  });
});
