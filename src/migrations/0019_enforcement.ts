import type { Kysely } from 'kysely';

// Enforcement: warnings, breach and recall decisions, countersigning (issue 5 item 5)
export async function up(_db: Kysely<any>): Promise<void> {
}
