/** The benchmark suite: signs in, finds real cases, measures each scenario in turn and writes the results. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Db } from '../../src/database.ts';
import type { DatabaseKind } from '../../src/platform/db/connect.ts';
import { localPostgresCpu, readCpu } from './cpu.ts';
import { measureImport, type ImportOptions } from './import.ts';
import { measure, residentMemory, type Scenario, type ScenarioResult } from './measure.ts';
import { measureTiers, measureWorkloads, type Measure } from './recalculation.ts';
import { toMarkdown } from './report.ts';
import { findTargets, signIn, withTypo, type BenchSession, type BenchTargets } from './session.ts';

export interface BenchOptions {
  url: string;
  username: string;
  password: string;
  seconds: number;
  connections: number;
  /** Seconds of unrecorded load before each scenario is measured; 0 for none. */
  warmupSeconds: number;
  /** Where the JSON and Markdown files go. */
  outDir: string;
  log?: (line: string) => void;
  /** The measures that are not pages; each left out says why. */
  batch?: BatchOptions;
}

/** Skipped, and why (printed in the report). */
export interface Skipped { skipped: string }

export interface BatchOptions {
  /** The database the tier and workload measures run on, opened by the caller in this process. */
  database: { db: Db; kind: DatabaseKind } | Skipped;
  /** The bulk import into a scratch database. */
  import: ImportOptions | Skipped;
}

export interface BenchRun {
  startedAt: string;
  url: string;
  service: unknown;
  machine: { cpus: number; cpuModel: string; memoryBytes: number; platform: string; node: string };
  settings: { seconds: number; warmupSeconds: number; connections: number; username: string; cases: number; surnameSearched: string };
  memory: { beforeBytes: number | null; peakBytes: number | null; afterBytes: number | null };
  scenarios: ScenarioResult[];
  /** Tier and workload recalculation, bulk import. */
  measures: Measure[];
  /** Measures not run, and why. */
  notes: string[];
}

/** The scenarios in the order they run; the bare JSON route first, as the ceiling the others are compared to. */
export function scenarios(session: BenchSession, targets: BenchTargets): Scenario[] {
  const page = { accept: 'text/html', cookie: session.cookie };
  let i = 0;
  const nextCrn = () => targets.crns[i++ % targets.crns.length]!;
  const get = (name: string, path: string, paths: () => string, headers: Record<string, string> = page): Scenario =>
    ({ name, path, method: 'GET', headers, next: () => ({ path: paths() }) });
  const typo = withTypo(targets.surname);
  const first = targets.crns[0]!;
  const now = new Date(Date.now() - 60 * 60 * 1000); // an hour ago: a contact that has happened
  const london = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .formatToParts(now).reduce<Record<string, string>>((parts, p) => ({ ...parts, [p.type]: p.value }), {});
  const contactBody = new URLSearchParams({
    _csrf: session.csrf, typeCode: 'case_note',
    'date-day': london.day!, 'date-month': london.month!, 'date-year': london.year!, time: `${london.hour}:${london.minute}`,
    notes: 'Benchmark case note: recorded by npm run bench.',
  }).toString();
  return [
    get('Bare JSON route (ceiling)', '/info', () => '/info', { accept: 'application/json' }),
    get('Case overview', `/people/${first}`, () => `/people/${nextCrn()}`),
    get('My cases', '/cases', () => '/cases'),
    get('Search by name with a typo', `/search?q=${encodeURIComponent(typo)}`, () => `/search?q=${encodeURIComponent(typo)}`),
    get('Search by CRN', `/search?q=${first}`, () => `/search?q=${nextCrn()}`),
    {
      name: 'Record a contact (POST)', path: `/people/${first}/contacts/new`, method: 'POST',
      headers: { ...page, 'content-type': 'application/x-www-form-urlencoded' },
      next: () => ({ path: `/people/${nextCrn()}/contacts/new`, body: contactBody }),
    },
  ];
}

const isSkipped = (value: object): value is Skipped => 'skipped' in value;

