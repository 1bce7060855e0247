/** The Markdown report of a run. */
import type { ScenarioResult } from './measure.ts';
import type { Measure } from './recalculation.ts';
import type { BenchRun } from './suite.ts';

const mb = (bytes: number | null) => (bytes === null ? 'not exposed' : `${Math.round(bytes / 1024 / 1024)} MiB`);
const ms = (n: number | null) => (n === null ? '–' : n.toFixed(3));
const cpu = (c: ScenarioResult['cpuMsPerRequest']) => `${ms(c.service)}, ${ms(c.database)}, ${ms(c.loadGenerator)}`;
const ratio = (r: number | null) => (r === null ? '1 (ceiling)' : `${(r * 100).toFixed(1)}%`);

export function toMarkdown(run: BenchRun): string {
  const service = run.service as { version?: string; database?: string } | null;
  const lines = [
    `# Benchmark ${run.startedAt}`,
    '',
    `Service ${run.url} (version ${service?.version ?? '?'}, ${service?.database ?? '?'} database), signed in as ${run.settings.username} with ${run.settings.cases} cases. ` +
      `${run.settings.connections} connections for ${run.settings.seconds} s per scenario, after ${run.settings.warmupSeconds} s of unrecorded warm-up. ` +
      `Machine: ${run.machine.cpus} CPUs (${run.machine.cpuModel}), ${mb(run.machine.memoryBytes)} memory, ${run.machine.platform}, Node ${run.machine.node}.`,
    '',
    '| Scenario | Request | Requests/s | p50 ms | p95 ms | p99 ms | Errors | Timeouts | Of bare route | CPU ms a request: service, PostgreSQL, load generator |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...run.scenarios.map((s) =>
      `| ${s.name} | \`${s.method} ${s.path}\` | ${s.requestsPerSecond} | ${s.latencyMs.p50} | ${s.latencyMs.p95} | ${s.latencyMs.p99} | ${s.errors} | ${s.timeouts} | ${ratio(s.ratioToBare)} | ${cpu(s.cpuMsPerRequest)} |`),
    '',
    'CPU a request: the service\'s from its metrics; PostgreSQL\'s from its processes on this machine (– when the service uses the embedded database, ' +
      'which works inside the service, or no server runs here); the load generator\'s is this process, sharing the machine.',
    '',
    `Service resident memory: ${mb(run.memory.beforeBytes)} before, ${mb(run.memory.peakBytes)} peak sampled, ${mb(run.memory.afterBytes)} after.`,
    '',
    ...measuresTable(run.measures, run.notes),
  ];
  return lines.join('\n');
}

const count = (n: number) => n.toLocaleString('en-GB');

/** The measures that are not pages (tier and workload recalculation, bulk import), and any left out. */
export function measuresTable(measures: readonly Measure[], notes: readonly string[]): string[] {
  return [
    '| Measure | Database | Count | Seconds | Rate | Detail |',
    '| --- | --- | ---: | ---: | ---: | --- |',
    ...measures.map((m) => `| ${m.name} | ${m.database} | ${count(m.count)} ${m.unit} | ${m.seconds} | ${count(m.perSecond)} ${m.unit}/s | ${m.detail} |`),
    '',
    ...notes.map((note) => `- ${note}`),
    ...(notes.length ? [''] : []),
  ];
}
