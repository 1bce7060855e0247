import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cpuFromMetrics, cpuPerRequest, localPostgresCpu, parseProcStat } from '../scripts/bench/cpu.ts';

describe('the benchmark\'s CPU per request', () => {
  it('reads the service\'s CPU seconds from its metrics page', () => {
    assert.equal(cpuFromMetrics('# HELP process_cpu_seconds_total x\nprocess_cpu_user_seconds_total 21.9\nprocess_cpu_seconds_total 25.133166\n'), 25.133166);
    assert.equal(cpuFromMetrics('process_cpu_seconds_total 1.5e+3\n'), 1500);
    assert.equal(cpuFromMetrics('process_resident_memory_bytes 161140736\n'), null);
  });

  it('reads a process\'s name and user + system seconds from /proc/<pid>/stat, even with brackets and spaces in the name', () => {
    const fields = (name: string) => `4242 (${name}) S 1 4242 4242 0 -1 4194560 9000 0 12 0 1234 566 0 0 20 0 1 0 100 217884672 36861 18446744073709551615`;
    assert.deepEqual(parseProcStat(fields('postgres')), { name: 'postgres', seconds: 18 });
    assert.deepEqual(parseProcStat(fields('a (b) c')), { name: 'a (b) c', seconds: 18 });
    assert.equal(parseProcStat('not a stat line'), null);
  });

  it('divides each side\'s CPU by the requests, leaving a side it could not read as null', () => {
    const before = { service: 10, database: 4, loadGenerator: 1 };
    assert.deepEqual(cpuPerRequest(before, { service: 11.5, database: 5, loadGenerator: 1.2 }, 2000), { service: 0.75, database: 0.5, loadGenerator: 0.1 });
    assert.deepEqual(cpuPerRequest({ ...before, database: null }, { service: 11, database: null, loadGenerator: 1 }, 1000), { service: 1, database: null, loadGenerator: 0 });
    assert.deepEqual(cpuPerRequest(before, before, 0), { service: null, database: null, loadGenerator: null });
  });

  it('finds PostgreSQL\'s processes on this machine, or says there are none', () => {
    const seconds = localPostgresCpu();
    assert.ok(seconds === null || seconds >= 0);
  });
});
