import type { Generated, Selectable } from 'kysely';

export interface RegionsTable { id: Generated<number>; code: string; name: string; crn_letter: string }
export interface PdusTable { id: Generated<number>; region_id: number; code: string; name: string }
export interface TeamsTable { id: Generated<number>; pdu_id: number; code: string; name: string; active: Generated<boolean> }
export interface AgenciesTable { code: string; name: string; kind: string }
export type CaseScope = 'none' | 'region' | 'national';
export interface RolesTable { code: string; name: string; description: Generated<string>; case_scope: CaseScope }
export interface RolePermissionsTable { role_code: string; permission: string }
export interface UsersTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  email: string | null;
  password_hash: string | null;
  role_code: string;
  agency_code: string;
  region_id: number | null;
  team_id: number | null;
  grade: string | null;
  service_account: Generated<boolean>;
  active: Generated<boolean>;
  created_at: Generated<Date>;
  last_sign_in_at: Date | null;
}
export type UserRow = Selectable<UsersTable>;

export interface OrgTables {
  regions: RegionsTable;
  pdus: PdusTable;
  teams: TeamsTable;
  agencies: AgenciesTable;
  roles: RolesTable;
  role_permissions: RolePermissionsTable;
  users: UsersTable;
}
