import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { startFlags } from '../scripts/bench/compare.ts';
import { localPostgresCpu } from '../scripts/bench/cpu.ts';
import { parseSeedSummary } from '../scripts/bench/import.ts';
import { runBench } from '../scripts/bench/suite.ts';
import { recalculateAllTiers } from '../src/assessment/tier/recalculate.ts';
import { createTestApp, type TestApp } from './support/app.ts';
import { DEFAULT_SERVER_URL, testDatabaseKind } from './support/database.ts';

/**
 * The benchmark suite still works: a smoke run (1 second, 2 connections) against a real listening service,
 * with the tier and workload recalculation on its database and a tiny import into a scratch one.
 * Benchmarks are not tests: this asserts that every scenario and measure ran and the reports were written, never timing.
 */
describe('the benchmark suite (smoke run)', () => {
  let t: TestApp;
  let url: string;
  let outDir: string;
  before(async () => {
    t = await createTestApp();
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    url = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'throughline-bench-'));
  });
  after(async () => {
    await t.close();
    fs.rmSync(outDir, { recursive: true, force: true });
  });

  it('measures every scenario without errors and writes the JSON and Markdown results', async () => {
    const kind = testDatabaseKind();
    const { run, jsonFile, markdownFile } = await runBench({
      url, username: 'jo.po', password: 'throughline-demo', seconds: 1, connections: 2, warmupSeconds: 0, outDir,
      batch: {
        database: { db: t.database.db, kind },
        import: { people: 300, active: 30, serverUrl: kind === 'server' ? process.env.TEST_DATABASE_URL || DEFAULT_SERVER_URL : null },
      },
    });
    assert.deepEqual(run.scenarios.map((s) => s.name), [
      'Bare JSON route (ceiling)', 'Case overview', 'My cases', 'Search by name with a typo', 'Search by CRN', 'Record a contact (POST)',
    ]);
    for (const s of run.scenarios) {
      assert.ok(s.requests > 0, `${s.name} made requests`);
      assert.equal(s.errors, 0, `${s.name} had no errors: ${JSON.stringify(s.statusCodes)}`);
      assert.equal(s.timeouts, 0, `${s.name} had no timeouts`);
    }
    assert.deepEqual(Object.keys(run.scenarios.find((s) => s.name === 'Record a contact (POST)')!.statusCodes), ['303'], 'every contact was saved');
    assert.ok(run.scenarios.slice(1).every((s) => typeof s.ratioToBare === 'number'));
    // The service here is this process: its metrics and the load generator's CPU are read; PostgreSQL's only on a server.
    for (const s of run.scenarios) {
      assert.ok(s.cpuMsPerRequest.service !== null && s.cpuMsPerRequest.service > 0, `${s.name}: the service's CPU a request`);
      assert.ok(s.cpuMsPerRequest.loadGenerator !== null && s.cpuMsPerRequest.loadGenerator > 0, `${s.name}: the load generator's`);
      if (kind === 'embedded') assert.equal(s.cpuMsPerRequest.database, null, 'the embedded database is counted in the service');
      else if (localPostgresCpu() !== null) assert.ok(s.cpuMsPerRequest.database !== null && s.cpuMsPerRequest.database >= 0, `${s.name}: PostgreSQL's CPU a request`);
    }
    assert.ok(run.settings.cases > 0);

    assert.deepEqual(run.notes, [], 'every measure ran');
    assert.deepEqual(run.measures.map((m) => [m.name, m.database, m.unit]), [
      ['Tier recalculation (every active case)', kind, 'cases'], ['Workload (every practitioner)', kind, 'cases'], ['Bulk import (seed:national, COPY)', kind, 'rows'],
    ]);
    const [tiers, workloads, imported] = run.measures as [typeof run.measures[number], typeof run.measures[number], typeof run.measures[number]];
    const active = await t.database.db.selectFrom('sentences').select((eb) => eb.fn.count<number>('person_id').distinct().as('n')).where('status', '=', 'active').executeTakeFirstOrThrow();
    assert.equal(tiers.count, Number(active.n), 'every case with an active sentence was recalculated');
    assert.match(tiers.detail, /^\d+ new calculations, \d+ changes of tier/);
    assert.deepEqual(await recalculateAllTiers(t.database.db, 'again'), { cases: tiers.count, calculated: 0, changed: 0 }, 'the run kept what changed: a second finds nothing new');
    const held = await t.database.db.selectFrom('case_allocations').select((eb) => eb.fn.countAll<number>().as('n')).where('ended_at', 'is', null).where('practitioner_id', 'is not', null).executeTakeFirstOrThrow();
    assert.equal(workloads.count, Number(held.n), 'every held case was weighed');
    assert.ok(imported.count > 0 && imported.perSecond > 0, 'the import loaded rows');

    const saved = JSON.parse(fs.readFileSync(jsonFile, 'utf8')) as typeof run;
    assert.equal(saved.scenarios.length, 6);
    assert.equal(saved.measures.length, 3);
    const markdown = fs.readFileSync(markdownFile, 'utf8');
    assert.match(markdown, /\| Scenario \| Request \| Requests\/s \| p50 ms \| p95 ms \| p99 ms \|.*\| CPU ms a request: service, PostgreSQL, load generator \|/);
    for (const s of [...run.scenarios, ...run.measures]) assert.ok(markdown.includes(`| ${s.name} |`), `${s.name} is in the table`);

    const notes = await t.database.db.selectFrom('contacts').select((eb) => eb.fn.countAll<number>().as('n')).where('notes', '=', 'Benchmark case note: recorded by npm run bench.').executeTakeFirstOrThrow();
    assert.ok(Number(notes.n) > 0, 'the contact POSTs were recorded');
  });

  it('reads the import rate from the seed\'s summary line, or from its text', () => {
    assert.deepEqual(parseSeedSummary('progress...\n{"database":"server","people":300,"rows":12158,"seconds":4.2,"rowsPerSecond":2861}\n'),
      { rows: 12158, seconds: 4.2, rowsPerSecond: 2861, people: 300 });
    assert.deepEqual(parseSeedSummary('Loaded 1,000 rows for 10 people in 2 s'), { rows: 1000, seconds: 2, rowsPerSecond: 500, people: null });
    assert.equal(parseSeedSummary('no summary here\n{"not":"it"}'), null);
  });

  it('starts the compared services with the flags of npm start', () => {
    const flags = startFlags(path.resolve(import.meta.dirname, '..'));
    assert.deepEqual(flags.slice(-2), ['--import', 'tsx']);
    assert.ok(flags.some((flag) => flag.startsWith('--max-semi-space-size=')), flags.join(' '));
  });
});
