import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { capacityOf, capacityOfAll } from './service.ts';
import { practitionersIn } from './repository.ts';

describe('workload', () => {
  let t: TestApp;
  before(async () => { t = await createTestApp({ people: 40 }); });
  after(async () => { await t.close(); });

  it('calculates a trial caseload by hand: part time, a reduction, cases and reports', async () => {
    const token = await t.tokenFor('jo.po');
    const response = await t.api('POST', '/api/v1/workload/calculate', token, {
      grade: 'PO', contractedHours: 30, reductions: [{ hours: 7.5, reason: 'Protected caseload' }],
      cases: [{ tier: 'B2', caseType: 'community', youngAdult: false }, { tier: 'A3', caseType: 'licence', youngAdult: false },
        { tier: 'B2', caseType: 'community', youngAdult: true }, { tier: 'C1S', caseType: 'custody', youngAdult: false }],
      reports: { standard: 1, fast: 2 }, paroleReports: 1,
    });
    assert.equal(response.statusCode, 200, response.body);
    // 115 + 219 + 48 + 0 + 138 + 2×65 + 120 = 770; floor(2176 × 22.5 ÷ 37) = 1323; 770 / 1323 = 58.2%
    assert.deepEqual(response.json(), { totalPoints: 770, availablePoints: 1323, capacityPercent: 58.2 });
  });

  it('refuses an unknown grade or tier with a 400, and no token with a 401', async () => {
    const token = await t.tokenFor('kim.pso');
    const badGrade = await t.api('POST', '/api/v1/workload/calculate', token, { grade: 'XX', contractedHours: 37 });
    assert.equal(badGrade.statusCode, 400);
    assert.match(badGrade.body, /Unknown grade/);
    const badTier = await t.api('POST', '/api/v1/workload/calculate', token, { grade: 'PO', contractedHours: 37, cases: [{ tier: 'E9', caseType: 'community' }] });
    assert.equal(badTier.statusCode, 400);
    assert.match(badTier.body, /Unknown tier/);
    assert.equal((await t.api('POST', '/api/v1/workload/calculate', null, { grade: 'PO', contractedHours: 37 })).statusCode, 401);
  });

  it('gives a demo practitioner the capacity a hand count from the database gives', async () => {
    const db = t.database.db;
    const jo = await db.selectFrom('users').select('id').where('username', '=', 'jo.po').executeTakeFirstOrThrow();
    await db.deleteFrom('staff_profiles').where('user_id', '=', jo.id).execute();
    await db.deleteFrom('workload_reductions').where('user_id', '=', jo.id).execute();
    await db.deleteFrom('staff_absences').where('user_id', '=', jo.id).execute();
    await db.insertInto('staff_profiles').values({ user_id: jo.id, contracted_hours: 30, specialisms: ['domestic abuse'] }).execute();
    await db.insertInto('workload_reductions').values([
      { user_id: jo.id, hours: 3, reason: 'Union duties', starts_on: '2000-01-01', ends_on: null },
      { user_id: jo.id, hours: 5, reason: 'Ended', starts_on: '2000-01-01', ends_on: '2000-12-31' },
    ]).execute();
    const today = new Date().toISOString().slice(0, 10);
    // The hand count, in SQL independent of the service: each held case's weight by its latest tier and sentence.
    const rows = await sql<{ points: number }>`
      SELECT coalesce(w.points, 0) AS points FROM case_allocations a
      JOIN people p ON p.id = a.person_id
      LEFT JOIN LATERAL (SELECT tier FROM tier_calculations t WHERE t.person_id = a.person_id ORDER BY calculated_at DESC, id DESC LIMIT 1) t ON true
      LEFT JOIN LATERAL (SELECT sentence_type, release_on FROM sentences s WHERE s.person_id = a.person_id AND status = 'active' ORDER BY sentenced_on DESC, id DESC LIMIT 1) s ON true
      LEFT JOIN workload_case_weights w ON w.tier = t.tier AND s.sentence_type IS NOT NULL AND w.case_type = CASE
        WHEN age(${today}::date, p.date_of_birth) >= interval '18 years' AND age(${today}::date, p.date_of_birth) < interval '25 years' THEN 'young_adult'
        WHEN s.sentence_type <> 'custody' THEN 'community'
        WHEN s.release_on <= ${today}::date THEN 'licence' ELSE 'custody' END
      WHERE a.practitioner_id = ${jo.id} AND a.ended_at IS NULL`.execute(db);
    const reports = await sql<{ points: number }>`
      SELECT CASE WHEN report_type = 'standard' THEN 138 ELSE 65 END AS points FROM pre_sentence_reports
      WHERE assigned_to = ${jo.id} AND status NOT IN ('complete', 'cancelled')`.execute(db);
    // Extra factors: an accredited programme being delivered (20) and a release on licence in the last 28 days (30).
    const extras = await sql<{ points: number }>`
      SELECT 20 AS points FROM case_allocations a WHERE a.practitioner_id = ${jo.id} AND a.ended_at IS NULL AND EXISTS (
        SELECT 1 FROM requirements r JOIN sentences s ON s.id = r.sentence_id WHERE r.person_id = a.person_id AND s.status = 'active'
          AND r.requirement_type = 'accredited_programme' AND r.ended_on IS NULL AND r.expected_start_on <= ${today}::date AND r.expected_end_on >= ${today}::date)
        AND EXISTS (SELECT 1 FROM tier_calculations t WHERE t.person_id = a.person_id)
      UNION ALL
      SELECT 30 FROM case_allocations a
      JOIN LATERAL (SELECT sentence_type, release_on FROM sentences s WHERE s.person_id = a.person_id AND status = 'active' ORDER BY sentenced_on DESC, id DESC LIMIT 1) s ON true
      WHERE a.practitioner_id = ${jo.id} AND a.ended_at IS NULL AND s.sentence_type = 'custody' AND s.release_on <= ${today}::date AND s.release_on > ${today}::date - 28
        AND EXISTS (SELECT 1 FROM tier_calculations t WHERE t.person_id = a.person_id)`.execute(db);
    const total = [...rows.rows, ...reports.rows, ...extras.rows].reduce((sum, r) => sum + Number(r.points), 0);
    const capacity = (await capacityOf(db, [jo.id], today)).get(jo.id)!;
    assert.equal(capacity.availableHours, 27);
    assert.equal(capacity.availablePoints, Math.floor(2176 * 27 / 37)); // 1587
    assert.equal(capacity.totalPoints, total);
    assert.ok(rows.rows.length > 0, 'jo.po holds demo cases');
    assert.equal(capacity.capacityPercent, total === 0 ? 0 : Math.round(total / 1587 * 1000) / 10);
    assert.deepEqual(capacity.specialisms, ['domestic abuse']);
  });

  it('works out every practitioner at once exactly as one by one', async () => {
    const { db } = t.database;
    const today = new Date().toISOString().slice(0, 10);
    const teams = (await db.selectFrom('teams').select('id').execute()).map((team) => team.id);
    const practitioners = (await practitionersIn(db, teams)).map((p) => p.id).sort((a, b) => a - b);
    const all = await capacityOfAll(db, today);
    assert.deepEqual([...all.keys()], practitioners, 'every active member of staff with a grade, and no one else');
    assert.ok([...all.values()].some((c) => c.caseCount > 0 && c.totalPoints > 0));
    for (const id of practitioners) assert.deepEqual(all.get(id), (await capacityOf(db, [id], today)).get(id), `practitioner ${id}`);
  });
});
