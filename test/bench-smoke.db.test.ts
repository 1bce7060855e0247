import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { runBench } from '../scripts/bench/suite.ts';
import { createTestApp, type TestApp } from './support/app.ts';

/**
 * The benchmark suite still works: a smoke run (1 second, 2 connections) against a real listening service.
 * Benchmarks are not tests: this asserts that every scenario ran without errors and the reports were written, never timing.
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
    const { run, jsonFile, markdownFile } = await runBench({ url, username: 'jo.po', password: 'throughline-demo', seconds: 1, connections: 2, warmupSeconds: 0, outDir });
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
    assert.ok(run.settings.cases > 0);

    const saved = JSON.parse(fs.readFileSync(jsonFile, 'utf8')) as typeof run;
    assert.equal(saved.scenarios.length, 6);
    const markdown = fs.readFileSync(markdownFile, 'utf8');
    assert.match(markdown, /\| Scenario \| Request \| Requests\/s \| p50 ms \| p95 ms \| p99 ms \|/);
    for (const s of run.scenarios) assert.ok(markdown.includes(`| ${s.name} |`), `${s.name} is in the table`);

    const notes = await t.database.db.selectFrom('contacts').select((eb) => eb.fn.countAll<number>().as('n')).where('notes', '=', 'Benchmark case note: recorded by npm run bench.').executeTakeFirstOrThrow();
    assert.ok(Number(notes.n) > 0, 'the contact POSTs were recorded');
  });
});
