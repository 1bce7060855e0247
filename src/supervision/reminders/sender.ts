/**
 * The sweep: queue tomorrow's reminders, then send what is due through the adapter and record what
 * happened. A reminder is claimed (pending -> sending, FOR UPDATE SKIP LOCKED) before it is sent, so two
 * sweeps never send the same one; a failure leaves it pending for a later try, so none is lost.
 */
import { sql } from 'kysely';
import type { Db } from '../../database.ts';
import { PermanentFailure, type NotificationAdapter } from './adapter.ts';
import { afterTemporaryFailure, clockTime, consentProblem, dayAndDate, deliveryDecision, earliestSendAt, fromNotifyStatus, isQueueDay, reminderText, type AppointmentFacts, type ReminderSettings } from './rules.ts';
import { addDays } from '../../platform/http/dates.ts';
import { londonInstant, londonParts } from '../../platform/uk-time.ts';

/** A 'sending' claim older than this is taken as a sweep that died mid-way: the reminder is tried again. */
const STALE_CLAIM_MINUTES = 10;
const BATCH = 200;

export async function loadSettings(db: Db): Promise<ReminderSettings> {
  const row = await db.selectFrom('reminder_settings').selectAll().executeTakeFirstOrThrow();
  return {
    quietStart: row.quiet_start.slice(0, 5), quietEnd: row.quiet_end.slice(0, 5), daysBefore: row.days_before,
    latestMinutesBefore: row.latest_minutes_before, firstRetryMinutes: row.first_retry_minutes,
    maxRetryMinutes: row.max_retry_minutes, maxAttempts: row.max_attempts,
  };
}

/** The appointment behind a reminder, as it stands now, with what the text needs. */
async function appointmentNow(db: Db, contactId: number) {
  const row = await db.selectFrom('current_contacts as c')
    .innerJoin('contact_types as t', 't.code', 'c.type_code')
    .innerJoin('people as p', 'p.id', 'c.person_id')
    .select(['c.id', 'c.person_id', 'c.starts_at', 'c.outcome', 'c.change', 'c.location', 't.appointment', 't.code as typeCode', 't.name as typeName', 'p.first_name', 'p.preferred_name'])
    .where('c.contact_id', '=', contactId).executeTakeFirst();
  if (!row) return null;
  const facts: AppointmentFacts = { versionId: Number(row.id), startsAt: new Date(row.starts_at), appointment: row.appointment, outcome: row.outcome, change: row.change };
  const message = { firstName: row.preferred_name || row.first_name, typeCode: row.typeCode, typeName: row.typeName, startsAt: facts.startsAt, location: row.location };
  return { facts, message };
}

const currentConsent = (db: Db, personId: number) =>
  db.selectFrom('current_reminder_consents').select(['consented', 'mobile']).where('person_id', '=', personId).executeTakeFirst();

const personalisation = (m: Parameters<typeof reminderText>[0]) => ({
  first_name: m.firstName.trim().split(/\s+/)[0] ?? '', appointment: m.typeName.toLowerCase(), date: dayAndDate(m.startsAt), time: clockTime(m.startsAt), place: m.location ?? '',
});

/**
 * Queues a reminder for every appointment on the queue day (tomorrow, UK time) of a person whose latest
 * consent is yes, not already queued. A number that is not a valid UK mobile is recorded as not sent, with why.
 */
