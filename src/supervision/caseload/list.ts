/** Sorting and filtering My cases: pure, over the rows already gathered (a caseload is tens of cases). */
import { ROSH_LEVELS, type RoshLevel } from '../../assessment/rosh/rules.ts';
import type { EnforcementState } from './enforcement-status.ts';
import type { MyCase } from './my-cases.ts';

export const SORT_COLUMNS = ['name', 'crn', 'tier', 'rosh', 'appointment', 'contact', 'actions', 'enforcement'] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];
export const ENFORCEMENT_STATES: readonly EnforcementState[] = ['compliant', 'warning', 'breach_due', 'in_breach', 'recall_review'];
const ENFORCEMENT_RANK: Record<EnforcementState, number> = { compliant: 0, warning: 1, breach_due: 2, recall_review: 3, in_breach: 4 };

export interface ListQuery {
  sort: SortColumn;
  order: 'asc' | 'desc';
  tier: 'A' | 'B' | 'C' | 'D' | null;
  rosh: RoshLevel | null;
  enforcement: EnforcementState | null;
  contactOverdue: boolean;
}

const pick = <T extends string>(value: unknown, allowed: readonly T[]): T | null =>
  typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : null;

/** Reads ?sort=&order=&tier=&rosh=&enforcement=&contact=overdue; anything unknown falls back to the default. */
export function parseListQuery(query: Record<string, unknown>): ListQuery {
  return {
    sort: pick(query.sort, SORT_COLUMNS) ?? 'name',
    order: query.order === 'desc' ? 'desc' : 'asc',
    tier: pick(query.tier, ['A', 'B', 'C', 'D'] as const),
    rosh: pick(query.rosh, ROSH_LEVELS),
    enforcement: pick(query.enforcement, ENFORCEMENT_STATES),
    contactOverdue: query.contact === 'overdue',
  };
}

export const isFiltered = (q: ListQuery) => !!(q.tier || q.rosh || q.enforcement || q.contactOverdue);

/** A restricted case shows nothing, so it can match no filter (filtering must not reveal its details). */
export function filterCases(cases: readonly MyCase[], q: ListQuery): MyCase[] {
  if (!isFiltered(q)) return [...cases];
  return cases.filter((c) => c.viewable
    && (!q.tier || c.tier?.startsWith(q.tier))
    && (!q.rosh || c.rosh?.level === q.rosh)
    && (!q.enforcement || c.enforcement?.state === q.enforcement)
    && (!q.contactOverdue || c.contact?.status === 'overdue'));
}

const sortValue = (c: MyCase, column: SortColumn): string | number | null => {
  switch (column) {
    case 'name': return c.sortName;
    case 'crn': return c.crn;
    case 'tier': return c.tier;
    case 'rosh': return c.rosh ? ROSH_LEVELS.indexOf(c.rosh.level) : null;
    case 'appointment': return c.nextAppointment ? c.nextAppointment.at.getTime() : null;
    // The earliest due (so the most overdue) first.
    case 'contact': return c.contact?.nextDueOn ?? null;
    case 'actions': return c.viewable ? c.overdueActions : null;
    case 'enforcement': return c.enforcement ? ENFORCEMENT_RANK[c.enforcement.state] : null;
  }
};

/** Sorts by one column; cases without a value (and restricted ones) go last either way; CRN breaks ties. */
export function sortCases(cases: readonly MyCase[], q: Pick<ListQuery, 'sort' | 'order'>): MyCase[] {
  const direction = q.order === 'desc' ? -1 : 1;
  return [...cases].sort((a, b) => {
    const [x, y] = [sortValue(a, q.sort), sortValue(b, q.sort)];
    if (x === null || y === null) {
      if (x !== y) return x === null ? 1 : -1;
    } else if (x !== y) return (x < y ? -1 : 1) * direction;
    return a.crn < b.crn ? -1 : a.crn > b.crn ? 1 : 0;
  });
}
