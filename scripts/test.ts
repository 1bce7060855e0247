/**
 * `npm test`: everything, in order. Typecheck; unit tests; integration tests on the embedded database and
 * on a PostgreSQL server; browser tests in real Chromium with an accessibility scan.
 * With CI=true a missing server or browser fails the run instead of being skipped.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { DEFAULT_SERVER_URL } from '../test/support/database.ts';
import { ensureChromium } from '../test/support/chromium.ts';

const root = path.resolve(import.meta.dirname, '..');
const ci = process.env.CI === 'true';
const only = process.argv[2]; // optional: unit | embedded | server | browser
const totals = { passed: 0, failed: 0 };
const failures: string[] = [];

function findTests(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : findTests(full);
    return entry.name.endsWith('.test.ts') ? [path.relative(root, full)] : [];
  });
}

const all = [...findTests(path.join(root, 'src')), ...findTests(path.join(root, 'test'))].sort();
const browser = all.filter((file) => file.startsWith(path.join('test', 'browser')));
const db = all.filter((file) => file.endsWith('.db.test.ts') && !browser.includes(file));
const unit = all.filter((file) => !db.includes(file) && !browser.includes(file));

function step(name: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  console.log(`\n=== ${name}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) failures.push(name);
  return result.status === 0;
}

function runTests(name: string, files: string[], env: NodeJS.ProcessEnv = {}) {
  if (!files.length) return;
  const tap = path.join(os.tmpdir(), `throughline-${process.pid}-${name.replace(/\W+/g, '-')}.tap`);
  step(name, process.execPath, [
    '--import', 'tsx', '--test', '--test-concurrency=1',
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    '--test-reporter=tap', `--test-reporter-destination=${tap}`,
    ...files,
  ], env);
  const summary = fs.existsSync(tap) ? fs.readFileSync(tap, 'utf8') : '';
  totals.passed += Number(summary.match(/^# pass (\d+)/m)?.[1] ?? 0);
  totals.failed += Number(summary.match(/^# fail (\d+)/m)?.[1] ?? 0);
  fs.rmSync(tap, { force: true });
}

async function serverReachable(url: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.end();
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

if (!only) step('typecheck', process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', 'tsconfig.json']);
if (!only || only === 'unit') runTests('unit tests', unit);
if (!only || only === 'embedded') runTests('integration tests on the embedded database (PGlite)', db, { TEST_DATABASE: 'embedded' });
if (!only || only === 'server') {
  const url = process.env.TEST_DATABASE_URL || DEFAULT_SERVER_URL;
  const problem = await serverReachable(url);
  if (problem) {
    const message = `No PostgreSQL server at ${url} (${problem}). Set TEST_DATABASE_URL to test against a server.`;
    if (ci) {
      console.error(`\n=== integration tests on a PostgreSQL server\nFAILED: ${message}`);
      failures.push('PostgreSQL server');
    } else console.warn(`\n=== integration tests on a PostgreSQL server: not run. ${message}`);
  } else {
    runTests('integration tests on a PostgreSQL server', db, { TEST_DATABASE: 'server', TEST_DATABASE_URL: url });
  }
}
if (!only || only === 'browser') {
  const chromium = ensureChromium();
  if (chromium.ok) runTests('browser tests (Chromium, axe)', browser, { CHROMIUM_PATH: chromium.path });
  else {
    console.error(`\n=== browser tests\nFAILED: ${chromium.hint}`);
    failures.push('browser');
  }
}

console.log(`\n${failures.length ? `Failed: ${failures.join(', ')}` : 'All test steps passed.'}`);
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed`);
process.exit(failures.length ? 1 : 0);