export async function queueDue(db: Db, now: Date, settings: ReminderSettings): Promise<{ queued: number; notSent: number }> {
  const day = addDays(londonParts(now).date, settings.daysBefore);
  const rows = await db.selectFrom('current_contacts as c')
    .innerJoin('contact_types as t', 't.code', 'c.type_code')
    .innerJoin('people as p', 'p.id', 'c.person_id')
    .innerJoin('current_reminder_consents as rc', 'rc.person_id', 'c.person_id')
    .select(['c.id', 'c.contact_id', 'c.person_id', 'c.starts_at', 'c.location', 't.code as typeCode', 't.name as typeName', 'p.first_name', 'p.preferred_name', 'rc.consented', 'rc.mobile'])
    .where('t.appointment', '=', true).where('c.outcome', 'is', null).where('c.change', '<>', 'cancelled').where('rc.consented', '=', true)
    .where('c.starts_at', '>=', londonInstant(day, '00:00')).where('c.starts_at', '<', londonInstant(addDays(day, 1), '00:00'))
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('reminder_messages as m').select('m.id').whereRef('m.contact_id', '=', 'c.contact_id'))))
    .orderBy('c.starts_at').execute();
  let queued = 0;
  let notSent = 0;
  for (const row of rows) {
    const startsAt = new Date(row.starts_at);
    if (!isQueueDay(startsAt, now, settings)) continue;
    const message = { firstName: row.preferred_name || row.first_name, typeCode: row.typeCode, typeName: row.typeName, startsAt, location: row.location };
    const consent = consentProblem({ consented: row.consented, mobile: row.mobile });
    const refused = 'reason' in consent;
    const inserted = await db.insertInto('reminder_messages').values({
      person_id: row.person_id, contact_id: row.contact_id, contact_version_id: row.id, appointment_at: startsAt,
      phone: refused ? (row.mobile ?? '') : consent.phone, text: reminderText(message),
      status: refused ? 'cancelled' : 'pending', next_attempt_at: refused ? null : earliestSendAt(now, settings),
      last_error: refused ? consent.reason : null, created_at: now, updated_at: now,
    }).onConflict((oc) => oc.column('contact_id').doNothing()).returning('id').executeTakeFirst();
    if (inserted) refused ? notSent++ : queued++;
  }
  return { queued, notSent };
}

/** Pending reminders whose time has come (and stale claims), claimed by this sweep alone. */
async function claim(db: Db, now: Date) {
  return db.transaction().execute(async (trx) => {
    const stale = new Date(now.getTime() - STALE_CLAIM_MINUTES * 60_000);
    const due = await trx.selectFrom('reminder_messages').select('id')
      .where((eb) => eb.or([
        eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', now)]),
        eb.and([eb('status', '=', 'sending'), eb('claimed_at', '<', stale)]),
      ]))
      .orderBy('next_attempt_at').limit(BATCH).forUpdate().skipLocked().execute();
    if (!due.length) return [];
    return trx.updateTable('reminder_messages').set({ status: 'sending', claimed_at: now, updated_at: now })
      .where('id', 'in', due.map((d) => d.id)).returning(['id', 'person_id', 'contact_id', 'appointment_at', 'attempts']).execute();
  });
}

export interface SweepResult { queued: number; notSent: number; sent: number; retrying: number; failed: number; permanentFailures: number; cancelled: number; waiting: number }

