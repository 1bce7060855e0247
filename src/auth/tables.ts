import type { Generated } from 'kysely';

export interface SessionsTable {
  id_hash: Buffer;
  user_id: number;
  csrf_token: string;
  created_at: Generated<Date>;
  last_seen_at: Generated<Date>;
}
export interface ApiTokensTable {
  id: Generated<number>;
  user_id: number;
  label: string;
  token_hash: Buffer;
  prefix: string;
  created_by: number | null;
  created_at: Generated<Date>;
  last_used_at: Date | null;
  revoked_at: Date | null;
}
export interface AuthTables { sessions: SessionsTable; api_tokens: ApiTokensTable }
