/** The managers' contact level defaults, from the form or the API: pure validation. */
import type { DefaultChange } from './repository.ts';
import { parseFrequency, parseReason } from './rules.ts';

export const PROTECT_LEVELS = ['A', 'B', 'C', 'D'] as const;
const FULL_TIER = /^[A-D][0-3]$/;

export type DefaultsResult = { ok: true; changes: DefaultChange[]; reason: string } | { ok: false; errors: Record<string, string> };

/** Fields: days-<key> for each row (empty removes a full-tier row), newKey + newDays to add one, reason. */
export function parseDefaultsForm(body: Record<string, unknown>, existing: readonly string[]): DefaultsResult {
  const errors: Record<string, string> = {};
  const changes: DefaultChange[] = [];
  for (const key of existing) {
    const raw = typeof body[`days-${key}`] === 'string' ? (body[`days-${key}`] as string).trim() : undefined;
    if (raw === undefined) continue;
    if (!raw && FULL_TIER.test(key)) { changes.push({ key, frequencyDays: null }); continue; }
    const days = parseFrequency(raw);
    if (days.ok) changes.push({ key, frequencyDays: days.value });
    else errors[`days-${key}`] = `${key}: ${days.message}`;
  }
  const newKey = typeof body.newKey === 'string' ? body.newKey.trim().toUpperCase() : '';
  const newDays = typeof body.newDays === 'string' ? body.newDays.trim() : '';
  if (newKey || newDays) {
    if (!FULL_TIER.test(newKey)) errors.newKey = 'Enter a full tier, a letter A to D and a number 0 to 3, like B2';
    else if (existing.includes(newKey)) errors.newKey = `Tier ${newKey} already has a row: change its frequency above`;
    const days = parseFrequency(newDays);
    if (!days.ok) errors.newDays = days.message;
    else if (!errors.newKey) changes.push({ key: newKey, frequencyDays: days.value });
  }
  const reason = parseReason(body.reason, 'Give the reason for the change to the defaults');
  if (!reason.ok) errors.reason = reason.message;
  if (Object.keys(errors).length || !reason.ok) return { ok: false, errors };
  return { ok: true, changes, reason: reason.value };
}

/** The API's body: { changes: [{ key, frequencyDays | null }], reason }. */
export function parseDefaultsApi(body: { changes: { key: string; frequencyDays: number | null }[]; reason: string }, existing: readonly string[]): DefaultsResult {
  const errors: Record<string, string> = {};
  const changes: DefaultChange[] = [];
  for (const [i, change] of body.changes.entries()) {
    const key = change.key.trim().toUpperCase();
    if (!(PROTECT_LEVELS as readonly string[]).includes(key) && !FULL_TIER.test(key)) { errors[`changes.${i}.key`] = `"${change.key}" is not a protect level (A-D) or a full tier (like B2)`; continue; }
    if (change.frequencyDays === null) {
      if (!FULL_TIER.test(key)) errors[`changes.${i}.frequencyDays`] = `Protect level ${key} always has a default: give a frequency`;
      else if (!existing.includes(key)) errors[`changes.${i}.key`] = `Tier ${key} has no row to remove`;
      else changes.push({ key, frequencyDays: null });
      continue;
    }
    const days = parseFrequency(change.frequencyDays);
    if (days.ok) changes.push({ key, frequencyDays: days.value });
    else errors[`changes.${i}.frequencyDays`] = days.message;
  }
  if (!body.changes.length) errors.changes = 'Give at least one change';
  const reason = parseReason(body.reason, 'Give the reason for the change to the defaults');
  if (!reason.ok) errors.reason = reason.message;
  if (Object.keys(errors).length || !reason.ok) return { ok: false, errors };
  return { ok: true, changes, reason: reason.value };
}
