import { sql, type Kysely } from 'kysely';

// Issue 7 (national scale): indexes for what supervision reads per case at 50,000,000 contacts. Each is
// partial, so it holds only the few rows its query wants and a person's whole history is never scanned.
export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
-- Failures to comply, the only contacts the enforcement rules count (a handful per person, not hundreds).
CREATE INDEX contacts_failures ON contacts (person_id, starts_at)
  WHERE counts_for_compliance AND outcome IN ('unacceptable_absence', 'attended_failed_to_comply');
-- Contacts at which the person was seen, newest first: "last seen" and the contact level read one row.
CREATE INDEX contacts_seen ON contacts (person_id, starts_at DESC)
  WHERE counts_for_compliance AND outcome IN ('attended_complied', 'attended_failed_to_comply');
-- Contacts that deliver a requirement (unpaid work hours, RAR days): requirement progress reads only these.
CREATE INDEX contacts_requirement ON contacts (requirement_id, starts_at) WHERE requirement_id IS NOT NULL;
`).execute(db);
}
