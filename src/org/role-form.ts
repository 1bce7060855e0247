import { PERMISSIONS, type Permission } from '../auth/current-user.ts';
import type { CaseScope } from './tables.ts';

/**
 * What each permission lets a role do, in words an administrator reads. Every permission must be here:
 * saving a role replaces its grants with the boxes ticked, so one missing from the form would be lost.
 */
export const PERMISSION_DESCRIPTIONS: Record<Permission, string> = {
  [PERMISSIONS.caseRead]: 'Search for people and open their cases (within the case scope)',
  [PERMISSIONS.caseCreate]: 'Add a person',
  [PERMISSIONS.registrationsManage]: 'Add, review and remove risk flags on cases they can open',
  [PERMISSIONS.assessmentsManage]: 'Record RoSH and needs assessments and criminal histories',
  [PERMISSIONS.sentencesManage]: 'Record convictions and sentences, and end sentences',
  [PERMISSIONS.reportsWrite]: 'Request, write and submit pre-sentence reports',
  [PERMISSIONS.reportsCountersign]: 'Countersign or return pre-sentence reports (not their own)',
  [PERMISSIONS.capacityManage]: 'Maintain delivery capacity and the queues of people waiting to start a requirement',
  [PERMISSIONS.workloadRead]: 'See team and PDU workload and staff profiles',
  [PERMISSIONS.workloadManage]: 'Edit workload weights and settings; record staff details, absences and reductions',
  [PERMISSIONS.casesAllocate]: 'Allocate new cases, decide transfers and reallocate caseloads for their team',
  [PERMISSIONS.caseloadHold]: 'Hold a caseload: offered when cases are allocated or transferred',
  [PERMISSIONS.plansManage]: 'Create sentence plans and record their objectives, actions and reviews',
  [PERMISSIONS.usersManage]: 'Manage users and roles',
  [PERMISSIONS.teamsManage]: 'Manage teams',
  [PERMISSIONS.accessManage]: 'Manage the access list of any case',
  [PERMISSIONS.auditRead]: 'Read the audit trail of any case',
  [PERMISSIONS.tokensManage]: 'Issue and revoke API tokens',
  [PERMISSIONS.breachesReport]: 'Report alleged breaches through the API and read back only the decision (providers and partners)',
  [PERMISSIONS.breachesDecide]: 'Decide alleged breaches reported by providers and partners on cases they can open',
  [PERMISSIONS.enforcementCountersign]: 'Countersign or return breach and recall proposals (not their own)',
  [PERMISSIONS.contactsRecord]: 'Book appointments and record, reschedule and correct contacts and outcomes',
  [PERMISSIONS.contactsSensitive]: 'Read contact notes marked sensitive',
  [PERMISSIONS.remindersRead]: 'Read the text reminders outbox and delivery log',
};

export const CASE_SCOPES: { value: CaseScope; text: string; hint: string }[] = [
  { value: 'region', text: 'Their own region', hint: 'Cases of the region of the user\'s team' },
  { value: 'national', text: 'All regions', hint: 'Every case in England and Wales' },
  { value: 'none', text: 'No cases', hint: 'For roles that only administer' },
];

export interface RoleInput { code: string; name: string; description: string; caseScope: CaseScope; permissions: string[] }

const list = (value: unknown): string[] => (Array.isArray(value) ? value : value === undefined || value === '' ? [] : [value]).map(String);

/** Pure validation of a role; `code` is checked only when creating (it is the role's key). */
export function validateRole(input: Record<string, unknown>, options: { creating: boolean }):
  { ok: true; value: RoleInput } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const code = typeof input.code === 'string' ? input.code.trim().toLowerCase() : '';
  if (options.creating && !/^[a-z][a-z0-9-]{1,39}$/.test(code)) {
    errors.code = 'Enter a code of 2 to 40 lower-case letters, digits or hyphens, starting with a letter, like victim-liaison';
  }
  const name = typeof input.name === 'string' ? input.name.trim() : '';
  if (!name) errors.name = 'Enter the role\'s name';
  else if (name.length > 80) errors.name = 'The name must be 80 characters or fewer';
  const description = typeof input.description === 'string' ? input.description.trim() : '';
  if (description.length > 300) errors.description = 'The description must be 300 characters or fewer';
  const caseScope = CASE_SCOPES.find((scope) => scope.value === input.caseScope)?.value;
  if (!caseScope) errors.caseScope = 'Choose how far the role\'s cases reach';
  const permissions = [...new Set(list(input.permissions))];
  const unknown = permissions.filter((permission) => !(permission in PERMISSION_DESCRIPTIONS));
  if (unknown.length) errors.permissions = `There is no permission called ${unknown.join(', ')}`;
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, value: { code, name, description, caseScope: caseScope!, permissions } };
}
