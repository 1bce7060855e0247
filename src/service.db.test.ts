import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase, testDatabaseKind, type TestDatabase } from '../test/support/database.ts';
import { loadConfig } from './platform/config.ts';
import { startScheduledWork } from './service.ts';

describe('the work the running service does on its own', () => {
  let database: TestDatabase;
  before(async () => {
    database = await createTestDatabase({ people: 50 });
  });
  after(() => database.close());

  it('analyses and vacuums the embedded database as autovacuum would, and leaves a server to its own', async () => {
    const lines: string[] = [];
    const stop = startScheduledWork(loadConfig({ REMINDER_SWEEP_MINUTES: '0' }), database, (line) => lines.push(line));
    try {
      await new Promise((resolve) => setTimeout(resolve, 2_500)); // the first upkeep runs a second after the start
    } finally {
      await stop();
    }
    const upkeep = lines.filter((line) => line.startsWith('Database upkeep'));
    if (testDatabaseKind() === 'embedded') {
      assert.equal(upkeep.length, 1);
      assert.match(upkeep[0]!, /^Database upkeep: analysed \d+ tables/);
    } else {
      assert.deepEqual(upkeep, []);
    }
  });
});
