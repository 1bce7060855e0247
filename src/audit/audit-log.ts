import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../database.ts';
import { prepared } from '../platform/db/prepared.ts';

/** What happened, to whom, by whom: one row of the append-only log. */
export interface AuditEvent {
  action: string; // e.g. 'case.read', 'person.create', 'access.update', 'user.sign-in'
  personId?: number | null;
  detail?: Record<string, unknown> | null;
}
export interface AuditActor { userId: number | null; username: string | null; requestId: string | null; ip: string | null }

// Prepared: every read of a case writes one (src/platform/db/prepared.ts).
const insertAudit = prepared((db: Db, userId: number | null, username: string | null, personId: number | null, action: string,
  detail: string | null, requestId: string | null, ip: string | null) => db.insertInto('audit_log')
  .values({ user_id: userId, username, person_id: personId, action, detail, request_id: requestId, ip }));

export async function writeAudit(db: Db, actor: AuditActor, event: AuditEvent): Promise<void> {
  await insertAudit(db, actor.userId, actor.username, event.personId ?? null, event.action,
    event.detail ? JSON.stringify(event.detail) : null, actor.requestId, actor.ip);
}

export async function auditTrail(db: Db, personId: number, options: { limit: number; beforeId?: number }) {
  let query = db
    .selectFrom('audit_log')
    .select(['id', 'at', 'username', 'action', 'detail', 'request_id', 'ip'])
    .where('person_id', '=', personId)
    .orderBy('id', 'desc')
    .limit(options.limit);
  if (options.beforeId) query = query.where('id', '<', options.beforeId);
  return query.execute();
}

export type ChainCheck = { ok: true; rows: number } | { ok: false; rows: number; brokenAt: number; reason: string };

/**
 * Walks the chain in id order, recomputing each hash from the row's content (rendered by the same
 * SQL function the trigger used) and the previous row's hash. Reports the first row that breaks it.
 */
export async function verifyAuditChain(db: Db, batchSize = 5000): Promise<ChainCheck> {
  let previousHash: Buffer = Buffer.alloc(0);
  let previousId = 0;
  let rows = 0;
  for (;;) {
    const batch = await sql<{ id: number; prev_hash: Buffer; hash: Buffer; content: Buffer }>`
      SELECT id, prev_hash, hash, audit_row_content(a) AS content
      FROM audit_log a WHERE id > ${previousId} ORDER BY id LIMIT ${batchSize}`.execute(db);
    if (batch.rows.length === 0) return { ok: true, rows };
    for (const row of batch.rows) {
      if (!row.prev_hash.equals(previousHash)) {
        return { ok: false, rows, brokenAt: row.id, reason: `row ${row.id} does not follow row ${previousId}: a row was removed or inserted` };
      }
      const expected = createHash('sha256').update(previousHash).update(row.content).digest();
      if (!expected.equals(row.hash)) {
        return { ok: false, rows, brokenAt: row.id, reason: `row ${row.id} was changed after it was written` };
      }
      previousHash = row.hash;
      previousId = row.id;
      rows++;
    }
  }
}
