import type { Db } from '../../database.ts';
import type { Random } from '../../demo/random.ts';

/** Demonstration data for time (issue 5): filled in by that work. */
export async function seedTimeDemo(_db: Db, _random: Random, _today: string): Promise<void> {
}
