/**
 * `npm run bench`: measures a running Throughline service under concurrent load. See docs/performance.md.
 * BENCH_URL (http://localhost:3000), BENCH_USER (jo.po), BENCH_PASSWORD (throughline-demo),
 * BENCH_SECONDS (10), BENCH_CONNECTIONS (50), BENCH_WARMUP_SECONDS (2; 0 for none), BENCH_OUT (bench-results).
 */
import path from 'node:path';
import { runBench } from './suite.ts';

const env = process.env;
const positive = (name: string, fallback: number) => {
  const value = Number(env[name] ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
};

try {
  const { markdown, jsonFile, markdownFile } = await runBench({
    url: env.BENCH_URL || 'http://localhost:3000',
    username: env.BENCH_USER || 'jo.po',
    password: env.BENCH_PASSWORD || 'throughline-demo',
    seconds: positive('BENCH_SECONDS', 10),
    connections: Math.round(positive('BENCH_CONNECTIONS', 50)),
    warmupSeconds: env.BENCH_WARMUP_SECONDS === '0' ? 0 : positive('BENCH_WARMUP_SECONDS', 2),
    outDir: path.resolve(env.BENCH_OUT || 'bench-results'),
    log: (line) => console.error(line),
  });
  console.log(`\n${markdown}`);
  console.log(`Written ${path.relative(process.cwd(), jsonFile)} and ${path.relative(process.cwd(), markdownFile)}.`);
} catch (error) {
  console.error(`The benchmark could not run: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
