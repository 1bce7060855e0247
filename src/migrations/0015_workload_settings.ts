import type { Kysely } from 'kysely';

// Workload settings and weight history (issue 6 item 2)
export async function up(_db: Kysely<any>): Promise<void> {
}
