import { parseIsoDate } from '../platform/http/dates.ts';
import type { AccessRuleKind } from './tables.ts';

export interface AccessRuleInput { kind: AccessRuleKind; message: string; endsOn: string | null; usernames: string[] }

/** Pure validation of an access rule as typed on the page or sent to the API. */
export function validateAccessRule(input: Record<string, unknown>, today = new Date()):
  { ok: true; value: AccessRuleInput } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const kind = input.kind;
  if (kind !== 'exclusion' && kind !== 'restriction') errors.kind = 'Choose exclusion or restriction';
  const message = typeof input.message === 'string' ? input.message.trim() : '';
  if (!message) errors.message = 'Enter the message shown to people who are refused access';
  else if (message.length > 500) errors.message = 'The message must be 500 characters or fewer';
  const rawUsers = typeof input.usernames === 'string' ? input.usernames : Array.isArray(input.usernames) ? input.usernames.join(',') : '';
  const usernames = [...new Set(rawUsers.split(/[\s,]+/).map((name) => name.trim()).filter(Boolean))];
  if (!usernames.length) errors.usernames = kind === 'restriction' ? 'Enter the usernames of the people who may see this case' : 'Enter the usernames of the people who may not see this case';
  let endsOn: string | null = null;
  const rawEnd = typeof input.endsOn === 'string' ? input.endsOn.trim() : '';
  if (rawEnd) {
    endsOn = parseIsoDate(rawEnd);
    if (!endsOn) errors.endsOn = 'Enter the end date as a real date, like 2027-03-31 or 31/3/2027';
    else if (endsOn < today.toISOString().slice(0, 10)) errors.endsOn = 'The end date must be today or in the future';
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, value: { kind: kind as AccessRuleKind, message, endsOn, usernames } };
}
