import type { Kysely } from 'kysely';

// Contact levels by tier, overrides with reasons (issue 5 item 2)
export async function up(_db: Kysely<any>): Promise<void> {
}
