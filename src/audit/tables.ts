import type { Generated } from 'kysely';

export interface AuditLogTable {
  // id, at and the hashes are set by the chaining trigger.
  id: Generated<number>;
  at: Generated<Date>;
  user_id: number | null;
  username: string | null;
  person_id: number | null;
  action: string;
  detail: unknown;
  request_id: string | null;
  ip: string | null;
  prev_hash: Generated<Buffer>;
  hash: Generated<Buffer>;
}
export interface AuditTables { audit_log: AuditLogTable }
