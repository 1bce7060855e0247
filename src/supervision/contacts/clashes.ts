/**
 * Clash checks for booking (pure). Two appointments clash when their times overlap: [start, start + duration)
 * intersect. Back-to-back appointments (one ends as the next starts) do not clash. Appointments that already
 * have the outcome 'rescheduled' (or were cancelled) no longer hold the slot.
 */
export interface DiaryEntry {
  contactId: number;
  personId: number;
  practitionerId: number | null;
  startsAt: Date;
  durationMinutes: number;
  outcome: string | null;
  change?: string;
  /** For the message: what the clashing entry is. */
  label?: string;
}

export interface Proposed {
  personId: number;
  practitionerId: number | null;
  startsAt: Date;
  durationMinutes: number;
  /** The contact being replaced (rescheduled or corrected): it never clashes with its replacement. */
  ignoreContactId?: number;
}

export interface Clash { entry: DiaryEntry; with: 'practitioner' | 'person' }

const endOf = (start: Date, minutes: number) => start.getTime() + minutes * 60_000;

/** True when [a, a + am) and [b, b + bm) share any time; a zero-length entry occupies its instant. */
export function overlaps(aStart: Date, aMinutes: number, bStart: Date, bMinutes: number): boolean {
  const a0 = aStart.getTime(), b0 = bStart.getTime();
  const a1 = Math.max(endOf(aStart, aMinutes), a0 + 1), b1 = Math.max(endOf(bStart, bMinutes), b0 + 1);
  return a0 < b1 && b0 < a1;
}

/** Entries that still hold their slot: not rescheduled, not cancelled. */
export function holdsSlot(entry: DiaryEntry): boolean {
  return entry.outcome !== 'rescheduled' && entry.change !== 'cancelled';
}

/** Every existing entry the proposed appointment clashes with, the practitioner's first. */
export function findClashes(proposed: Proposed, existing: readonly DiaryEntry[]): Clash[] {
  const clashes: Clash[] = [];
  for (const entry of existing) {
    if (entry.contactId === proposed.ignoreContactId || !holdsSlot(entry)) continue;
    if (!overlaps(proposed.startsAt, proposed.durationMinutes, entry.startsAt, entry.durationMinutes)) continue;
    if (proposed.practitionerId !== null && entry.practitionerId === proposed.practitionerId) clashes.push({ entry, with: 'practitioner' });
    else if (entry.personId === proposed.personId) clashes.push({ entry, with: 'person' });
  }
  return clashes.sort((a, b) => (a.with === b.with ? a.entry.startsAt.getTime() - b.entry.startsAt.getTime() : a.with === 'practitioner' ? -1 : 1));
}
