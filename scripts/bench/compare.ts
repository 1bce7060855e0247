/**
 * `npm run bench -- --compare`: the whole suite on the embedded database and on a PostgreSQL server, on
 * the same dataset, with the ratio between them. For each database in turn it starts the service as a
 * child process, measures the pages, stops the service, and then (the embedded database has one owner at
 * a time) runs the tier and workload measures in this process on the same data, and times an import.
 * The dataset: the demonstration region, loaded by the service into an empty folder and an empty server
 * database made here (and removed after); or a national dataset the user seeded into both, given by
 * BENCH_COMPARE_DATA_DIR and BENCH_COMPARE_DATABASE_URL (kept).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DatabaseKind } from '../../src/platform/db/connect.ts';
import { openForMeasures } from './database.ts';
import { onServer, withDatabase, type ImportOptions } from './import.ts';
import type { ScenarioResult } from './measure.ts';
import type { Measure } from './recalculation.ts';
import { measuresTable } from './report.ts';
import { machine, measureService, runBatchMeasures, writeResults, type BenchOptions, type BenchRun, type Skipped } from './suite.ts';

export interface CompareOptions extends Omit<BenchOptions, 'url' | 'batch'> {
  /** Any database of the server: used to make (and drop) a scratch database when databaseUrl is not given. */
  serverUrl: string;
  databaseUrl: string | null;
  dataDir: string | null;
  /** The embedded service listens on port, the server's on port + 1. */
  port: number;
  recalculate: boolean;
  importFor: (serverUrl: string | null) => ImportOptions | Skipped;
}

export interface CompareRun {
  startedAt: string;
  machine: BenchRun['machine'];
  dataset: string;
  runs: Record<DatabaseKind, BenchRun>;
  /** Per scenario and measure: how many times slower the embedded database is (server ÷ embedded throughput). */
  ratios: { name: string; embeddedPerSecond: number; serverPerSecond: number; slowdown: number | null }[];
}

const root = path.resolve(import.meta.dirname, '../..');

/** Node's flags from `npm start` (package.json), so the service is measured as it is run. */
export function startFlags(root: string): string[] {
  const start: string = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).scripts.start;
  const words = start.trim().split(/\s+/);
  if (words[0] !== 'node' || words.at(-1) !== 'src/main.ts') throw new Error(`npm start is not "node [flags] src/main.ts": ${start}`);
  return words.slice(1, -1);
}

