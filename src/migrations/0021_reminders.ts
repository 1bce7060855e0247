import type { Kysely } from 'kysely';

// Appointment reminders by text: consent, the outbox, delivery status (issue 5 item 4)
export async function up(_db: Kysely<any>): Promise<void> {
}
