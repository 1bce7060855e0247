import type { Kysely } from 'kysely';

// Alleged breaches reported by providers and partners (issue 5 item 6)
export async function up(_db: Kysely<any>): Promise<void> {
}
