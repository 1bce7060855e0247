import type { Db } from '../../database.ts';
import type { Random } from '../../demo/random.ts';

/** Demonstration data for contacts (issue 5): filled in by that work. */
export async function seedContactDemo(_db: Db, _random: Random, _today: string): Promise<void> {
}
