/**
 * Upkeep of the embedded database. PGlite runs Postgres without its autovacuum, so nothing would gather
 * the planner's statistics (a table never analysed is planned on guesses, however large it grows) or
 * vacuum (index-only scans rely on the visibility map that vacuum keeps). The service does that work
 * itself, by autovacuum's own rule and default settings, for the tables that have reached them. A server
 * has its own autovacuum and is left to it.
 */
import { sql, type Kysely } from 'kysely';

export interface TableActivity {
  table: string;
  /** pg_class.reltuples: the rows at the last analyse or vacuum; -1 if there has been neither. */
  rows: number;
  modifiedSinceAnalyze: number;
  deadRows: number;
  insertedSinceVacuum: number;
}

/** What a table is due for. A vacuum is run as VACUUM (ANALYZE), so it analyses the table whatever `analyze` says. */
export interface TableUpkeep { table: string; vacuum: boolean; analyze: boolean }

// autovacuum's defaults (PostgreSQL 13 and later): a base number of rows and a share of the table.
export const AUTOVACUUM = {
  analyze: { threshold: 50, scaleFactor: 0.1 },
  vacuum: { threshold: 50, scaleFactor: 0.2 },
  vacuumInsert: { threshold: 1000, scaleFactor: 0.2 },
} as const;

const reached = (count: number, rows: number, rule: { threshold: number; scaleFactor: number }) =>
  count > rule.threshold + rule.scaleFactor * Math.max(rows, 0);

/** Which tables autovacuum would analyse or vacuum now. A table never analysed is analysed. */
export function upkeepDue(tables: readonly TableActivity[]): TableUpkeep[] {
  return tables.flatMap((t) => {
    const vacuum = reached(t.deadRows, t.rows, AUTOVACUUM.vacuum) || reached(t.insertedSinceVacuum, t.rows, AUTOVACUUM.vacuumInsert);
    const analyze = t.rows < 0 || reached(t.modifiedSinceAnalyze, t.rows, AUTOVACUUM.analyze);
    return vacuum || analyze ? [{ table: t.table, vacuum, analyze }] : [];
  });
}

/** The public schema's tables with what their statistics counters say since the last upkeep. */
async function tableActivity(db: Kysely<any>): Promise<TableActivity[]> {
  const { rows } = await sql<{ table: string; rows: number; modified: string | null; dead: string | null; inserted: string | null }>`
    SELECT c.relname AS table, c.reltuples::float8 AS rows, s.n_mod_since_analyze AS modified, s.n_dead_tup AS dead, s.n_ins_since_vacuum AS inserted
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid
    WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY c.relname`.execute(db);
  return rows.map((r) => ({
    table: r.table, rows: Number(r.rows), modifiedSinceAnalyze: Number(r.modified ?? 0), deadRows: Number(r.dead ?? 0), insertedSinceVacuum: Number(r.inserted ?? 0),
  }));
}

/** Analyses and vacuums the tables that are due, one statement each; says what it did. */
export async function keepUp(db: Kysely<any>): Promise<TableUpkeep[]> {
  const due = upkeepDue(await tableActivity(db));
  for (const { table, vacuum } of due) {
    await (vacuum ? sql`VACUUM (ANALYZE) ${sql.table(table)}` : sql`ANALYZE ${sql.table(table)}`).execute(db);
  }
  return due;
}
