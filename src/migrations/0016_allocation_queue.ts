import type { Kysely } from 'kysely';

// Allocation queue and decisions (issue 6 item 3)
export async function up(_db: Kysely<any>): Promise<void> {
}
