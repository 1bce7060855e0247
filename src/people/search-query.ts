import { parseCrn, parseCro, parseDateOfBirth, parseNomisNumber, parsePnc } from './identifiers.ts';

/** What a search box query means: an identifier, a date of birth, a name, or a name with a date of birth. */
export type SearchQuery =
  | { kind: 'crn' | 'pnc' | 'cro' | 'nomis'; value: string }
  | { kind: 'name'; surname: string; forename: string | null; dateOfBirth: string | null }
  | { kind: 'dateOfBirth'; dateOfBirth: string }
  | { kind: 'empty' };

const cleanName = (value: string) => value.toLowerCase().replace(/[^\p{L}'\- ]/gu, '').trim();

/** Pure: reads a query the way a practitioner types it, e.g. "X123456", "79/163001B", "smith 7/3/1990", "Smith, John". */
export function parseSearchQuery(input: string, today: Date = new Date()): SearchQuery {
  const query = input.trim().replace(/\s+/g, ' ');
  if (!query) return { kind: 'empty' };
  const compact = query.replace(/\s/g, '').toUpperCase();
  if (/^[A-Z]\d{6}$/.test(compact)) {
    const crn = parseCrn(compact);
    if (crn.ok) return { kind: 'crn', value: crn.value };
  }
  if (/^[A-Z]\d{4}[A-Z]{2}$/.test(compact)) {
    const nomis = parseNomisNumber(compact);
    if (nomis.ok) return { kind: 'nomis', value: nomis.value };
  }
  if (/^\d{2,4}\/?\d{1,7}[A-Z]$/.test(compact)) {
    const pnc = parsePnc(compact, today);
    if (pnc.ok) return { kind: 'pnc', value: pnc.value };
  }
  if (/^(SF\d{2}\/\d{1,6}|\d{1,6}\/\d{2})[A-Z]$/.test(compact)) {
    const cro = parseCro(compact);
    if (cro.ok) return { kind: 'cro', value: cro.value };
  }

  // A date anywhere in the query is a date of birth; the rest is a name.
  let dateOfBirth: string | null = null;
  const words = query.split(' ').filter((word) => {
    if (dateOfBirth || !/\d/.test(word)) return true;
    const parsed = parseDateOfBirth(word, today);
    if (parsed.ok) dateOfBirth = parsed.value;
    return !parsed.ok;
  });
  const rest = words.join(' ');
  let surname: string;
  let forename: string | null = null;
  if (rest.includes(',')) {
    const [before, after] = rest.split(',', 2) as [string, string];
    surname = cleanName(before);
    forename = cleanName(after).split(' ')[0] || null;
  } else {
    const names = cleanName(rest).split(' ').filter(Boolean);
    surname = names.at(-1) ?? '';
    forename = names.length > 1 ? names[0]! : null;
  }
  if (!surname) return dateOfBirth ? { kind: 'dateOfBirth', dateOfBirth } : { kind: 'empty' };
  return { kind: 'name', surname, forename, dateOfBirth };
}
