import { sql, type Kysely } from 'kysely';

// Name search finds the surnames close to the typed one in the service's memory (people/close-surnames.ts),
// from the list as it was when the process read it. Each surname now carries the order it was added in, so
// a search can tell, from one index lookup, whether the list has grown since, and read only what is new.
export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
ALTER TABLE surnames ADD COLUMN added bigint GENERATED ALWAYS AS IDENTITY;
CREATE UNIQUE INDEX surnames_added ON surnames (added);
`).execute(db);
}
