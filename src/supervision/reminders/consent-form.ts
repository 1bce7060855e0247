/** The consent form (page and API): yes with a UK mobile, or no; pure. */
import { MOBILE_EXAMPLE, normaliseUkMobile } from './rules.ts';

export interface ConsentInput { consented: boolean; mobile: string | null; note: string | null }
export type ConsentCheck = { ok: true; value: ConsentInput } | { ok: false; errors: Record<string, string> };

const MAX_NOTE = 500;

export function validateConsent(input: { consented?: unknown; mobile?: unknown; note?: unknown }): ConsentCheck {
  const errors: Record<string, string> = {};
  const answer = input.consented === true || input.consented === 'yes' ? true : input.consented === false || input.consented === 'no' ? false : null;
  if (answer === null) errors.consented = 'Select yes if the person agrees to text reminders of their appointments';
  const mobileText = typeof input.mobile === 'string' ? input.mobile : '';
  let mobile: string | null = null;
  if (answer) {
    const check = normaliseUkMobile(mobileText);
    if (check.ok) mobile = check.value;
    else errors.mobile = check.reason === MOBILE_EXAMPLE ? MOBILE_EXAMPLE : check.reason;
  }
  const note = typeof input.note === 'string' ? input.note.trim() : '';
  if (note.length > MAX_NOTE) errors.note = `The note must be ${MAX_NOTE} characters or fewer`;
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, value: { consented: answer!, mobile, note: note || null } };
}
