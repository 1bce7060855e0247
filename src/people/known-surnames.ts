/**
 * The surname list each process keeps for name search (close-surnames.ts), read from `surnames` with the
 * database's own trigrams: all of it at the first search, then only what was added since, whenever a search
 * finds the table has grown (the search's statement says how far it goes).
 */
import { sql } from 'kysely';
import type { Db } from '../database.ts';
import { addSurnames, emptySurnameList, type SurnameList } from './close-surnames.ts';

// One list per database (tests open several in one process), read into in place. Reads of what is new may
// overlap: a surname the list already has is skipped.
const lists = new WeakMap<Db, Promise<SurnameList>>();

async function readSince(db: Db, list: SurnameList): Promise<SurnameList> {
  const { rows } = await sql<{ name: string; trigrams: string[]; added: string }>`
    SELECT name, show_trgm(name) AS trigrams, added FROM surnames WHERE added > ${list.upTo} ORDER BY added`.execute(db);
  addSurnames(list, rows.map((r) => ({ name: r.name, trigrams: r.trigrams, added: Number(r.added) })));
  return list;
}

/** The list as far as it has been read. */
export function knownSurnames(db: Db): Promise<SurnameList> {
  let list = lists.get(db);
  if (!list) {
    // Unset, and before pg_trgm is loaded in the session, the setting is absent: its default is 0.3.
    list = sql<{ threshold: string }>`SELECT coalesce(current_setting('pg_trgm.similarity_threshold', true), '0.3') AS threshold`.execute(db)
      .then(({ rows }) => readSince(db, emptySurnameList(Number(rows[0]!.threshold))));
    lists.set(db, list);
    list.catch(() => lists.delete(db));
  }
  return list;
}

/** Reads the surnames added after the list's last, if the table goes beyond it. */
export async function catchUpSurnames(db: Db, tableUpTo: number): Promise<SurnameList> {
  const list = await knownSurnames(db);
  return tableUpTo > list.upTo ? readSince(db, list) : list;
}

/** How far the table goes, for a search whose statement found nothing to say it. */
export async function surnamesUpTo(db: Db): Promise<number> {
  const { rows } = await sql<{ up_to: string | null }>`SELECT max(added) AS up_to FROM surnames`.execute(db);
  return Number(rows[0]?.up_to ?? 0);
}
