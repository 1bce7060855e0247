/**
 * The surnames close to a typed one, by pg_trgm's similarity, worked out from a list held in memory rather
 * than by the database's trigram index: the index lookup and its recheck were half of a name search's
 * database time (docs/performance.md). Pure: the list's trigrams are the database's own (show_trgm), so a
 * surname is split exactly as PostgreSQL splits it; only the typed text is split here, and only when it is
 * plain ASCII, where the rules are simple and certain. Anything else goes to the database (close_surnames).
 */

export interface SurnameList {
  /** The surnames, in the order they were added. */
  names: string[];
  /** How many distinct trigrams each surname has. */
  sizes: number[];
  /** For each trigram, the surnames (positions in names) that have it. */
  holders: Map<string, number[]>;
  /** The highest `added` of the surnames read: anything above it is new since. */
  upTo: number;
  /** pg_trgm.similarity_threshold, as the database has it. */
  threshold: number;
}

export interface CloseSurnames { names: string[]; sims: number[] }

export const emptySurnameList = (threshold: number): SurnameList => ({ names: [], sizes: [], holders: new Map(), upTo: 0, threshold });

/** Adds surnames (with the database's trigrams for each) to the list, keeping it in the order added. */
export function addSurnames(list: SurnameList, rows: readonly { name: string; trigrams: readonly string[]; added: number }[]): void {
  for (const row of rows) {
    if (row.added <= list.upTo) continue;
    const at = list.names.push(row.name) - 1;
    list.sizes.push(row.trigrams.length);
    for (const trigram of row.trigrams) {
      const holders = list.holders.get(trigram);
      if (holders) holders.push(at);
      else list.holders.set(trigram, [at]);
    }
    list.upTo = row.added;
  }
}

/**
 * pg_trgm's trigrams of plain ASCII text: lower case, split into words at anything not a letter or digit,
 * each word padded with two spaces before and one after, every run of three characters, each once.
 * Null for text with any other character, whose classes and case depend on the database's locale.
 */
export function asciiTrigrams(text: string): Set<string> | null {
  if (!/^[\x00-\x7f]*$/.test(text)) return null;
  const trigrams = new Set<string>();
  for (const word of text.toLowerCase().split(/[^a-z0-9]+/)) {
    if (!word) continue;
    const padded = `  ${word} `;
    for (let i = 0; i + 3 <= padded.length; i++) trigrams.add(padded.slice(i, i + 3));
  }
  return trigrams;
}

/** pg_trgm's similarity: shared trigrams over all trigrams, as a single-precision float. */
export const trigramSimilarity = (shared: number, sizeA: number, sizeB: number): number =>
  sizeA <= 0 || sizeB <= 0 ? 0 : Math.fround(shared / (sizeA + sizeB - shared));

let scratch = new Uint16Array(0);

/**
 * The `wanted` surnames most similar to the typed one, at or above the threshold (pg_trgm's `%`), most
 * similar first, then by name: what close_surnames answers. Null when the typed text must go to the database.
 */
export function closeSurnames(list: SurnameList, typed: string, wanted: number): CloseSurnames | null {
  const trigrams = asciiTrigrams(typed);
  if (!trigrams || list.threshold <= 0) return null;
  // Shared trigrams per surname, counted in one array kept between searches (zeroed again after each).
  if (scratch.length < list.names.length) scratch = new Uint16Array(list.names.length * 2);
  const counted: number[] = [];
  for (const trigram of trigrams) {
    for (const at of list.holders.get(trigram) ?? []) if (scratch[at]!++ === 0) counted.push(at);
  }
  const close: { name: string; sim: number }[] = [];
  for (const at of counted) {
    const sim = trigramSimilarity(scratch[at]!, trigrams.size, list.sizes[at]!);
    scratch[at] = 0;
    if (sim >= list.threshold) close.push({ name: list.names[at]!, sim });
  }
  close.sort((a, b) => b.sim - a.sim || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const kept = close.slice(0, wanted);
  return { names: kept.map((c) => c.name), sims: kept.map((c) => c.sim) };
}
