import type { Generated } from 'kysely';

export type AccessRuleKind = 'exclusion' | 'restriction';
export interface CaseAccessRulesTable {
  id: Generated<number>;
  person_id: number;
  kind: AccessRuleKind;
  message: string;
  ends_on: string | null;
  created_by: number | null;
  created_at: Generated<Date>;
}
export interface CaseAccessUsersTable { person_id: number; kind: AccessRuleKind; user_id: number }
export interface AccessTables { case_access_rules: CaseAccessRulesTable; case_access_users: CaseAccessUsersTable }
