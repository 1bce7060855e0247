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

type AuditRow = [userId: number | null, username: string | null, personId: number | null, action: string,
  detail: string | null, requestId: string | null, ip: string | null];

// Prepared (src/platform/db/prepared.ts): every read of a case writes one.
const insertAudit = prepared((db: Db, userId: number | null, username: string | null, personId: number | null, action: string,
  detail: string | null, requestId: string | null, ip: string | null) => db.insertInto('audit_log')
  .values({ user_id: userId, username, person_id: personId, action, detail, request_id: requestId, ip }));

// Many rows in one statement, in the order given: the chain trigger sees each earlier row of the statement.
const insertAudits = prepared((db: Db, userIds: (number | null)[], usernames: (string | null)[], personIds: (number | null)[],
  actions: string[], details: (string | null)[], requestIds: (string | null)[], ips: (string | null)[]) => db
  .insertInto('audit_log').columns(['user_id', 'username', 'person_id', 'action', 'detail', 'request_id', 'ip'])
  .expression(db.selectFrom(sql<AuditLogRow>`unnest(${userIds}::int[], ${usernames}::text[], ${personIds}::bigint[], ${actions}::text[],
      ${details}::jsonb[], ${requestIds}::text[], ${ips}::text[]) with ordinality`
    .as(sql`a(user_id, username, person_id, action, detail, request_id, ip, n)`))
    .select(['user_id', 'username', 'person_id', 'action', 'detail', 'request_id', 'ip']).orderBy('n')));
interface AuditLogRow { user_id: number | null; username: string | null; person_id: number | null; action: string; detail: string | null; request_id: string | null; ip: string | null; n: number }

/**
 * Writes the audit rows of concurrent requests together (group commit). The log is one hash chain, so its
 * inserts take one lock in turn and each committed alone: under load every case read queued for the lock
 * and a WAL flush of its own. Here one write is in flight at a time per database; rows arriving meanwhile
 * go in the next write, and each caller's promise settles when its own row is committed, so a page is
 * still answered only once its read is on record. A failed batch is retried row by row, so one bad row
 * fails only its own request.
 */
class AuditWriter {
  private waiting: { row: AuditRow; settle: (error?: unknown) => void }[] = [];
  private writing = false;
  constructor(private readonly db: Db) {}

  write(row: AuditRow): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ row, settle: (error) => (error === undefined ? resolve() : reject(error)) });
      if (!this.writing) void this.drain();
    });
  }

  private async writeOne(entry: AuditWriter['waiting'][number]) {
    try {
      await insertAudit(this.db, ...entry.row);
      entry.settle();
    } catch (error) {
      entry.settle(error);
    }
  }

  private async drain() {
    this.writing = true;
    while (this.waiting.length) {
      const batch = this.waiting.splice(0, 500);
      const rows = batch.map((entry) => entry.row);
      try {
        if (rows.length === 1) await insertAudit(this.db, ...rows[0]!);
        else await insertAudits(this.db, rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map((r) => r[2]), rows.map((r) => r[3]),
          rows.map((r) => r[4]), rows.map((r) => r[5]), rows.map((r) => r[6]));
        for (const entry of batch) entry.settle();
      } catch (error) {
        if (batch.length === 1) batch[0]!.settle(error);
        else for (const entry of batch) await this.writeOne(entry);
      }
    }
    this.writing = false;
  }
}
const writers = new WeakMap<Db, AuditWriter>();

/** Writes an audit row: within the caller's transaction when given one (it commits with the change), else batched. */
export async function writeAudit(db: Db, actor: AuditActor, event: AuditEvent): Promise<void> {
  const row: AuditRow = [actor.userId, actor.username, event.personId ?? null, event.action,
    event.detail ? JSON.stringify(event.detail) : null, actor.requestId, actor.ip];
  if (db.isTransaction) return void (await insertAudit(db, ...row));
  let writer = writers.get(db);
  if (!writer) writers.set(db, (writer = new AuditWriter(db)));
  await writer.write(row);
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
