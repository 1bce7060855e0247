/** The compliance and enforcement status My cases shows and filters on, from the enforcement area's statusFrom. */
import { STATUS_TEXT, type EnforcementStatus } from '../enforcement/service.ts';

export type EnforcementState = EnforcementStatus;

export interface CaseEnforcement {
  state: EnforcementState;
  /** The date breach action must be laid by, when it has one. */
  deadlineOn: string | null;
}

export const ENFORCEMENT_LABELS: Record<EnforcementState, string> = STATUS_TEXT;
