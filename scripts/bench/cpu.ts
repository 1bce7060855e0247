/**
 * Where a scenario's time goes, in CPU: the service's own (from its metrics, so it works wherever the
 * service runs), PostgreSQL's when the server runs on this machine (its processes in /proc), and the load
 * generator's (this process), each per request. Throughput alone cannot tell a slower machine from a slower
 * page; CPU per request mostly can, and it shows which side to work on.
 */
import fs from 'node:fs';

/**
 * CPU seconds used so far by each side; null where it cannot be read. PostgreSQL's is kept by process, as
 * its backends come and go (a pool's idle connection closes) and one that ended must not subtract its CPU.
 */
export interface CpuReading { service: number | null; database: ReadonlyMap<string, number> | null; loadGenerator: number }
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

/** CPU seconds of each `postgres` process on this machine by pid, or null where there is no /proc or no such process. */
export function localPostgresProcesses(proc = '/proc'): Map<string, number> | null {
  let pids: string[];
  try {
    pids = fs.readdirSync(proc).filter((entry) => /^\d+$/.test(entry));
  } catch {
    return null;
  }
  const processes = new Map<string, number>();
  for (const pid of pids) {
    let stat: ReturnType<typeof parseProcStat>;
    try {
      stat = parseProcStat(fs.readFileSync(`${proc}/${pid}/stat`, 'utf8'));
    } catch {
      continue; // the process ended meanwhile
    }
    if (stat?.name === 'postgres') processes.set(pid, stat.seconds);
  }
  return processes.size ? processes : null;
}

/** CPU seconds of every `postgres` process on this machine together, or null. */
export function localPostgresCpu(proc = '/proc'): number | null {
  const processes = localPostgresProcesses(proc);
  return processes && [...processes.values()].reduce((sum, seconds) => sum + seconds, 0);
}

/**
 * The CPU PostgreSQL's processes used between two readings: each process now, less what it had used before
 * (nothing, if it is new). A process that ended in between is left out, with what it used before and since.
 */
export function postgresSecondsBetween(before: ReadonlyMap<string, number> | null, after: ReadonlyMap<string, number> | null): number | null {
  if (!before || !after) return null;
  let seconds = 0;
  for (const [pid, now] of after) seconds += now - (before.get(pid) ?? 0);
  return seconds;
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
  return { service, database: databaseHere ? localPostgresProcesses() : null, loadGenerator: (own.user + own.system) / 1e6 };
}

const perRequest = (seconds: number | null, requests: number) =>
  seconds === null || requests <= 0 ? null : Math.round((seconds * 1000 / requests) * 1000) / 1000;
const between = (before: number | null, after: number | null) => (before === null || after === null ? null : after - before);

export function cpuPerRequest(before: CpuReading, after: CpuReading, requests: number): CpuPerRequest {
  return {
    service: perRequest(between(before.service, after.service), requests),
    database: perRequest(postgresSecondsBetween(before.database, after.database), requests),
    loadGenerator: perRequest(between(before.loadGenerator, after.loadGenerator), requests),
  };
}
