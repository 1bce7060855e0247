import { sql, type Kysely } from 'kysely';

// Allocation queue and decisions (issue 6 item 3): the tables are 0013's; this adds the index the
// managers' over-capacity report reads (allocations confirmed over capacity, newest first), and who may
// hold a caseload as a grant of a role (data), not a list of role codes in the code.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`INSERT INTO role_permissions (role_code, permission)
    SELECT code, 'caseload:hold' FROM roles WHERE code IN ('practitioner', 'senior-probation-officer')`.execute(db);
  await sql`CREATE INDEX allocation_decisions_over_capacity ON allocation_decisions (id DESC) WHERE over_capacity_confirmed`.execute(db);
}
