import { sql, type Kysely } from 'kysely';

// Name search reads every person with a close surname in the role's reach (a few hundred for a typo at
// national size) to rank them, one heap page each. The index now carries what the ranking and the list
// need (id, names, CRN, date of birth), so they come from the index alone (an index-only scan), and the
// page of results is not fetched again. It replaces the index on the same key.
export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
CREATE INDEX people_surname_region_covering ON people (lower(last_name), region_id) INCLUDE (id, first_name, last_name, crn, date_of_birth);
DROP INDEX people_surname_region;
`).execute(db);
}
