import type { CaseScope } from '../org/tables.ts';

/** Who is making a request, with what their role allows: resolved once per request. */
export interface CurrentUser {
  id: number;
  username: string;
  displayName: string;
  roleCode: string;
  roleName: string;
  agencyCode: string;
  caseScope: CaseScope;
  regionId: number | null;
  teamId: number | null;
  permissions: ReadonlySet<string>;
}

/** The permissions a role can hold; roles and their grants are rows in role_permissions. */
export const PERMISSIONS = {
  caseRead: 'case:read',
  caseCreate: 'case:create',
  registrationsManage: 'registrations:manage',
  assessmentsManage: 'assessments:manage',
  sentencesManage: 'sentences:manage',
  /** Request, write and submit pre-sentence reports. */
  reportsWrite: 'reports:write',
  /** Countersign a pre-sentence report (a senior officer). */
  reportsCountersign: 'reports:countersign',
  /** Maintain delivery capacity and the queues of people waiting to start a requirement. */
  capacityManage: 'capacity:manage',
  /** See team and PDU workload and staff profiles (a practitioner, their own). */
  workloadRead: 'workload:read',
  /** Edit the workload weights, settings and points available per grade; record staff details, absences and reductions. */
  workloadManage: 'workload:manage',
  /** Allocate new cases and decide transfers for a team (a team manager). */
  casesAllocate: 'cases:allocate',
  /** Hold a caseload: offered in allocation rankings and as a transfer's named practitioner. */
  caseloadHold: 'caseload:hold',
  /** Create and keep sentence plans: objectives, actions, reviews (practitioners and SPOs). */
  plansManage: 'plans:manage',
  usersManage: 'users:manage',
  teamsManage: 'teams:manage',
  accessManage: 'access:manage',
  auditRead: 'audit:read',
  tokensManage: 'tokens:manage',
  /** Report alleged breaches through the API (a provider's or partner's system); sees only the decision. */
  breachesReport: 'breaches:report',
  /** Decide alleged breaches reported by providers and partners on cases they can open. */
  breachesDecide: 'breaches:decide',
  /** Countersign or return a breach or recall proposal (a senior officer, never their own). */
  enforcementCountersign: 'enforcement:countersign',
  /** Book appointments and record, reschedule and correct contacts and their outcomes. */
  contactsRecord: 'contacts:record',
  /** Read contact notes marked sensitive. */
  contactsSensitive: 'contacts:sensitive',
  /** Read the text reminders outbox and delivery log (team managers, administrators). */
  remindersRead: 'reminders:read',
} as const;
export type Permission = (typeof PERMISSIONS)[keyof typeof PERMISSIONS];

export const can = (user: CurrentUser | null, permission: Permission): boolean => !!user?.permissions.has(permission);
