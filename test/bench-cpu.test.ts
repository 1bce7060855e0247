import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { cpuFromMetrics, cpuPerRequest, localPostgresCpu, localPostgresProcesses, parseProcStat, postgresSecondsBetween } from '../scripts/bench/cpu.ts';

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
    const before = { service: 10, database: new Map([['7', 4]]), loadGenerator: 1 };
    assert.deepEqual(cpuPerRequest(before, { service: 11.5, database: new Map([['7', 5]]), loadGenerator: 1.2 }, 2000), { service: 0.75, database: 0.5, loadGenerator: 0.1 });
    assert.deepEqual(cpuPerRequest({ ...before, database: null }, { service: 11, database: null, loadGenerator: 1 }, 1000), { service: 1, database: null, loadGenerator: 0 });
    assert.deepEqual(cpuPerRequest(before, before, 0), { service: null, database: null, loadGenerator: null });
  });

  it('counts PostgreSQL\'s CPU process by process: a backend that ended in between takes nothing away, a new one counts whole', () => {
    const before = new Map([['11', 2], ['12', 5]]);
    const after = new Map([['11', 3], ['13', 0.5]]); // 12 ended (its 5 s are not a fall), 13 started
    assert.equal(postgresSecondsBetween(before, after), 1.5);
    assert.equal(postgresSecondsBetween(null, after), null);
    assert.deepEqual(cpuPerRequest({ service: 0, database: before, loadGenerator: 0 }, { service: 0, database: after, loadGenerator: 0 }, 1000).database, 1.5);
  });

  it('adds up the CPU of every postgres process in /proc, and says when there is none', () => {
    const proc = fs.mkdtempSync(path.join(os.tmpdir(), 'throughline-proc-'));
    try {
      const add = (pid: string, name: string, ticks: number) => {
        fs.mkdirSync(path.join(proc, pid));
        fs.writeFileSync(path.join(proc, pid, 'stat'), `${pid} (${name}) S 1 1 1 0 -1 0 0 0 0 0 ${ticks} ${ticks} 0 0 20 0 1 0 100 0 0`);
      };
      assert.equal(localPostgresCpu(proc), null, 'no process');
      add('10', 'node', 5000);
      add('self', 'postgres', 9999); // not a process directory
      assert.equal(localPostgresCpu(proc), null, 'no postgres process');
      add('11', 'postgres', 150);
      add('12', 'postgres', 50);
      fs.mkdirSync(path.join(proc, '13')); // a process that ended while /proc was read
      assert.equal(localPostgresCpu(proc), 4, 'user + system ticks of both postgres processes, at 100 a second');
      assert.deepEqual(localPostgresProcesses(proc), new Map([['11', 3], ['12', 1]]), 'and each by its pid');
      assert.equal(localPostgresCpu(path.join(proc, 'missing')), null, 'no /proc at all');
    } finally {
      fs.rmSync(proc, { recursive: true, force: true });
    }
  });
});
