/**
 * Where a scenario's time goes, in CPU: the service's own (from its metrics, so it works wherever the
 * service runs), PostgreSQL's when the server runs on this machine (its processes in /proc), and the load
 * generator's (this process), each per request. Throughput alone cannot tell a slower machine from a slower
 * page; CPU per request mostly can, and it shows which side to work on.
 */
import fs from 'node:fs';

/** CPU seconds used so far by each side; null where it cannot be read. */
export interface CpuReading { service: number | null; database: number | null; loadGenerator: number }
/** Milliseconds of CPU per request between two readings. */
export type CpuPerRequest = { [K in keyof CpuReading]: number | null };

/** `process_cpu_seconds_total` from a Prometheus text page, or null. */
export function cpuFromMetrics(text: string): number | null {
  const match = text.match(/^process_cpu_seconds_total (\d+(?:\.\d+)?(?:e[+-]\d+)?)$/m);
  return match ? Number(match[1]) : null;
}

// Linux counts process CPU in clock ticks of 1/100 s (USER_HZ) whatever the kernel's own tick.
const TICKS_PER_SECOND = 100;

/** The command name and user + system CPU seconds from a /proc/<pid>/stat line (the name may hold spaces and brackets). */
export function parseProcStat(line: string): { name: string; seconds: number } | null {
  const open = line.indexOf('(');
  const close = line.lastIndexOf(')');
  if (open < 0 || close < open) return null;
  const fields = line.slice(close + 2).split(' ');
  // After the name: state is field 3 of stat(5); utime and stime are fields 14 and 15.
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) return null;
  return { name: line.slice(open + 1, close), seconds: (utime + stime) / TICKS_PER_SECOND };
}

/** CPU seconds of every `postgres` process on this machine, or null where there is no /proc or no such process. */
export function localPostgresCpu(proc = '/proc'): number | null {
  let pids: string[];
  try {
    pids = fs.readdirSync(proc).filter((entry) => /^\d+$/.test(entry));
  } catch {
    return null;
  }
  let seconds = 0;
  let found = false;
  for (const pid of pids) {
    let stat: ReturnType<typeof parseProcStat>;
    try {
      stat = parseProcStat(fs.readFileSync(`${proc}/${pid}/stat`, 'utf8'));
    } catch {
      continue; // the process ended meanwhile
    }
    if (stat?.name !== 'postgres') continue;
    seconds += stat.seconds;
    found = true;
  }
  return found ? seconds : null;
}

/**
 * Reads the CPU used so far. `databaseHere` says the service's database is a PostgreSQL server on this
 * machine; otherwise (the embedded database works inside the service, or the server is elsewhere) it is null.
 */
export async function readCpu(baseUrl: string, databaseHere: boolean): Promise<CpuReading> {
  let service: number | null = null;
  try {
    const response = await fetch(new URL('/metrics', baseUrl));
    if (response.ok) service = cpuFromMetrics(await response.text());
  } catch {
    service = null;
  }
  const own = process.cpuUsage();
  return { service, database: databaseHere ? localPostgresCpu() : null, loadGenerator: (own.user + own.system) / 1e6 };
}

const each = (before: number | null, after: number | null, requests: number) =>
  before === null || after === null || requests <= 0 ? null : Math.round(((after - before) * 1000 / requests) * 1000) / 1000;

export function cpuPerRequest(before: CpuReading, after: CpuReading, requests: number): CpuPerRequest {
  return {
    service: each(before.service, after.service, requests),
    database: each(before.database, after.database, requests),
    loadGenerator: each(before.loadGenerator, after.loadGenerator, requests),
  };
}
