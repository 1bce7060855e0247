import { parseIsoDate } from '../../platform/http/dates.ts';
import { wholeYearsBetween } from '../predictors/common.ts';

export interface CriminalHistory {
  previousSanctions: number;
  previousConvictions: number | null;
  violentSanctions: number;
  firstSanctionDate: string;
}
export type HistoryForm = { ok: true; value: CriminalHistory } | { ok: false; errors: Record<string, string> };

const MAX_SANCTIONS = 500;
const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

function count(raw: unknown, errors: Record<string, string>, field: string, what: string, optional = false): number | null {
  const value = text(raw);
  if (!value && optional) return null;
  if (!/^\d{1,4}$/.test(value) || Number(value) > MAX_SANCTIONS) {
    errors[field] = value ? `${what} must be a whole number from 0 to ${MAX_SANCTIONS}` : `Enter ${what.toLowerCase()}`;
    return null;
  }
  return Number(value);
}

/**
 * The criminal history OGRS3 and OVP need and the case record does not otherwise hold (it comes from the
 * PNC). Every problem is reported at once, in words a practitioner can act on.
 */
export function validateCriminalHistory(body: Record<string, unknown>, person: { dateOfBirth: string }, today: string): HistoryForm {
  const errors: Record<string, string> = {};
  const previousSanctions = count(body.previousSanctions, errors, 'previousSanctions', 'The number of previous sanctions');
  const previousConvictions = count(body.previousConvictions, errors, 'previousConvictions', 'The number of previous convictions', true);
  const violentSanctions = count(body.violentSanctions, errors, 'violentSanctions', 'The number of sanctions for violent offences');
  if (previousSanctions !== null && previousConvictions !== null && previousConvictions > previousSanctions) {
    errors.previousConvictions = 'Previous convictions cannot be more than previous sanctions: convictions are one kind of sanction';
  }
  if (previousSanctions !== null && violentSanctions !== null && violentSanctions > previousSanctions + 1) {
    errors.violentSanctions = `Violent sanctions cannot be more than all sanctions, ${previousSanctions + 1} including the current one`;
  }
  const [d, m, y] = ['day', 'month', 'year'].map((part) => text(body[`firstSanctionDate-${part}`]));
  const typed = d || m || y ? `${d}/${m}/${y}` : text(body.firstSanctionDate);
  const firstSanctionDate = typed ? parseIsoDate(typed) : null;
  if (!typed) errors.firstSanctionDate = 'Enter the date of the first sanction';
  else if (!firstSanctionDate) errors.firstSanctionDate = 'The date of the first sanction must be a real date, like 27 3 2015';
  else if (firstSanctionDate > today) errors.firstSanctionDate = 'The date of the first sanction must be today or in the past';
  else if (wholeYearsBetween(person.dateOfBirth, firstSanctionDate) < 10) {
    errors.firstSanctionDate = 'The first sanction must be on or after the person\'s 10th birthday (the age of criminal responsibility)';
  }
  if (Object.keys(errors).length || previousSanctions === null || violentSanctions === null || !firstSanctionDate) return { ok: false, errors };
  return { ok: true, value: { previousSanctions, previousConvictions, violentSanctions, firstSanctionDate } };
}