/** Sends what is due; each outcome is written back to the claimed row (and only while it is still ours). */
export async function deliverDue(db: Db, adapter: NotificationAdapter, now: Date, settings: ReminderSettings) {
  const result = { sent: 0, retrying: 0, failed: 0, permanentFailures: 0, cancelled: 0, waiting: 0 };
  const ours = (id: number) => db.updateTable('reminder_messages').where('id', '=', id).where('status', '=', 'sending').where('claimed_at', '=', now);
  for (const row of await claim(db, now)) {
    const id = Number(row.id);
    const [appointment, consent] = await Promise.all([appointmentNow(db, Number(row.contact_id)), currentConsent(db, Number(row.person_id))]);
    const decision = deliveryDecision({ now, settings, appointmentAt: new Date(row.appointment_at), appointment: appointment?.facts ?? null, consent: consent ?? null });
    if (decision.kind === 'cancel') {
      await ours(id).set({ status: 'cancelled', last_error: decision.reason, next_attempt_at: null, updated_at: now }).execute();
      result.cancelled++;
      continue;
    }
    if (decision.kind === 'wait') {
      await ours(id).set({ status: 'pending', next_attempt_at: decision.until, updated_at: now }).execute();
      result.waiting++;
      continue;
    }
    // Written from the appointment as it is now (a corrected place is the one sent).
    const text = reminderText(appointment!.message);
    const attempts = row.attempts + 1;
    await ours(id).set({ phone: decision.phone, text, contact_version_id: appointment!.facts.versionId, attempts, provider: adapter.provider }).execute();
    try {
      const { reference } = await adapter.send({ id, phone: decision.phone, text, personalisation: personalisation(appointment!.message) });
      await ours(id).set({ status: 'sent', provider_reference: reference, sent_at: now, next_attempt_at: null, last_error: null, updated_at: now }).execute();
      result.sent++;
    } catch (error) {
      const message = (error instanceof Error ? error.message : String(error)).slice(0, 900);
      if (error instanceof PermanentFailure) {
        await ours(id).set({ status: 'permanent_failure', last_error: message, next_attempt_at: null, updated_at: now }).execute();
        result.permanentFailures++;
        continue;
      }
      // A temporary failure, or anything unexpected: tried again later, never dropped.
      const next = afterTemporaryFailure(attempts, now, settings);
      if (next.status === 'failed') {
        await ours(id).set({ status: 'failed', last_error: `${message} (gave up after ${attempts} attempts)`, next_attempt_at: null, updated_at: now }).execute();
        result.failed++;
      } else {
        await ours(id).set({ status: 'pending', last_error: message, next_attempt_at: next.nextAttemptAt, updated_at: now }).execute();
        result.retrying++;
      }
    }
  }
  return result;
}

/** One sweep: queue tomorrow's reminders, then send those due. Safe to run as often as wanted, from several processes. */
export async function sweep(db: Db, adapter: NotificationAdapter, now: Date = new Date()): Promise<SweepResult> {
  const settings = await loadSettings(db);
  const queued = await queueDue(db, now, settings);
  const delivered = await deliverDue(db, adapter, now, settings);
  return { ...queued, ...delivered };
}

/** Asks the provider for the delivery status of texts sent in the last 3 days that have no final status yet. */
export async function pollStatuses(db: Db, adapter: NotificationAdapter, now: Date = new Date()) {
  const result = { checked: 0, delivered: 0, failed: 0, errors: 0 };
  if (!adapter.status) return result;
  const rows = await db.selectFrom('reminder_messages').select(['id', 'provider_reference'])
    .where('provider', '=', adapter.provider).where('status', '=', 'sent').where('provider_reference', 'is not', null)
    .where('sent_at', '>', new Date(now.getTime() - 3 * 86_400_000)).orderBy('id').limit(1000).execute();
  for (const row of rows) {
    result.checked++;
    try {
      const report = await adapter.status(row.provider_reference!);
      const mapped = fromNotifyStatus(report.status);
      await db.updateTable('reminder_messages').where('id', '=', row.id).where('status', '=', 'sent').set({
        status: mapped.status, status_checked_at: now, updated_at: now,
        ...(mapped.status === 'delivered' ? { delivered_at: now } : {}),
        ...(mapped.error ? { last_error: mapped.error } : {}),
      }).execute();
      if (mapped.status === 'delivered') result.delivered++;
      if (mapped.status === 'failed' || mapped.status === 'permanent_failure') result.failed++;
    } catch (error) {
      result.errors++;
      await db.updateTable('reminder_messages').where('id', '=', row.id)
        .set({ status_checked_at: now, last_error: `Delivery status not known: ${(error as Error).message}`.slice(0, 900) }).execute();
    }
  }
  return result;
}

/** How many reminders are in each status (the outbox page's summary and the CLI's). */
export async function statusCounts(db: Db): Promise<Record<string, number>> {
  const rows = await db.selectFrom('reminder_messages').select(['status', sql<string>`count(*)`.as('n')]).groupBy('status').execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}