/** Starts the service as `npm start` does and waits until it answers (a first start loads the demo region). */
async function startService(port: number, database: { DATABASE_URL: string } | { DATA_DIR: string }, log: (line: string) => void): Promise<ChildProcess> {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...database };
  if (!('DATABASE_URL' in database)) delete env.DATABASE_URL;
  const child = spawn(process.execPath, [...startFlags(root), 'src/main.ts'], { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => { stderr = (stderr + chunk.toString()).slice(-4000); });
  const started = Date.now();
  while (Date.now() - started < 15 * 60_000) {
    if (child.exitCode !== null) throw new Error(`the service stopped (exit ${child.exitCode}): ${stderr.trim().split('\n').slice(-3).join(' | ')}`);
    const ok = await fetch(`http://127.0.0.1:${port}/info`).then((r) => r.ok, () => false);
    if (ok) {
      log(`The service answers on port ${port} after ${((Date.now() - started) / 1000).toFixed(1)} s.`);
      return child;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  child.kill('SIGKILL');
  throw new Error('the service did not answer within 15 minutes');
}

async function stopService(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  await exited;
  clearTimeout(timer);
}

/** One database: pages against the service, then (service stopped) tier and workload, then the import. */
async function measureOn(kind: DatabaseKind, target: { DATABASE_URL: string } | { DATA_DIR: string }, port: number, options: CompareOptions): Promise<BenchRun> {
  const log = options.log ?? (() => undefined);
  log(`— ${kind} database —`);
  const child = await startService(port, target, log);
  let run: BenchRun;
  try {
    run = await measureService({ ...options, url: `http://127.0.0.1:${port}` });
  } finally {
    await stopService(child);
  }
  const opened = !options.recalculate ? { skipped: 'BENCH_RECALCULATE=0' }
    : await openForMeasures('DATABASE_URL' in target ? { databaseUrl: target.DATABASE_URL } : { dataDir: target.DATA_DIR });
  try {
    const batch = await runBatchMeasures({
      database: 'handle' in opened ? { db: opened.handle.db, kind: opened.handle.kind } : opened,
      import: options.importFor(kind === 'server' ? options.serverUrl : null),
    }, log);
    return { ...run, measures: batch.measures, notes: batch.notes };
  } finally {
    if ('handle' in opened) await opened.handle.close();
  }
}

const slowdown = (embedded: number, server: number) => (embedded > 0 ? Math.round((server / embedded) * 100) / 100 : null);

export function compareRatios(embedded: BenchRun, server: BenchRun): CompareRun['ratios'] {
  const pair = <T extends { name: string }>(a: readonly T[], b: readonly T[], rate: (x: T) => number) =>
    a.flatMap((x) => {
      const y = b.find((other) => other.name === x.name);
      return y ? [{ name: x.name, embeddedPerSecond: rate(x), serverPerSecond: rate(y), slowdown: slowdown(rate(x), rate(y)) }] : [];
    });
  return [
    ...pair<ScenarioResult>(embedded.scenarios, server.scenarios, (s) => s.requestsPerSecond),
    ...pair<Measure>(embedded.measures, server.measures, (m) => m.perSecond),
  ];
}

export function compareMarkdown(run: CompareRun): string {
  const { embedded, server } = run.runs;
  const m = run.machine;
  const p95 = (r: BenchRun, name: string) => r.scenarios.find((s) => s.name === name)?.latencyMs.p95 ?? '–';
  // PGlite works inside the service, so its CPU is the service's; the server's adds PostgreSQL's processes.
  const cpuOf = (r: BenchRun, name: string) => {
    const c = r.scenarios.find((s) => s.name === name)?.cpuMsPerRequest;
    if (c?.service == null) return '–';
    return c.database === null ? c.service.toFixed(3) : `${c.service.toFixed(3)} + ${c.database.toFixed(3)}`;
  };
  const rows = run.ratios.map((r) => {
    const unit = embedded.measures.find((x) => x.name === r.name)?.unit;
    const rate = (n: number) => (unit ? `${n.toLocaleString('en-GB')} ${unit}/s` : `${n}`);
    const latency = unit ? '– | –' : `${p95(embedded, r.name)} | ${p95(server, r.name)}`;
    const cpu = unit ? '– | –' : `${cpuOf(embedded, r.name)} | ${cpuOf(server, r.name)}`;
    return `| ${r.name} | ${rate(r.embeddedPerSecond)} | ${rate(r.serverPerSecond)} | ${latency} | ${r.slowdown === null ? '–' : `${r.slowdown}×`} | ${cpu} |`;
  });
  return [
    `# Benchmark ${run.startedAt}: embedded database (PGlite) and PostgreSQL server`,
    '',
    `${run.dataset}. Signed in as ${embedded.settings.username} (${embedded.settings.cases} cases). ${embedded.settings.connections} connections for ${embedded.settings.seconds} s per scenario after ${embedded.settings.warmupSeconds} s of warm-up. ` +
      `Machine: ${m.cpus} CPUs (${m.cpuModel}), ${Math.round(m.memoryBytes / 1024 / 1024)} MiB memory, ${m.platform}, Node ${m.node}; the service, the database server and the load generator share it.`,
    '',
    '| Scenario or measure | PGlite per s | Server per s | PGlite p95 ms | Server p95 ms | PGlite slower by (server ÷ PGlite) | PGlite CPU ms a request | Server CPU ms a request: service + PostgreSQL |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
    '',
    `Service resident memory, peak sampled: PGlite ${Math.round((embedded.memory.peakBytes ?? 0) / 1048576)} MiB, server ${Math.round((server.memory.peakBytes ?? 0) / 1048576)} MiB.`,
    '',
    '## PGlite', '', ...measuresTable(embedded.measures, embedded.notes),
    '## PostgreSQL server', '', ...measuresTable(server.measures, server.notes),
  ].join('\n');
}

export async function runCompare(options: CompareOptions): Promise<{ run: CompareRun; jsonFile: string; markdownFile: string; markdown: string }> {
  const startedAt = new Date().toISOString();
  const scratchName = `throughline_bench_${process.pid}_${Date.now()}`;
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'throughline-bench-pglite-'));
  const databaseUrl = options.databaseUrl ?? withDatabase(options.serverUrl, scratchName);
  if (!options.databaseUrl) await onServer(options.serverUrl, `CREATE DATABASE ${scratchName}`);
  try {
    const embedded = await measureOn('embedded', { DATA_DIR: dataDir }, options.port, options);
    const server = await measureOn('server', { DATABASE_URL: databaseUrl }, options.port + 1, options);
    const run: CompareRun = {
      startedAt, machine: machine(),
      dataset: options.dataDir || options.databaseUrl ? 'The dataset given (BENCH_COMPARE_DATA_DIR, BENCH_COMPARE_DATABASE_URL)' : 'The demonstration region (2,000 people), loaded by the service into an empty database on each',
      runs: { embedded, server }, ratios: compareRatios(embedded, server),
    };
    const markdown = compareMarkdown(run);
    return { run, markdown, ...writeResults(options.outDir, startedAt, run, markdown) };
  } finally {
    if (!options.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    if (!options.databaseUrl) await onServer(options.serverUrl, `DROP DATABASE IF EXISTS ${scratchName}`).catch(() => undefined);
  }
}
