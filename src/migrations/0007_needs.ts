import type { Kysely } from 'kysely';

// Placeholder: the owning area fills this in.
export async function up(_db: Kysely<any>): Promise<void> {}
