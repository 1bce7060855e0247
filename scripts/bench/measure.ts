/** One scenario under load with autocannon: throughput, latency percentiles and errors. */
import autocannon from 'autocannon';
import { cpuPerRequest, type CpuPerRequest, type CpuReading } from './cpu.ts';

export interface Scenario {
  name: string;
  /** What is requested, for the report (one example path). */
  path: string;
  method: 'GET' | 'POST';
  /** Successive requests: each call gives the next one (the CRNs rotate). */
  next(): { path: string; body?: string };
  headers: Record<string, string>;
}

export interface ScenarioResult {
  name: string;
  method: string;
  path: string;
  requests: number;
  durationSeconds: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number };
  /** Answers outside 2xx/3xx, plus connection errors and timeouts. */
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  /** Requests per second as a fraction of the bare JSON route's; null for the bare route itself. */
  ratioToBare: number | null;
  /** Milliseconds of CPU per request of the service, of PostgreSQL on this machine and of the load generator (cpu.ts). */
  cpuMsPerRequest: CpuPerRequest;
}

const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]! : 0;
const round = (n: number, places = 2) => Math.round(n * 10 ** places) / 10 ** places;

type Listener = (statusCode: number, responseTime: number) => void;

/** Runs autocannon for a scenario, calling `listen` with each response's status and time in ms. */
function cannon(baseUrl: string, scenario: Scenario, seconds: number, connections: number, listen: Listener): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon({
      url: baseUrl,
      connections,
      duration: seconds,
      timeout: 10,
      headers: scenario.headers,
      requests: [{
        method: scenario.method,
        setupRequest: (request) => {
          const { path, body } = scenario.next();
          return { ...request, method: scenario.method, path, ...(body !== undefined ? { body } : {}) };
        },
      }],
    }, (error, result) => (error ? reject(error) : resolve(result)));
    instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => listen(statusCode, responseTime));
  });
}

/**
 * Measures one scenario: an unrecorded warm-up first (so the figures are of a warm service, not of
 * template compilation and JIT), then `seconds` under `connections` concurrent connections.
 */
export async function measure(baseUrl: string, scenario: Scenario,
  options: { seconds: number; connections: number; warmupSeconds?: number; readCpu: () => Promise<CpuReading> }): Promise<ScenarioResult> {
  if (options.warmupSeconds) await cannon(baseUrl, scenario, options.warmupSeconds, options.connections, () => undefined);
  const cpuBefore = await options.readCpu();
  const latencies: number[] = [];
  const statusCodes: Record<string, number> = {};
  let badStatus = 0;
  const result = await cannon(baseUrl, scenario, options.seconds, options.connections, (statusCode, responseTime) => {
    latencies.push(responseTime);
    statusCodes[statusCode] = (statusCodes[statusCode] ?? 0) + 1;
    if (statusCode >= 400) badStatus += 1;
  });
  const cpuAfter = await options.readCpu();
  latencies.sort((a, b) => a - b);
  const duration = result.duration || options.seconds;
  return {
    name: scenario.name,
    method: scenario.method,
    path: scenario.path,
    requests: latencies.length,
    durationSeconds: round(duration),
    requestsPerSecond: round(latencies.length / duration, 1),
    latencyMs: { p50: round(percentile(latencies, 50)), p95: round(percentile(latencies, 95)), p99: round(percentile(latencies, 99)), max: round(latencies.at(-1) ?? 0) },
    errors: badStatus + result.errors,
    timeouts: result.timeouts,
    statusCodes,
    ratioToBare: null,
    cpuMsPerRequest: cpuPerRequest(cpuBefore, cpuAfter, latencies.length),
  };
}

/** The service's resident memory in bytes from its Prometheus metrics, or null when it does not expose it. */
export async function residentMemory(baseUrl: string): Promise<number | null> {
  try {
    const response = await fetch(new URL('/metrics', baseUrl));
    if (!response.ok) return null;
    const match = (await response.text()).match(/^process_resident_memory_bytes (\d+(?:\.\d+)?(?:e\+\d+)?)$/m);
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}
