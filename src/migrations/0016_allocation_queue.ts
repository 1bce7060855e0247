import { sql, type Kysely } from 'kysely';

// Allocation queue and decisions (issue 6 item 3): the tables are 0013's; this adds the index the
// managers' over-capacity report reads (allocations confirmed over capacity, newest first).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE INDEX allocation_decisions_over_capacity ON allocation_decisions (id DESC) WHERE over_capacity_confirmed`.execute(db);
}
