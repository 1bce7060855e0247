/**
 * What the reoffending predictors (/work/shared/domain/predictors.md) share: strict input reading with
 * messages a person understands, birthday-aware ages, the logistic curve and percentages rounded
 * half-up exactly as published. Pure functions: they run in request handlers and over million-row files.
 */

/** Same shapes as the people forms: every field's problem at once, keyed by field name. */
export type FieldErrors = Record<string, string>;
export type Validated<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

/** A record as a JSON body or a CSV row gives it: the named fields, of any type until checked. */
export type Raw<T> = { [K in keyof T]?: unknown };

export type Sex = 'male' | 'female';
export const SEXES: readonly Sex[] = ['male', 'female'];

/** One line of an explanation: what it is, its value, and a machine-readable code where there is one. */
export interface Term {
  label: string;
  value: number;
  code?: string;
}

/** An OASys answer scored 0 (no problems), 1 (some) or 2 (significant); each item names its own answers. */
export type Level = 0 | 1 | 2;

export type RiskBand = 'low' | 'medium' | 'high' | 'very_high';
export interface BandRange {
  band: RiskBand;
  from: number;
  to: number;
}

export const bandFor = (ranges: readonly BandRange[], percent: number): RiskBand => {
  const range = ranges.find((r) => percent >= r.from && percent <= r.to);
  if (!range) throw new RangeError(`No band for ${percent}%`);
  return range.band;
};

export const logistic = (x: number): number => 1 / (1 + Math.exp(-x));

/** Integer half-up of numerator / denominator (both integers, denominator positive): no floating point. */
export const roundHalfUpRatio = (numerator: number, denominator: number): number =>
  Math.floor((2 * numerator + denominator) / (2 * denominator));

const float = new DataView(new ArrayBuffer(8));

/** Whether p × 100 ≥ k + ½ exactly, for finite p ≥ 0: 200·p ≥ 2k + 1, compared in integers. */
function reachesHalf(p: number, k: number): boolean {
  float.setFloat64(0, p);
  const bits = float.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & 0xfffffffffffffn;
  const mantissa = biased === 0 ? fraction : fraction | (1n << 52n);
  const exponent = (biased === 0 ? 1 : biased) - 1075; // p = mantissa × 2^exponent
  const left = 200n * mantissa;
  const right = BigInt(2 * k + 1);
  return exponent >= 0 ? left << BigInt(exponent) >= right : left >= right << BigInt(-exponent);
}

/**
 * A probability as a whole percentage, rounded half-up on its exact value (as the published calculators
 * do with BigDecimal), then held within 1 to 99. The floating-point product decides unless it lands
 * within a hair of a half, where the exact binary value of p decides instead.
 */
export function percentHalfUp(p: number): number {
  const scaled = p * 100;
  const whole = Math.floor(scaled);
  const rest = scaled - whole;
  const rounded = Math.abs(rest - 0.5) > 1e-9 ? (rest > 0.5 ? whole + 1 : whole) : reachesHalf(p, whole) ? whole + 1 : whole;
  return Math.min(99, Math.max(1, rounded));
}

// A test and slices rather than capture groups: a million-row file reads four dates a row.
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/** Whole years from one YYYY-MM-DD date to a later one: the birthday counts from its day (29 February from 1 March). */
export function wholeYearsBetween(from: string, to: string): number {
  // Fixed-width ISO dates compare correctly as text, so "MM-DD" tells whether the anniversary has come.
  return Number(to.slice(0, 4)) - Number(from.slice(0, 4)) - (to.slice(5) < from.slice(5) ? 1 : 0);
}

/** Reads each field of a raw record (JSON body or CSV row), collecting one message per field. */
export class FieldReader {
  readonly errors: FieldErrors = {};
  private problems = 0;

  private readonly input: Record<string, unknown>;

  constructor(input: object) {
    this.input = input as Record<string, unknown>;
  }

  private text(field: string): string {
    const value = this.input[field];
    return typeof value === 'string' ? value.trim() : typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
  }

  has(field: string): boolean {
    return this.text(field) !== '';
  }

  fail(field: string, message: string): void {
    if (field in this.errors) return;
    this.errors[field] = message;
    this.problems++;
  }

  get ok(): boolean {
    return this.problems === 0;
  }

  /** One of a fixed list of codes, case-insensitive; `what` is e.g. "the sex". */
  choice<T extends string>(field: string, options: readonly T[], what: string): T | null {
    const value = this.text(field).toLowerCase();
    if ((options as readonly string[]).includes(value)) return value as T;
    const list = options.length === 2 ? `${options[0]} or ${options[1]}` : `one of ${options.join(', ')}`;
    this.fail(field, value ? `${capital(what)} must be ${list}, not "${this.text(field)}"` : `Select ${what}: ${list}`);
    return null;
  }

  /** A date written YYYY-MM-DD that exists in the calendar; `what` is e.g. "the date of birth". */
  date(field: string, what: string): string | null {
    const value = this.text(field);
    if (!value) {
      this.fail(field, `Enter ${what}`);
      return null;
    }
    if (!ISO_DATE.test(value)) {
      this.fail(field, `Enter ${what} as year, month and day, like 1990-06-01`);
      return null;
    }
    const year = Number(value.slice(0, 4));
    const month = Number(value.slice(5, 7));
    const day = Number(value.slice(8, 10));
    const last = month === 2 && isLeap(year) ? 29 : DAYS_IN_MONTH[month - 1];
    if (year < 1 || last === undefined || day < 1 || day > last) {
      this.fail(field, `${capital(what)} must be a real date: ${value} does not exist`);
      return null;
    }
    return value;
  }

  /** A whole number of at least `min`; `what` is e.g. "the number of previous sanctions". */
  count(field: string, what: string, min = 0): number | null {
    const raw = this.input[field];
    const value = this.text(field);
    if (!value) {
      this.fail(field, `Enter ${what}`);
      return null;
    }
    const number = typeof raw === 'number' ? raw : /^[+-]?\d+(\.\d+)?$/.test(value) ? Number(value) : NaN;
    if (typeof raw === 'boolean' || !Number.isSafeInteger(number)) {
      this.fail(field, `${capital(what)} must be a whole number, like 3`);
      return null;
    }
    if (number < 0) {
      this.fail(field, `${capital(what)} cannot be negative`);
      return null;
    }
    if (number < min) {
      this.fail(field, `${capital(what)} must be at least ${min}`);
      return null;
    }
    return number;
  }

  /** Yes or no: true/false, "true"/"false" or "yes"/"no". */
  yesNo(field: string, question: string): boolean | null {
    const value = this.text(field).toLowerCase();
    if (value === 'true' || value === 'yes') return true;
    if (value === 'false' || value === 'no') return false;
    this.fail(field, `Answer yes or no${value ? `, not "${this.text(field)}"` : ''}: ${question}`);
    return null;
  }

  /** An OASys answer scored 0, 1 or 2; `answers` name the three, for the message. */
  level(field: string, label: string, answers: readonly [string, string, string]): Level | null {
    const value = this.text(field);
    if (value === '0' || value === '1' || value === '2') return Number(value) as Level;
    const choices = `0 (${answers[0]}), 1 (${answers[1]}) or 2 (${answers[2]})`;
    this.fail(field, `Answer "${label}" with ${choices}${value ? `, not "${value}"` : ''}`);
    return null;
  }
}

export const capital = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** A number in an explanation label: as given up to 9 decimal places, without trailing zeros. */
export const show = (value: number): string => String(Number(value.toFixed(9)));
