/**
 * Contact level rules (issue 5 item 2), pure. The planned frequency is the practitioner's override if one
 * is in force, else the default for the full tier (B2), else for its protect level (B). Contact is on track
 * while the next due date (the last counted contact, or the start of supervision, plus the frequency) has
 * not passed; it is overdue from the day after.
 */

export interface LevelDefault { key: string; frequencyDays: number }
export interface LevelOverride { frequencyDays: number; reason: string; setAt: string }

export type LevelSource = 'override' | 'tier' | 'protect_level' | 'none';

export interface PlannedLevel {
  tier: string | null;
  frequencyDays: number | null;
  source: LevelSource;
  /** The defaults row used (B2 or B), when the default applies. */
  defaultKey: string | null;
  /** What the default would be, for comparison when an override is in force. */
  defaultDays: number | null;
  overrideReason: string | null;
}

export type ContactStatus = 'on_track' | 'overdue' | 'no_level';

export interface ContactProgress {
  status: ContactStatus;
  lastContactOn: string | null;
  /** When the next counted contact is due by (inclusive). */
  nextDueOn: string | null;
  daysOverdue: number;
}

/** The tier without the unsupervised suffix, e.g. 'B2S' -> 'B2'. */
const tierKey = (tier: string) => tier.slice(0, 2);

export function plannedLevel(tier: string | null, defaults: readonly LevelDefault[], override: LevelOverride | null): PlannedLevel {
  const byKey = new Map(defaults.map((d) => [d.key, d.frequencyDays]));
  let defaultKey: string | null = null;
  if (tier) {
    if (byKey.has(tierKey(tier))) defaultKey = tierKey(tier);
    else if (byKey.has(tier.slice(0, 1))) defaultKey = tier.slice(0, 1);
  }
  const defaultDays = defaultKey ? byKey.get(defaultKey)! : null;
  if (override) return { tier, frequencyDays: override.frequencyDays, source: 'override', defaultKey, defaultDays, overrideReason: override.reason };
  return {
    tier, frequencyDays: defaultDays, defaultKey, defaultDays, overrideReason: null,
    source: defaultKey === null ? 'none' : defaultKey.length === 2 ? 'tier' : 'protect_level',
  };
}

const dayNumber = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000;
const fromDayNumber = (n: number) => new Date(n * 86_400_000).toISOString().slice(0, 10);

/**
 * Where contact stands today. `since` is when the level started to run without a contact (the start of
 * supervision); with neither a contact nor a start, the first contact is due today.
 */
export function contactProgress(frequencyDays: number | null, lastContactOn: string | null, since: string | null, today: string): ContactProgress {
  if (!frequencyDays) return { status: 'no_level', lastContactOn, nextDueOn: null, daysOverdue: 0 };
  const from = lastContactOn ?? since;
  const nextDueOn = from ? fromDayNumber(dayNumber(from) + frequencyDays) : today;
  const daysOverdue = Math.max(0, dayNumber(today) - dayNumber(nextDueOn));
  return { status: daysOverdue > 0 ? 'overdue' : 'on_track', lastContactOn, nextDueOn, daysOverdue };
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** '2024-11-20' -> '20 November' (with the year when it is not this year's). */
export function shortDate(iso: string, today: string): string {
  const text = `${Number(iso.slice(8, 10))} ${MONTHS[Number(iso.slice(5, 7)) - 1]}`;
  return iso.slice(0, 4) === today.slice(0, 4) ? text : `${text} ${iso.slice(0, 4)}`;
}

export const frequencyText = (days: number) => (days === 1 ? 'every day' : `every ${days} days`);

const sourceText: Record<LevelSource, string> = {
  override: 'set for this case',
  tier: 'default for the full tier',
  protect_level: 'default',
  none: '',
};

/** One sentence that explains the level and where contact stands, e.g. "Tier B2: every 14 days (default); last seen 20 November; next due by 4 December: on track". */
export function explainContactLevel(level: PlannedLevel, progress: ContactProgress, today: string): string {
  const head = level.tier ? `Tier ${level.tier}` : 'No tier yet';
  if (!level.frequencyDays) return `${head}: no contact level applies (no default for this tier and none set for the case)`;
  const parts = [`${head}: ${frequencyText(level.frequencyDays)} (${sourceText[level.source]}${level.source === 'override' && level.overrideReason ? `: ${level.overrideReason}` : ''})`];
  parts.push(progress.lastContactOn ? `last seen ${shortDate(progress.lastContactOn, today)}` : 'not yet seen');
  const state = progress.status === 'overdue'
    ? `overdue by ${progress.daysOverdue} day${progress.daysOverdue === 1 ? '' : 's'}`
    : 'on track';
  return `${parts.join('; ')}; next due by ${shortDate(progress.nextDueOn!, today)}: ${state}`;
}

export const MAX_REASON = 2000;

/** Validates a frequency typed on a form or sent to the API: whole days from 1 to 365. */
export function parseFrequency(input: unknown): { ok: true; value: number } | { ok: false; message: string } {
  const text = typeof input === 'number' ? String(input) : typeof input === 'string' ? input.trim() : '';
  if (!text) return { ok: false, message: 'Enter how often, in days, the person should be seen' };
  if (!/^\d+$/.test(text)) return { ok: false, message: 'Enter the frequency as a whole number of days, like 14' };
  const value = Number(text);
  if (value < 1 || value > 365) return { ok: false, message: 'The frequency must be between 1 and 365 days' };
  return { ok: true, value };
}

/** A reason is required for every change: professional judgement is recorded, not assumed. */
export function parseReason(input: unknown, what = 'Give the reason for this contact level'): { ok: true; value: string } | { ok: false; message: string } {
  const text = typeof input === 'string' ? input.trim() : '';
  if (!text) return { ok: false, message: what };
  if (text.length > MAX_REASON) return { ok: false, message: `The reason must be ${MAX_REASON} characters or fewer` };
  return { ok: true, value: text };
}
