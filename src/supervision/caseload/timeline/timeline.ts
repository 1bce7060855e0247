/** Merges the sources newest first and pages by a cursor (`before`), so a long history is read a page at a time. */
import type { Db } from '../../../database.ts';
import { assessmentEntries, tierEntries } from './assessments.ts';
import { contactEntries } from './contacts.ts';
import { enforcementEntries } from './enforcement.ts';
import { allocationEntries, contactLevelEntries, flagEntries, reportEntries } from './others.ts';
import { planEntries } from './plans.ts';
import { sentenceEntries } from './sentences.ts';
import { KIND_CODES, type Source, type TimelineEntry, type TimelineKind, type Viewer, type Window } from './types.ts';

const SOURCES: Record<TimelineKind, Source> = {
  contacts: contactEntries, enforcement: enforcementEntries, plans: planEntries, sentences: sentenceEntries, assessments: assessmentEntries,
  tier: tierEntries, flags: flagEntries, reports: reportEntries, allocations: allocationEntries, contact_level: contactLevelEntries,
};

export const PAGE_SIZE = 50;

export interface TimelinePage { entries: TimelineEntry[]; nextBefore: Date | null }

/**
 * Each source returns at most pageSize + 1 rows inside the window; merged, the page keeps every entry
 * newer than the first one left out, so entries sharing a moment are never split across pages.
 */
export async function timelineOf(db: Db, personId: number, options: { kinds: readonly TimelineKind[]; from: Date | null; to: Date | null; before: Date | null; pageSize?: number }, viewer: Viewer): Promise<TimelinePage> {
  const pageSize = options.pageSize ?? PAGE_SIZE;
  const window: Window = { from: options.from, to: options.to, before: options.before, limit: pageSize + 1 };
  const kinds = options.kinds.length ? options.kinds : KIND_CODES;
  const lists = await Promise.all(kinds.map((kind) => SOURCES[kind](db, personId, window, viewer)));
  const all = lists.flat().sort((a, b) => b.at.getTime() - a.at.getTime() || a.kind.localeCompare(b.kind) || a.title.localeCompare(b.title));
  if (all.length <= pageSize) return { entries: all, nextBefore: null };
  const boundary = all[pageSize]!.at.getTime();
  let entries = all.filter((e) => e.at.getTime() > boundary);
  // Everything on the page shares one moment (very unlikely): show the page, and move past that moment.
  if (!entries.length) entries = all.slice(0, pageSize);
  return { entries, nextBefore: entries[entries.length - 1]!.at };
}
