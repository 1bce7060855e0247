/**
 * The identifiers a probation record holds, validated exactly (/work/shared/domain/identifiers.md).
 * Pure functions: each returns the canonical form or a message that says what is wrong.
 */
export type Parsed<T = string> = { ok: true; value: T } | { ok: false; error: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = (error: string): Parsed<never> => ({ ok: false, error });
const clean = (input: string) => input.trim().toUpperCase();
// NI numbers and postcodes are commonly written with spaces in them; other identifiers are not.
const squash = (input: string) => clean(input).replace(/\s+/g, '');

// The police check-character alphabet: A-Z without I, O and S, starting at Z.
const CHECK_LETTERS = 'ZABCDEFGHJKLMNPQRTUVWXY';
// At most 9 digits, so a plain number holds the integer exactly.
const checkLetter = (digits: string): string => CHECK_LETTERS[Number(digits) % 23]!;

export function parseCrn(input: string): Parsed {
  const value = clean(input);
  if (!value) return fail('Enter a CRN');
  if (!/^[A-Z]\d{6}$/.test(value)) return fail('Enter a CRN as one capital letter and 6 digits, like X123456');
  return ok(value);
}

/** The PNC check letter for a four-digit year and a serial: (YY followed by the 7-digit serial) mod 23. */
export function pncCheckLetter(year: number, serial: number): string {
  return checkLetter(`${String(year % 100).padStart(2, '0')}${String(serial).padStart(7, '0')}`);
}

const PNC_FORMAT = 'Enter a PNC number in the format 2008/1234567R: a year, a slash, up to 7 digits and a check letter';

export function parsePnc(input: string, today: Date = new Date()): Parsed {
  const value = clean(input);
  if (!value) return fail('Enter a PNC number');
  const thisYear = today.getUTCFullYear();
  const slashed = value.match(/^(\d{2}|\d{4})\/(\d{1,7})([A-Z])$/);
  const bare = value.match(/^(\d{3,11})([A-Z])$/);
  const letter = (slashed?.[3] ?? bare?.[2])!;
  // Without the slash the split is ambiguous ("2012345R" is 2012/345 or 20/12345): try both readings.
  const readings: [string, string][] = slashed
    ? [[slashed[1]!, slashed[2]!]]
    : bare
      ? [4, 2].map((n): [string, string] => [bare[1]!.slice(0, n), bare[1]!.slice(n)])
          .filter(([year, serial]) => serial.length >= 1 && serial.length <= 7 && (year.length === 2 || /^(19|20)/.test(year)))
      : [];
  if (!readings.length) return fail(PNC_FORMAT);

  const candidates = readings.map(([yearText, serialText]) => {
    // A two-digit year up to this year's last two digits is this century; later ones are last century.
    const short = Number(yearText);
    const year = yearText.length === 4 ? short : short + (short <= thisYear % 100 ? 2000 : 1900);
    const serial = serialText.padStart(7, '0');
    return { year, serial, expected: pncCheckLetter(year, Number(serial)) };
  });
  const possible = candidates.filter((c) => c.year >= 1900 && c.year <= thisYear);
  if (!possible.length) return fail(`The PNC number's year ${candidates[0]!.year} is not possible: it must be between 1900 and ${thisYear}`);
  const valid = possible.filter((c) => c.expected === letter);
  if (valid.length > 1) {
    return fail(`The PNC number could be ${valid.map((c) => `${c.year}/${c.serial}${letter}`).join(' or ')}: enter it with the slash`);
  }
  const match = valid[0];
  if (!match) {
    const first = possible[0]!;
    return fail(`The PNC number's check letter is wrong: for ${first.year}/${first.serial} it should be ${first.expected}`);
  }
  return ok(`${match.year}/${match.serial}${letter}`);
}

/** The CRO check letter: the year digits followed by the serial as given, as one integer, mod 23. */
export function croCheckLetter(yearDigits: string, serial: string): string {
  return checkLetter(`${yearDigits}${serial}`);
}

export function parseCro(input: string): Parsed {
  const value = clean(input);
  if (!value) return fail('Enter a CRO number');
  // Older fingerprint-only records: the check uses the serial as written, so it is kept unpadded.
  const sf = value.match(/^SF(\d{2})\/(\d{1,6})([A-Z])$/);
  if (sf) {
    const [, year, serial, letter] = sf as unknown as [string, string, string, string];
    const expected = croCheckLetter(year, serial);
    if (letter !== expected) return fail(`The CRO number's check letter is wrong: for SF${year}/${serial} it should be ${expected}`);
    return ok(`SF${year}/${serial}${letter}`);
  }
  const standard = value.match(/^(\d{1,6})\/(\d{2})([A-Z])$/);
  if (!standard) return fail('Enter a CRO number in the format 123456/99L (or SF05/339150Y for older records)');
  const [, serialText, year, letter] = standard as unknown as [string, string, string, string];
  const serial = serialText.padStart(6, '0');
  const expected = croCheckLetter(year, serial);
  if (letter !== expected) return fail(`The CRO number's check letter is wrong: for ${serial}/${year} it should be ${expected}`);
  return ok(`${serial}/${year}${letter}`);
}

export function parseNomisNumber(input: string): Parsed {
  const value = clean(input);
  if (!value) return fail('Enter a prison number');
  if (!/^[A-Z]\d{4}[A-Z]{2}$/.test(value)) return fail('Enter a prison number as a letter, 4 digits and 2 letters, like A1234BC');
  return ok(value);
}

const NOT_ISSUED_PREFIXES = new Set(['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ']);

export function parseNiNumber(input: string, options: { allowExamplePrefix?: boolean } = {}): Parsed {
  const value = squash(input);
  if (!value) return fail('Enter a National Insurance number');
  if (!/^[A-Z]{2}\d{6}[A-Z]$/.test(value)) {
    return fail('Enter a National Insurance number in the format QQ 12 34 56 C: 2 letters, 6 digits, then A, B, C or D');
  }
  if (!'ABCD'.includes(value[8]!)) return fail(`A National Insurance number ends in A, B, C or D, not ${value[8]}`);
  const prefix = value.slice(0, 2);
  // QQ is the published example: fine in tests and training material, never a real person's number.
  if (prefix === 'QQ' && options.allowExamplePrefix) return ok(value);
  if ('DFIQUV'.includes(prefix[0]!)) return fail(`A National Insurance number cannot start with ${prefix[0]}: check the number`);
  if ('DFIOQUV'.includes(prefix[1]!)) return fail(`A National Insurance number cannot have ${prefix[1]} as its second letter: check the number`);
  if (NOT_ISSUED_PREFIXES.has(prefix)) return fail(`National Insurance numbers are not issued with the prefix ${prefix}: check the number`);
  return ok(value);
}

// Outward code: A9, A99, A9A, AA9, AA99 or AA9A, with the letters each position may hold;
// inward code: a digit and two letters other than C, I, K, M, O and V.
const POSTCODE = /^([A-PR-UWYZ](?:\d[A-HJKPSTUW\d]?|[A-HK-Y]\d[ABEHMNPRVWXY\d]?))(\d[ABD-HJLNP-UW-Z]{2})$/;

export function parsePostcode(input: string): Parsed {
  const value = squash(input);
  if (!value) return fail('Enter a postcode');
  const match = value.match(POSTCODE);
  if (!match) return fail('Enter a real postcode, like SW1H 9AJ');
  return ok(`${match[1]} ${match[2]}`);
}

const isoDate = (year: number, month: number, day: number) =>
  `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

/** Dates of birth as typed ('YYYY-MM-DD' or 'D/M/YYYY'), checked to be real, past and plausible. */
export function parseDateOfBirth(input: string, today: Date = new Date()): Parsed {
  const value = input.trim();
  if (!value) return fail('Enter a date of birth');
  let parts = value.match(/^(\d{4})-(\d{1,2})-(\d{1,2})$/)?.slice(1, 4).map(Number);
  if (!parts) {
    const dmy = value.match(/^(\d{1,2})\/(\d{1,2})\/(\d{4})$/);
    if (!dmy) return fail('Enter the date of birth as day, month and year, like 27/3/1990');
    parts = [Number(dmy[3]), Number(dmy[2]), Number(dmy[1])];
  }
  const [year, month, day] = parts as [number, number, number];
  // Day 0 of the next month is the last day of this one (setUTCFullYear keeps years below 100 literal).
  const last = new Date(0);
  last.setUTCFullYear(year, month, 0);
  if (month < 1 || month > 12 || day < 1 || day > last.getUTCDate()) {
    return fail(`The date of birth must be a real date: ${value} does not exist`);
  }
  const dob = isoDate(year, month, day);
  const todayIso = today.toISOString().slice(0, 10);
  if (dob > todayIso) return fail('The date of birth must be in the past');
  // Age in completed years: a birthday later in the calendar year has not come yet.
  const age = today.getUTCFullYear() - year - (dob.slice(5) > todayIso.slice(5) ? 1 : 0);
  if (age > 120) return fail('The date of birth must be within the last 120 years: check the year');
  return ok(dob);
}
