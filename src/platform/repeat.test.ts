import assert from 'node:assert/strict';
import { describe, it, mock } from 'node:test';
import { repeatEvery } from './repeat.ts';

describe('work repeated by the running service', () => {
  it('runs first after the delay, then every interval, never two at once, and carries on after a failure', async () => {
    mock.timers.enable({ apis: ['setTimeout', 'setInterval'] });
    try {
      const errors: string[] = [];
      let runs = 0;
      let finish: () => void = () => undefined;
      const stop = repeatEvery(2, 1_000, () => {
        runs += 1;
        if (runs === 2) return Promise.reject(new Error('database away'));
        return new Promise<void>((resolve) => { finish = resolve; });
      }, (error) => errors.push(error.message));
      mock.timers.tick(999);
      assert.equal(runs, 0);
      mock.timers.tick(1);
      assert.equal(runs, 1);
      mock.timers.tick(120_000); // the first run is still under way: this tick is skipped
      assert.equal(runs, 1);
      finish();
      await new Promise((resolve) => setImmediate(resolve));
      mock.timers.tick(120_000);
      assert.equal(runs, 2);
      await new Promise((resolve) => setImmediate(resolve));
      assert.deepEqual(errors, ['database away']);
      mock.timers.tick(120_000);
      assert.equal(runs, 3);
      const stopped = stop();
      let done = false;
      void stopped.then(() => { done = true; });
      await new Promise((resolve) => setImmediate(resolve));
      assert.equal(done, false, 'stop waits for the run under way');
      finish();
      await stopped;
      mock.timers.tick(600_000);
      assert.equal(runs, 3);
    } finally {
      mock.timers.reset();
    }
  });

  it('does nothing when told 0 minutes', async () => {
    let runs = 0;
    const stop = repeatEvery(0, 0, async () => { runs += 1; }, () => undefined);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await stop();
    assert.equal(runs, 0);
  });
});
