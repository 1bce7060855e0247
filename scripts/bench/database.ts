/** The database the tier and workload measures open in the suite's own process. */
import type { Database } from '../../src/database.ts';
import { openDatabase, type DatabaseHandle } from '../../src/platform/db/connect.ts';
import { DatabaseInUseError } from '../../src/platform/db/lock.ts';

export type Opened = { handle: DatabaseHandle<Database> } | { skipped: string };

/**
 * Opens a server database (a URL) or an embedded folder. An embedded folder a running service holds is
 * locked: the measures are then skipped with the reason, never run beside the service on the same files.
 */
export async function openForMeasures(target: { databaseUrl: string } | { dataDir: string }): Promise<Opened> {
  try {
    const handle = await openDatabase<Database>('databaseUrl' in target ? { databaseUrl: target.databaseUrl, poolSize: 4 } : { dataDir: target.dataDir });
    return { handle };
  } catch (error) {
    if (error instanceof DatabaseInUseError) {
      return { skipped: `${error.message} (a running service holds the embedded database: give BENCH_DATA_DIR a copy of the folder, or use npm run bench -- --compare, which measures after stopping the service)` };
    }
    return { skipped: `could not open the database: ${error instanceof Error ? error.message : String(error)}` };
  }
}
