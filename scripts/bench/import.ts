/**
 * The bulk import rate: `npm run seed:national` (its COPY loader) run as a child process into a scratch
 * database made for the purpose and removed after: a temporary folder for the embedded database, or a
 * new database on the server. Never the service's own database.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Measure } from './recalculation.ts';

export interface ImportOptions {
  people: number;
  active: number;
  /** A server to make the scratch database on (any database of it: the connection only creates and drops one); null for the embedded database. */
  serverUrl: string | null;
  log?: (line: string) => void;
}

export interface SeedSummary { rows: number; seconds: number; rowsPerSecond: number; people: number | null }

/**
 * The seed's last summary: a JSON line on stdout ({ rows, seconds, rowsPerSecond, ... }). Tolerant: the
 * last line that parses and has rows and seconds wins; failing that, "N rows ... in S s" in the text.
 */
export function parseSeedSummary(output: string): SeedSummary | null {
  const lines = output.split('\n').map((line) => line.trim()).filter(Boolean).reverse();
  for (const line of lines) {
    if (!line.startsWith('{')) continue;
    try {
      const value = JSON.parse(line) as Record<string, unknown>;
      const rows = Number(value.rows);
      const seconds = Number(value.seconds ?? value.loadSeconds);
      if (Number.isFinite(rows) && Number.isFinite(seconds) && seconds > 0) {
        const rate = Number(value.rowsPerSecond);
        return { rows, seconds, rowsPerSecond: Number.isFinite(rate) ? rate : Math.round(rows / seconds), people: Number.isFinite(Number(value.people)) ? Number(value.people) : null };
      }
    } catch { /* not the summary */ }
  }
  for (const line of lines) {
    const match = /([\d,]+)\s+rows\b.*?\bin\s+([\d.]+)\s*s\b/i.exec(line);
    if (match) {
      const rows = Number(match[1]!.replace(/,/g, ''));
      const seconds = Number(match[2]);
      if (seconds > 0) return { rows, seconds, rowsPerSecond: Math.round(rows / seconds), people: null };
    }
  }
  return null;
}

function runSeed(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/seed-national.ts', ...args], { env, cwd: path.resolve(import.meta.dirname, '../..') });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => { stderr = (stderr + chunk.toString()).slice(-20_000); });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A connection string for another database on the same server. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** One statement on a server connection (CREATE or DROP DATABASE, which cannot run in a pool's transaction). */
export async function onServer(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try { await client.query(statement); } finally { await client.end(); }
}

export async function measureImport(options: ImportOptions): Promise<Measure> {
  const kind = options.serverUrl ? 'server' : 'embedded';
  const scratch = `throughline_bench_import_${process.pid}_${Date.now()}`;
  const dataDir = options.serverUrl ? null : fs.mkdtempSync(path.join(os.tmpdir(), 'throughline-bench-import-'));
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  delete env.DATA_DIR;
  if (options.serverUrl) {
    await onServer(options.serverUrl, `CREATE DATABASE ${scratch}`);
    env.DATABASE_URL = withDatabase(options.serverUrl, scratch);
  } else {
    env.DATA_DIR = dataDir!;
  }
  options.log?.(`Importing --people ${options.people} --active ${options.active} into a scratch ${kind} database...`);
  try {
    const result = await runSeed(['--people', String(options.people), '--active', String(options.active)], env);
    if (result.code !== 0) throw new Error(`seed:national failed (exit ${result.code}): ${result.stderr.trim().split('\n').slice(-3).join(' | ')}`);
    const summary = parseSeedSummary(result.stdout) ?? parseSeedSummary(result.stderr);
    if (!summary) throw new Error(`seed:national printed no summary line: ${result.stdout.slice(-300)}`);
    return {
      name: 'Bulk import (seed:national, COPY)', database: kind, count: summary.rows, unit: 'rows', seconds: summary.seconds,
      perSecond: Math.round(summary.rowsPerSecond),
      detail: `--people ${options.people} --active ${options.active} into a fresh scratch database`,
    };
  } finally {
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    if (options.serverUrl) await onServer(options.serverUrl, `DROP DATABASE IF EXISTS ${scratch}`).catch(() => undefined);
  }
}
