import { passwordProblem } from '../auth/passwords.ts';
import type { CaseScope } from './tables.ts';

// Pure validation of the administration forms. The choices (roles, agencies, teams, regions, PDUs)
// are passed in, so an unknown code is a field error here rather than a foreign-key failure later.

export type FieldErrors = Record<string, string>;
export type Validated<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

export const GRADES = ['PO', 'PSO', 'SPO', 'PQiP'] as const;
export const USERS_MANAGE = 'users:manage';

export interface UserChoices {
  roles: { code: string; caseScope: CaseScope; permissions: string[] }[];
  agencies: { code: string }[];
  teams: { id: number; regionId: number; active: boolean }[];
  regions: { id: number }[];
}

/** What an administrator can set on any user; a new user adds a username and the kind of account. */
export interface UserFields {
  displayName: string;
  email: string | null;
  roleCode: string;
  agencyCode: string;
  teamId: number | null;
  regionId: number | null;
  grade: string | null;
}
export interface NewUser extends UserFields { username: string; serviceAccount: boolean; password: string | null }
export interface UserEdit extends UserFields { active: boolean; password: string | null }

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '');
const yes = (value: unknown): boolean => value === 'yes' || value === 'true' || value === true;

/** A route's numeric id: a positive int4, or null (so "abc" or "1e3" is a 404, not a database error). */
export function parseId(value: unknown): number | null {
  const raw = text(value);
  if (!/^[1-9]\d{0,9}$/.test(raw)) return null;
  const id = Number(raw);
  return id <= 2_147_483_647 ? id : null;
}

export function usernameProblem(username: string): string | null {
  if (!username) return 'Enter a username';
  if (username.length < 3 || username.length > 50) return 'The username must be between 3 and 50 characters';
  if (!/^[A-Za-z0-9._-]+$/.test(username)) return 'The username can only contain letters, numbers, dots, hyphens and underscores';
  return null;
}

/** The fields shared by the new-user and edit forms; `keepTeamId` lets a user stay in a team since deactivated. */
function validateUserFields(input: Record<string, unknown>, choices: UserChoices, errors: FieldErrors, keepTeamId: number | null): UserFields {
  const displayName = text(input.displayName);
  if (!displayName) errors.displayName = 'Enter the user\'s full name';
  else if (displayName.length > 100) errors.displayName = 'The name must be 100 characters or fewer';

  const email = text(input.email) || null;
  if (email && (email.length > 200 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))) {
    errors.email = 'Enter an email address in the correct format, like name@example.com';
  }

  const roleCode = text(input.roleCode);
  const role = choices.roles.find((r) => r.code === roleCode);
  if (!roleCode) errors.roleCode = 'Select a role';
  else if (!role) errors.roleCode = 'Select a role from the list';

  const agencyCode = text(input.agencyCode);
  if (!agencyCode) errors.agencyCode = 'Select an agency';
  else if (!choices.agencies.some((a) => a.code === agencyCode)) errors.agencyCode = 'Select an agency from the list';

  let teamId: number | null = null;
  let regionId: number | null = null;
  const teamInput = text(input.teamId);
  if (teamInput) {
    const team = choices.teams.find((t) => String(t.id) === teamInput);
    if (!team || (!team.active && team.id !== keepTeamId)) errors.teamId = 'Select a team from the list';
    else {
      teamId = team.id;
      regionId = team.regionId; // the team's region wins over any region chosen
    }
  } else {
    const regionInput = text(input.regionId);
    if (regionInput) {
      const region = choices.regions.find((r) => String(r.id) === regionInput);
      if (region) regionId = region.id;
      else errors.regionId = 'Select a region from the list';
    } else if (role?.caseScope === 'region') {
      errors.teamId = 'Select a team, or a region if the user is not in a team: this role sees the cases of one region';
    }
  }

  const gradeInput = text(input.grade);
  const grade = GRADES.find((g) => g === gradeInput) ?? null;
  if (gradeInput && !grade) errors.grade = 'Select a grade from the list';

  return { displayName, email, roleCode, agencyCode, teamId, regionId, grade };
}

