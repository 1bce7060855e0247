import {
  parseCro, parseDateOfBirth, parseNiNumber, parseNomisNumber, parsePnc, parsePostcode, type Parsed,
} from './identifiers.ts';
import { DISABILITIES, ETHNICITIES, GENDER_IDENTITIES, RELIGIONS, SEXES, SEXUAL_ORIENTATIONS, type Option } from './reference-data.ts';

/** A new person as the API and the page both submit it (camelCase, dates as YYYY-MM-DD). */
export interface NewPerson {
  firstName: string;
  middleNames: string | null;
  lastName: string;
  preferredName: string | null;
  dateOfBirth: string;
  sex: string;
  genderIdentity: string | null;
  ethnicity: string | null;
  religion: string | null;
  sexualOrientation: string | null;
  disability: string | null;
  pnc: string | null;
  cro: string | null;
  nomisNumber: string | null;
  niNumber: string | null;
  email: string | null;
  phone: string | null;
  address: { line1: string; line2: string | null; town: string | null; postcode: string | null; noFixedAbode: boolean } | null;
}

export type FieldErrors = Record<string, string>;
export type Validated<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '');
const optional = (value: unknown): string | null => text(value) || null;

/**
 * Pure validation of a new person. Every field's problem is reported at once, keyed by field name,
 * so a form can show them all beside the fields and keep what was typed.
 */
export function validateNewPerson(input: Record<string, unknown>, today: Date = new Date()): Validated<NewPerson> {
  const errors: FieldErrors = {};
  const required = (field: string, what: string, max = 100): string => {
    const value = text(input[field]);
    if (!value) errors[field] = `Enter ${what}`;
    else if (value.length > max) errors[field] = `${what[0]!.toUpperCase()}${what.slice(1)} must be ${max} characters or fewer`;
    return value;
  };
  const limited = (field: string, what: string, max = 100): string | null => {
    const value = optional(input[field]);
    if (value && value.length > max) errors[field] = `${what} must be ${max} characters or fewer`;
    return value;
  };
  const identifier = (field: string, parse: (value: string) => Parsed): string | null => {
    const value = optional(input[field]);
    if (!value) return null;
    const parsed = parse(value);
    if (!parsed.ok) errors[field] = parsed.error;
    return parsed.ok ? parsed.value : value;
  };
  const choice = (field: string, options: Option[], what: string, mandatory = false): string | null => {
    const value = optional(input[field]);
    if (!value) {
      if (mandatory) errors[field] = `Select ${what}`;
      return null;
    }
    if (!options.some((option) => option.value === value)) errors[field] = `Select ${what} from the list`;
    return value;
  };

  const firstName = required('firstName', 'a first name');
  const lastName = required('lastName', 'a last name');
  const dobInput = text(input.dateOfBirth);
  let dateOfBirth = dobInput;
  if (!dobInput) errors.dateOfBirth = 'Enter a date of birth';
  else {
    const parsed = parseDateOfBirth(dobInput, today);
    if (parsed.ok) dateOfBirth = parsed.value;
    else errors.dateOfBirth = parsed.error;
  }
  const email = limited('email', 'Email address', 200);
  if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) errors.email = 'Enter an email address in the correct format, like name@example.com';
  const phone = limited('phone', 'Phone number', 30);
  if (phone && !/^\+?[\d ()-]{7,20}$/.test(phone)) errors.phone = 'Enter a phone number, like 07700 900 982 or +44 808 157 0192';

  const rawAddress = (input.address ?? {}) as Record<string, unknown>;
  const noFixedAbode = rawAddress.noFixedAbode === true || rawAddress.noFixedAbode === 'true' || rawAddress.noFixedAbode === 'yes';
  let address: NewPerson['address'] = null;
  const line1 = text(rawAddress.line1);
  const postcodeInput = text(rawAddress.postcode);
  if (noFixedAbode) {
    address = { line1: 'No fixed abode', line2: null, town: optional(rawAddress.town), postcode: null, noFixedAbode: true };
  } else if (line1 || postcodeInput || text(rawAddress.town)) {
    if (!line1) errors['address.line1'] = 'Enter the first line of the address';
    let postcode: string | null = null;
    if (postcodeInput) {
      const parsed = parsePostcode(postcodeInput);
      if (parsed.ok) postcode = parsed.value;
      else errors['address.postcode'] = parsed.error;
    }
    address = { line1, line2: optional(rawAddress.line2), town: optional(rawAddress.town), postcode: postcode ?? (postcodeInput || null), noFixedAbode: false };
  }

  const value: NewPerson = {
    firstName,
    middleNames: limited('middleNames', 'Middle names'),
    lastName,
    preferredName: limited('preferredName', 'Preferred name'),
    dateOfBirth,
    sex: choice('sex', SEXES, 'the sex registered at birth', true) ?? '',
    genderIdentity: choice('genderIdentity', GENDER_IDENTITIES, 'a gender identity'),
    ethnicity: choice('ethnicity', ETHNICITIES, 'an ethnic group'),
    religion: choice('religion', RELIGIONS, 'a religion or belief'),
    sexualOrientation: choice('sexualOrientation', SEXUAL_ORIENTATIONS, 'a sexual orientation'),
    disability: choice('disability', DISABILITIES, 'whether they have a disability'),
    pnc: identifier('pnc', (v) => parsePnc(v, today)),
    cro: identifier('cro', parseCro),
    nomisNumber: identifier('nomisNumber', parseNomisNumber),
    niNumber: identifier('niNumber', (v) => parseNiNumber(v)),
    email,
    phone,
    address,
  };
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, value };
}
