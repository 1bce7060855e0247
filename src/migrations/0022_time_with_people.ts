import type { Kysely } from 'kysely';

// Time with people: other work time (issue 5 item 7)
export async function up(_db: Kysely<any>): Promise<void> {
}
