/** What other areas (and My cases) ask of contact levels, batched by person: the level, its source and where contact stands. */
import type { Db } from '../../database.ts';
import { contactLevelDefaults, currentOverrides, lastCountedContacts, latestTiers, supervisionStarts } from './repository.ts';
import { contactProgress, explainContactLevel, plannedLevel, type ContactProgress, type PlannedLevel } from './rules.ts';

export interface ContactLevel extends PlannedLevel, ContactProgress {
  explanation: string;
  overrideSetAt: Date | null;
}

export async function contactLevelsOf(db: Db, personIds: readonly number[], today: string): Promise<Map<number, ContactLevel>> {
  const [defaults, tiers, overrides, lastSeen, starts] = await Promise.all([
    contactLevelDefaults(db), latestTiers(db, personIds), currentOverrides(db, personIds), lastCountedContacts(db, personIds), supervisionStarts(db, personIds),
  ]);
  const table = defaults.map((d) => ({ key: d.key, frequencyDays: d.frequency_days }));
  const result = new Map<number, ContactLevel>();
  for (const id of personIds) {
    const override = overrides.get(id);
    const level = plannedLevel(tiers.get(id) ?? null, table, override ? { frequencyDays: override.frequency_days, reason: override.reason, setAt: override.set_at.toISOString() } : null);
    const progress = contactProgress(level.frequencyDays, lastSeen.get(id) ?? null, starts.get(id) ?? null, today);
    result.set(id, { ...level, ...progress, explanation: explainContactLevel(level, progress, today), overrideSetAt: override?.set_at ?? null });
  }
  return result;
}

export async function contactLevelOf(db: Db, personId: number, today: string): Promise<ContactLevel> {
  return (await contactLevelsOf(db, [personId], today)).get(personId)!;
}
