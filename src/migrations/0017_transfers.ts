import type { Kysely } from 'kysely';

// Transfers between practitioners, teams, PDUs and regions (issue 6 item 4)
export async function up(_db: Kysely<any>): Promise<void> {
}
