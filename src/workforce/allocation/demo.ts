import type { Db } from '../../database.ts';
import type { Random } from '../../demo/random.ts';

/** Demonstration data for allocation (issue 6): filled in by that work. */
export async function seedAllocationDemo(_db: Db, _random: Random, _today: string): Promise<void> {
}
