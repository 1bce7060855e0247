/**
 * Requirement progress counted from contact outcomes (pure). Only contacts whose outcome is 'attended and
 * complied' are credited (a failure to comply or an absence earns nothing):
 * - unpaid work: the hours worked, i.e. the duration of each complied unpaid work session linked to the
 *   unpaid work requirement (Sentencing Act 2020 Sch 9 Part 1);
 * - rehabilitation activity requirement (RAR): days, each distinct calendar date with at least one complied
 *   contact linked to the RAR (Sentencing Act 2020 Sch 9 Part 2: a day on which an activity took place).
 * Remaining = the units the court ordered minus those credited, never below nought.
 */
export interface CountedContact {
  requirementId: number | null;
  typeCode: string;
  outcome: string | null;
  /** The local (England) date of the contact, 'YYYY-MM-DD'. */
  date: string;
  durationMinutes: number;
}

export interface RequirementToCount {
  id: number;
  requirementType: string;
  /** Units ordered (hours for unpaid work, days for a RAR); null when not recorded. */
  units: number | null;
}

export interface Progress {
  requirementId: number;
  requirementType: string;
  unit: 'hours' | 'days';
  ordered: number | null;
  credited: number;
  remaining: number | null;
  /** How it was counted, for the page. */
  explanation: string;
}

const complied = (c: CountedContact) => c.outcome === 'attended_complied';

/** Unpaid work hours credited: complied unpaid work sessions on this requirement, in hours (to the quarter hour below). */
export function unpaidWorkHours(requirementId: number, contacts: readonly CountedContact[]): number {
  const minutes = contacts.filter((c) => c.requirementId === requirementId && c.typeCode === 'unpaid_work' && complied(c))
    .reduce((sum, c) => sum + c.durationMinutes, 0);
  return Math.floor(minutes / 15) / 4;
}

/** RAR days credited: distinct dates of complied contacts linked to this requirement. */
export function rarDays(requirementId: number, contacts: readonly CountedContact[]): number {
  return new Set(contacts.filter((c) => c.requirementId === requirementId && complied(c)).map((c) => c.date)).size;
}

export const remaining = (ordered: number | null, credited: number): number | null => (ordered === null ? null : Math.max(0, ordered - credited));

/** Progress for each unpaid work and RAR requirement. */
export function requirementProgress(requirements: readonly RequirementToCount[], contacts: readonly CountedContact[]): Progress[] {
  const out: Progress[] = [];
  for (const r of requirements) {
    if (r.requirementType === 'unpaid_work') {
      const credited = unpaidWorkHours(r.id, contacts);
      out.push({ requirementId: r.id, requirementType: r.requirementType, unit: 'hours', ordered: r.units, credited, remaining: remaining(r.units, credited),
        explanation: 'Hours of unpaid work sessions on this requirement where the person attended and complied' });
    } else if (r.requirementType === 'rehabilitation_activity') {
      const credited = rarDays(r.id, contacts);
      out.push({ requirementId: r.id, requirementType: r.requirementType, unit: 'days', ordered: r.units, credited, remaining: remaining(r.units, credited),
        explanation: 'Days with at least one contact on this requirement where the person attended and complied' });
    }
  }
  return out;
}