export function validateNewUser(input: Record<string, unknown>, choices: UserChoices): Validated<NewUser> {
  const errors: FieldErrors = {};
  const username = text(input.username);
  const usernameError = usernameProblem(username);
  if (usernameError) errors.username = usernameError;
  const fields = validateUserFields(input, choices, errors, null);
  const serviceAccount = yes(input.serviceAccount);
  const password = typeof input.password === 'string' ? input.password : '';
  if (serviceAccount) {
    if (password) errors.password = 'A service account has no password: leave the password empty, or untick service account';
  } else {
    const problem = password ? passwordProblem(password) : 'Enter a password, or tick service account if this account will only use API tokens';
    if (problem) errors.password = problem;
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, value: { ...fields, username, serviceAccount, password: serviceAccount ? null : password } };
}

export interface EditContext {
  /** The administrator is editing their own account. */
  self: boolean;
  serviceAccount: boolean;
  currentTeamId: number | null;
}

export function validateUserEdit(input: Record<string, unknown>, choices: UserChoices, context: EditContext): Validated<UserEdit> {
  const errors: FieldErrors = {};
  const fields = validateUserFields(input, choices, errors, context.currentTeamId);

  const activeInput = text(input.active);
  if (activeInput !== 'yes' && activeInput !== 'no') errors.active = 'Select whether the user is active';
  const active = activeInput === 'yes';
  // Guard rails so an administrator cannot lock themselves (and possibly everyone) out.
  if (context.self && activeInput === 'no') errors.active = 'You cannot deactivate your own account. Ask another administrator.';
  const role = choices.roles.find((r) => r.code === fields.roleCode);
  if (context.self && role && !role.permissions.includes(USERS_MANAGE)) {
    errors.roleCode = 'You cannot remove your own permission to manage users. Ask another administrator.';
  }

  const password = typeof input.password === 'string' && input.password !== '' ? input.password : null;
  if (password !== null) {
    const problem = context.serviceAccount ? 'A service account has no password: it can only use API tokens' : passwordProblem(password);
    if (problem) errors.password = problem;
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, value: { ...fields, active, password } };
}

/** Which fields an edit changed, for the audit log: never the password itself, only that it changed. */
export function userChanges(before: UserFields & { active: boolean }, after: UserEdit): Record<string, unknown> {
  const changed: Record<string, { from: unknown; to: unknown }> = {};
  const keys = ['displayName', 'email', 'roleCode', 'agencyCode', 'teamId', 'regionId', 'grade', 'active'] as const;
  for (const key of keys) {
    if (before[key] !== after[key]) changed[key] = { from: before[key], to: after[key] };
  }
  return { changed, ...(after.password !== null ? { passwordChanged: true } : {}) };
}

export interface NewTeam { code: string; name: string; pduId: number }

function teamName(input: Record<string, unknown>, errors: FieldErrors): string {
  const name = text(input.name);
  if (!name) errors.name = 'Enter the team\'s name';
  else if (name.length > 100) errors.name = 'The team\'s name must be 100 characters or fewer';
  return name;
}

export function validateNewTeam(input: Record<string, unknown>, pdus: { id: number }[]): Validated<NewTeam> {
  const errors: FieldErrors = {};
  // Codes are upper case, like the demo's NE-NCL-C, so uniqueness is not defeated by case.
  const code = text(input.code).toUpperCase();
  if (!code) errors.code = 'Enter a team code';
  else if (!/^[A-Z0-9][A-Z0-9-]{1,19}$/.test(code)) errors.code = 'The team code must be 2 to 20 letters, numbers and hyphens, like NE-NCL-C';
  const name = teamName(input, errors);
  const pduInput = text(input.pduId);
  const pdu = pdus.find((p) => String(p.id) === pduInput);
  if (!pduInput) errors.pduId = 'Select a probation delivery unit';
  else if (!pdu) errors.pduId = 'Select a probation delivery unit from the list';
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, value: { code, name, pduId: pdu!.id } };
}

export function validateTeamUpdate(input: Record<string, unknown>): Validated<{ name: string; active: boolean }> {
  const errors: FieldErrors = {};
  const name = teamName(input, errors);
  const active = text(input.active);
  if (active !== 'yes' && active !== 'no') errors.active = 'Select whether the team is active';
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, value: { name, active: active === 'yes' } };
}

export function validateTokenRequest(input: Record<string, unknown>): Validated<{ username: string; label: string }> {
  const errors: FieldErrors = {};
  const username = text(input.username);
  if (!username) errors.username = 'Select the user the token acts as';
  const label = text(input.label);
  if (!label) errors.label = 'Enter a label, for example the system that will use the token';
  else if (label.length > 100) errors.label = 'The label must be 100 characters or fewer';
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, value: { username, label } };
}
