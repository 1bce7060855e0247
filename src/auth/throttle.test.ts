import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SignInThrottle } from './throttle.ts';

describe('SignInThrottle', () => {
  it('refuses a username after five failures until the window passes', () => {
    let now = 0;
    const throttle = new SignInThrottle(5, 15 * 60_000, () => now);
    for (let i = 0; i < 4; i++) throttle.fail('Jo.PO', '10.0.0.1');
    assert.equal(throttle.waitMinutes('jo.po', '10.0.0.2'), 0);
    throttle.fail('jo.po', '10.0.0.1');
    assert.equal(throttle.waitMinutes('jo.po', '10.0.0.2'), 15);
    now += 10 * 60_000;
    assert.equal(throttle.waitMinutes('jo.po', '10.0.0.2'), 5);
    now += 5 * 60_000 + 1;
    assert.equal(throttle.waitMinutes('jo.po', '10.0.0.2'), 0);
  });

  it('refuses an address trying many usernames', () => {
    const throttle = new SignInThrottle(5, 60_000, () => 0);
    for (let i = 0; i < 20; i++) throttle.fail(`user${i}`, '10.0.0.9');
    assert.ok(throttle.waitMinutes('someone-else', '10.0.0.9') > 0);
    assert.equal(throttle.waitMinutes('someone-else', '10.0.0.8'), 0);
  });

  it('forgives a username after a successful sign-in', () => {
    const throttle = new SignInThrottle(2, 60_000, () => 0);
    throttle.fail('a', '1');
    throttle.succeed('a');
    throttle.fail('a', '1');
    assert.equal(throttle.waitMinutes('a', '2'), 0);
  });
});
