import type { Kysely } from 'kysely';

// Organisation reference data: the PDUs of the 12 regions, offices, staff details (issue 6 item 1)
export async function up(_db: Kysely<any>): Promise<void> {
}
