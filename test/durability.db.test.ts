import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Database } from '../src/database.ts';
import { openDatabase } from '../src/platform/db/connect.ts';
import { createTestDatabase, testDatabaseKind, type TestDatabase } from './support/database.ts';

const root = path.resolve(import.meta.dirname, '..');
const tsx = ['--import', 'tsx'];

/**
 * What a user saves is never lost: a write the service acknowledged survives kill -9, on the embedded
 * database as on the server. The service runs as a real child process, started the way README says.
 */
describe('durability and the single owner of the embedded database', () => {
  let dataDir: string;
  let server: TestDatabase | null = null;
  let env: NodeJS.ProcessEnv;
  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'throughline-durability-'));
    env = { ...process.env, DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn', DATABASE_URL: '' };
    if (testDatabaseKind() === 'server') {
      server = await createTestDatabase({ demo: false });
      const url = new URL(process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres');
      url.pathname = `/${server.name}`;
      env.DATABASE_URL = url.toString();
      await server.db.destroy(); // the service under test is the only client
    }
  });
  after(async () => {
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (server) await server.close().catch(() => undefined);
  });

  it('keeps an acknowledged write after the service is killed with SIGKILL', async () => {
    const cli = spawnSync(process.execPath, [...tsx, 'src/cli.ts', 'token', 'create', '--user', 'jo.po'], { cwd: root, env, encoding: 'utf8' });
    assert.equal(cli.status, 0, cli.stderr);
    const token = cli.stdout.trim().split('\n').at(-1)!;
    assert.match(token, /^tl_/);

    const child = spawn(process.execPath, [...tsx, 'src/main.ts'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`service did not start: ${output}`)), 60_000);
      const read = (chunk: Buffer) => {
        output += chunk;
        const match = output.match(/running at http:\/\/localhost:(\d+)/);
        if (match) { clearTimeout(timer); resolve(Number(match[1])); }
      };
      child.stdout.on('data', read);
      child.stderr.on('data', read);
      child.on('exit', (code) => reject(new Error(`service exited (${code}): ${output}`)));
    });

    if (!server) {
      const second = spawnSync(process.execPath, [...tsx, 'src/cli.ts', 'audit', 'verify'], { cwd: root, env, encoding: 'utf8' });
      assert.equal(second.status, 1);
      assert.match(second.stderr, /in use by another process \(pid \d+\)/);
    }

    const response = await fetch(`http://127.0.0.1:${port}/api/v1/people`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ firstName: 'Durable', lastName: 'Write', dateOfBirth: '1970-01-01', sex: 'male' }),
    });
    assert.equal(response.status, 201);
    const { crn } = (await response.json()) as { crn: string };
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));

    const reopened = await openDatabase<Database>(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : { dataDir });
    try {
      const person = await reopened.db.selectFrom('people').select(['first_name', 'last_name']).where('crn', '=', crn).executeTakeFirst();
      assert.deepEqual(person, { first_name: 'Durable', last_name: 'Write' });
    } finally {
      await reopened.close();
    }
  });
});
