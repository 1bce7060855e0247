/** What other areas (and My cases) ask of contact levels, batched by person: the level, its source and where contact stands. */
import type { Db } from '../../database.ts';
import { currentOverrides, defaultFrequencies, lastCountedContacts, latestTiers, supervisionStarts } from './repository.ts';
import { contactProgress, explainContactLevel, plannedLevel, type ContactProgress, type PlannedLevel } from './rules.ts';

export interface ContactLevel extends PlannedLevel, ContactProgress {
  explanation: string;
  overrideSetAt: Date | null;
}

/** What a case's contact level is made from, read per person (batched here, or within My cases' one query). */
export interface LevelInputs {
  tier: string | null;
  override: { frequency_days: number; reason: string; set_at: Date } | null;
  lastSeenOn: string | null;
  since: string | null;
}
export type LevelTable = readonly { key: string; frequencyDays: number }[];

export const levelTable = async (db: Db): Promise<LevelTable> => (await defaultFrequencies(db)).map((d) => ({ key: d.key, frequencyDays: d.frequency_days }));

/** The level in force, its source, and where contact stands today (pure). */
export function contactLevelFrom(table: LevelTable, inputs: LevelInputs, today: string): ContactLevel {
  const { override } = inputs;
  const level = plannedLevel(inputs.tier, table, override ? { frequencyDays: override.frequency_days, reason: override.reason, setAt: override.set_at.toISOString() } : null);
  const progress = contactProgress(level.frequencyDays, inputs.lastSeenOn, inputs.since, today);
  return { ...level, ...progress, explanation: explainContactLevel(level, progress, today), overrideSetAt: override?.set_at ?? null };
}

export async function contactLevelsOf(db: Db, personIds: readonly number[], today: string): Promise<Map<number, ContactLevel>> {
  const [table, tiers, overrides, lastSeen, starts] = await Promise.all([
    levelTable(db), latestTiers(db, personIds), currentOverrides(db, personIds), lastCountedContacts(db, personIds), supervisionStarts(db, personIds),
  ]);
  return new Map(personIds.map((id) => [id, contactLevelFrom(table, {
    tier: tiers.get(id) ?? null, override: overrides.get(id) ?? null, lastSeenOn: lastSeen.get(id) ?? null, since: starts.get(id) ?? null,
  }, today)]));
}

export async function contactLevelOf(db: Db, personId: number, today: string): Promise<ContactLevel> {
  return (await contactLevelsOf(db, [personId], today)).get(personId)!;
}