/** The tier, workload and import measures, in that order; a failure is a note, not the end of the run. */
export async function runBatchMeasures(batch: BatchOptions | undefined, log: (line: string) => void): Promise<{ measures: Measure[]; notes: string[] }> {
  const measures: Measure[] = [];
  const notes: string[] = [];
  if (!batch) return { measures, notes: ['Tier, workload and import measures: not asked for'] };
  const attempt = async (name: string, work: () => Promise<Measure>) => {
    log(`Measuring ${name}...`);
    try {
      measures.push(await work());
    } catch (error) {
      notes.push(`${name}: failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const { database } = batch;
  if (isSkipped(database)) notes.push(`Tier and workload recalculation: skipped: ${database.skipped}`);
  else {
    await attempt('tier recalculation of every active case', () => measureTiers(database.db, database.kind));
    await attempt('every practitioner\'s workload', () => measureWorkloads(database.db, database.kind));
  }
  const importing = batch.import;
  if (isSkipped(importing)) notes.push(`Bulk import: skipped: ${importing.skipped}`);
  else await attempt('the bulk import', () => measureImport({ ...importing, log }));
  return { measures, notes };
}

/** The machine the suite ran on, for the report. */
export function machine(): BenchRun['machine'] {
  const cpus = os.cpus();
  return { cpus: cpus.length, cpuModel: cpus[0]?.model ?? 'unknown', memoryBytes: os.totalmem(), platform: `${os.platform()} ${os.release()}`, node: process.version };
}

/** Writes `<stamp>.json` and `<stamp>.md` in outDir. */
export function writeResults(outDir: string, startedAt: string, value: unknown, markdown: string): { jsonFile: string; markdownFile: string } {
  fs.mkdirSync(outDir, { recursive: true });
  const stamp = startedAt.replace(/[:.]/g, '-');
  const jsonFile = path.join(outDir, `${stamp}.json`);
  const markdownFile = path.join(outDir, `${stamp}.md`);
  fs.writeFileSync(jsonFile, `${JSON.stringify(value, null, 2)}\n`);
  fs.writeFileSync(markdownFile, markdown);
  return { jsonFile, markdownFile };
}

export async function runBench(options: BenchOptions): Promise<{ run: BenchRun; jsonFile: string; markdownFile: string; markdown: string }> {
  const run = await measureService(options);
  const markdown = toMarkdown(run);
  return { run, markdown, ...writeResults(options.outDir, run.startedAt, run, markdown) };
}

/** Every scenario against the service, then the batch measures: the run, not yet written. */
export async function measureService(options: BenchOptions): Promise<BenchRun> {
  const log = options.log ?? (() => undefined);
  const startedAt = new Date().toISOString();
  const service = await fetch(new URL('/info', options.url)).then((r) => r.json()).catch(() => null);
  const session = await signIn(options.url, options.username, options.password);
  const targets = await findTargets(options.url, session);
  log(`Signed in as ${options.username}: ${targets.crns.length} cases, searching for "${withTypo(targets.surname)}" (${targets.surname} with a typo).`);

  const memory = { beforeBytes: await residentMemory(options.url), peakBytes: null as number | null, afterBytes: null as number | null };
  const sample = async () => {
    const bytes = await residentMemory(options.url);
    if (bytes !== null) memory.peakBytes = Math.max(memory.peakBytes ?? 0, bytes);
  };
  const sampler = setInterval(() => void sample(), 1000);
  const results: ScenarioResult[] = [];
  // PostgreSQL's CPU is read from its processes on this machine, when the service uses a server and one runs here.
  const databaseHere = (service as { database?: string } | null)?.database === 'server' && localPostgresCpu() !== null;
  try {
    for (const scenario of scenarios(session, targets)) {
      log(`Measuring ${scenario.name}: ${options.connections} connections for ${options.seconds} s after ${options.warmupSeconds} s of warm-up...`);
      results.push(await measure(options.url, scenario, {
        seconds: options.seconds, connections: options.connections, warmupSeconds: options.warmupSeconds, readCpu: () => readCpu(options.url, databaseHere),
      }));
    }
  } finally {
    clearInterval(sampler);
  }
  memory.afterBytes = await residentMemory(options.url);
  if (memory.afterBytes !== null) memory.peakBytes = Math.max(memory.peakBytes ?? 0, memory.afterBytes, memory.beforeBytes ?? 0);

  const bare = results[0]!.requestsPerSecond;
  for (const result of results.slice(1)) result.ratioToBare = bare > 0 ? Math.round((result.requestsPerSecond / bare) * 10000) / 10000 : null;

  const { measures, notes } = await runBatchMeasures(options.batch, log);
  return {
    startedAt, url: options.url, service, machine: machine(),
    settings: { seconds: options.seconds, warmupSeconds: options.warmupSeconds, connections: options.connections, username: options.username, cases: targets.crns.length, surnameSearched: withTypo(targets.surname) },
    memory, scenarios: results, measures, notes,
  };
}
