/** The compliance and enforcement status My cases shows and filters on, from the enforcement area's enforcementStatusOf. */
import type { Db } from '../../database.ts';
import { enforcementStatusOf, STATUS_TEXT, type EnforcementStatus } from '../enforcement/service.ts';

export type EnforcementState = EnforcementStatus;

export interface CaseEnforcement {
  state: EnforcementState;
  /** The date breach action must be laid by, when it has one. */
  deadlineOn: string | null;
}

export const ENFORCEMENT_LABELS: Record<EnforcementState, string> = STATUS_TEXT;

export async function enforcementStatusesOf(db: Db, personIds: readonly number[], today: string): Promise<Map<number, CaseEnforcement>> {
  if (!personIds.length) return new Map();
  const statuses = await enforcementStatusOf(db, personIds, today);
  return new Map([...statuses].map(([id, s]) => [id, { state: s.status, deadlineOn: s.deadlineOn }]));
}
