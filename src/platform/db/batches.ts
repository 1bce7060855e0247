/** Rows per statement for bulk writes and `in (...)` lists: well inside PostgreSQL's 65,535 parameters. */
export const BATCH_SIZE = 500;

/** Runs `work` on consecutive slices of `items`, one slice at a time, and gathers what it returns. */
export async function inBatches<T, R = unknown>(items: readonly T[], work: (batch: T[]) => Promise<R[] | void>, size = BATCH_SIZE): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += size) results.push(...((await work(items.slice(i, i + size))) ?? []));
  return results;
}

/** Rows grouped by their person, for lookups that answer many people at once. */
export function byPerson<T extends { person_id: number }>(rows: readonly T[]): Map<number, T[]> {
  const map = new Map<number, T[]>();
  for (const row of rows) {
    const list = map.get(row.person_id);
    if (list) list.push(row);
    else map.set(row.person_id, [row]);
  }
  return map;
}
