/** Reading and recording consent, a person's reminders and the outbox. */
import { sql, type SqlBool } from 'kysely';
import { accessListAllows, inScope } from '../../access/visibility.ts';
import type { CurrentUser } from '../../auth/current-user.ts';
import type { Db } from '../../database.ts';
import type { ConsentInput } from './consent-form.ts';
import type { ReminderStatus } from './tables.ts';

export const STATUSES: ReminderStatus[] = ['pending', 'sending', 'sent', 'delivered', 'failed', 'permanent_failure', 'cancelled'];

export const consentHistory = (db: Db, personId: number) =>
  db.selectFrom('reminder_consents as c').leftJoin('users as u', 'u.id', 'c.recorded_by')
    .select(['c.id', 'c.consented', 'c.mobile', 'c.withdrawn', 'c.note', 'c.recorded_at', 'u.display_name as recordedBy'])
    .where('c.person_id', '=', personId).orderBy('c.id', 'desc').execute();

/**
 * Records a change of consent as a new row. Saying no after yes is a withdrawal: reminders waiting to
 * go are cancelled at once (the sender would refuse them anyway; this shows it now).
 */
export async function recordConsent(db: Db, personId: number, input: ConsentInput, userId: number | null) {
  return db.transaction().execute(async (trx) => {
    await sql`SELECT id FROM people WHERE id = ${personId} FOR UPDATE`.execute(trx); // one change at a time per person
    const previous = await trx.selectFrom('current_reminder_consents').select(['consented']).where('person_id', '=', personId).executeTakeFirst();
    const withdrawn = !input.consented && !!previous?.consented;
    const row = await trx.insertInto('reminder_consents').values({
      person_id: personId, consented: input.consented, mobile: input.mobile, withdrawn, note: input.note, recorded_by: userId,
    }).returning(['id', 'recorded_at']).executeTakeFirstOrThrow();
    let cancelled = 0;
    if (!input.consented) {
      const result = await trx.updateTable('reminder_messages').set({ status: 'cancelled', last_error: 'Consent to text reminders was withdrawn.', next_attempt_at: null, updated_at: new Date() })
        .where('person_id', '=', personId).where('status', '=', 'pending').executeTakeFirst();
      cancelled = Number(result.numUpdatedRows);
    }
    return { id: Number(row.id), withdrawn, cancelled };
  });
}

/** A person's reminders, newest appointment first, with the appointment's type. */
export const remindersFor = (db: Db, personId: number) =>
  db.selectFrom('reminder_messages as m')
    .innerJoin('contacts as v', 'v.id', 'm.contact_version_id')
    .innerJoin('contact_types as t', 't.code', 'v.type_code')
    .select(['m.id', 'm.contact_id', 'm.appointment_at', 'm.phone', 'm.text', 'm.status', 'm.attempts', 'm.next_attempt_at', 'm.provider',
      'm.provider_reference', 'm.last_error', 'm.created_at', 'm.sent_at', 'm.delivered_at', 't.name as typeName'])
    .where('m.person_id', '=', personId).orderBy('m.appointment_at', 'desc').orderBy('m.id', 'desc').limit(200).execute();

export const OUTBOX_PAGE = 50;

/** The outbox and delivery log for the user's scope, newest first; `viewable` false where the access list refuses. */
export async function outbox(db: Db, user: CurrentUser, filter: { status: ReminderStatus | null; page: number }) {
  let query = db.selectFrom('reminder_messages as m').innerJoin('people', 'people.id', 'm.person_id').where(inScope(user));
  if (filter.status) query = query.where('m.status', '=', filter.status);
  const [rows, total] = await Promise.all([
    query.select(['m.id', 'm.appointment_at', 'm.phone', 'm.text', 'm.status', 'm.attempts', 'm.next_attempt_at', 'm.provider', 'm.provider_reference',
      'm.last_error', 'm.created_at', 'm.sent_at', 'm.delivered_at', 'people.crn', 'people.first_name', 'people.last_name',
      sql<SqlBool>`${accessListAllows(user)}`.as('viewable')])
      .orderBy('m.id', 'desc').limit(OUTBOX_PAGE).offset((filter.page - 1) * OUTBOX_PAGE).execute(),
    query.select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}
