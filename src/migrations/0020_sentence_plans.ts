import type { Kysely } from 'kysely';

// Sentence plans: objectives, actions, reviews (issue 5 item 1)
export async function up(_db: Kysely<any>): Promise<void> {
}
