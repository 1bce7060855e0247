/**
 * A requirement's details as the court specifies them, checked against the limits the law sets
 * (Sentencing Act 2020 Sch 9, as amended by the PCSC Act 2022). The limits come from the
 * requirement_types rows (data); which fields a requirement has is decided here by its type.
 * Pure: no I/O. Every message says what to fix.
 */
import { addDays } from '../platform/http/dates.ts';
import type { Monitoring } from './tables.ts';

export interface RequirementRule {
  code: string;
  name: string;
  unit: 'hours' | 'days' | 'sessions' | null;
  min_units: number | null;
  max_units: number | null;
  max_months: number | null;
  complete_within_months: number | null;
  needs_consent: boolean;
  monitoring: Monitoring;
  max_age_at_sentence: number | null;
  min_hours_per_day: number | null;
  max_hours_per_day: number | null;
  max_hours_per_week: number | null;
}
export interface ProgrammeRef { code: string; name: string; sessions_typical: number; weeks_typical: number }

/** What is kept in requirements.details (units and programme have their own columns). */
export interface RequirementDetails {
  /** Treatment, curfew or exclusion period in months. */
  months?: number;
  residential?: boolean;
  /** The person has expressed willingness to comply (treatment requirements). */
  consent?: boolean;
  /** Drug rehabilitation: the minimum number of tests a month. */
  testsPerMonth?: number;
  hoursPerDay?: number;
  daysPerWeek?: number;
  electronicMonitoring?: boolean;
  monitoringReason?: string;
  place?: string;
  address?: string;
  activity?: string;
}
export interface NewRequirement { type: string; units: number | null; programme: string | null; details: RequirementDetails }

/** What a requirement is checked against: its order. */
export interface OrderContext {
  sentencedOn: string;
  /** The last day requirements may run to: the order's end, or a suspended sentence's supervision period's end. */
  endOn: string;
  ageAtSentence: number;
}

export const TREATMENTS = ['drug_rehabilitation', 'alcohol_treatment', 'mental_health_treatment'] as const;
const isTreatment = (code: string) => (TREATMENTS as readonly string[]).includes(code);

/** The fields a requirement of this type takes (form fields are named `<type>-<field>`). */
export function fieldsOf(rule: Pick<RequirementRule, 'code' | 'unit' | 'monitoring'>): string[] {
  const fields: string[] = rule.unit ? [rule.unit] : [];
  if (rule.code === 'accredited_programme') fields.unshift('programme');
  if (isTreatment(rule.code)) fields.push('months', 'residential', ...(rule.code === 'drug_rehabilitation' ? ['testsPerMonth'] : []), 'consent');
  if (rule.code === 'curfew') fields.push('hoursPerDay', 'daysPerWeek', 'months', 'place');
  if (rule.code === 'exclusion') fields.push('place', 'months');
  if (rule.code === 'residence') fields.push('address');
  if (rule.code === 'prohibited_activity') fields.push('activity');
  if (rule.monitoring === 'default' || rule.monitoring === 'optional') fields.push('electronicMonitoring', 'monitoringReason');
  return fields;
}

type Result<T> = { ok: true; value: T } | { ok: false; errors: Record<string, string> };
const text = (value: unknown) => (typeof value === 'string' ? value.trim() : typeof value === 'number' || typeof value === 'boolean' ? String(value) : '');
const plural = (n: number, unit: string) => `${n} ${n === 1 ? unit.replace(/s$/, '') : unit}`;

/** The last day of `months` calendar months from `from` (as periodEnd in rules.ts; repeated to keep this file free of it). */
function monthsEnd(from: string, months: number): string {
  const [y, m, d] = from.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  const corresponding = target.toISOString().slice(0, 10);
  return corresponding.slice(8) < from.slice(8) ? corresponding : addDays(corresponding, -1);
}

/** The most whole months from `from` that end on or before `endOn`. */
function monthsThatFit(from: string, endOn: string): number {
  let n = 0;
  while (n < 1200 && monthsEnd(from, n + 1) <= endOn) n++;
  return n;
}

/**
 * Checks one requirement's details. `fields` holds this requirement's values by bare field name
 * (`hours`, `months`...); errors come back keyed the same way.
 */
export function validateRequirement(rule: RequirementRule, fields: Record<string, unknown>, order: OrderContext, programmes: readonly ProgrammeRef[]): Result<NewRequirement> {
  const errors: Record<string, string> = {};
  const name = rule.name.replace(/ \(.*\)$/, '').toLowerCase();
  const whole = (field: string, what: string, min: number, max: number): number | null => {
    const value = text(fields[field]);
    if (!value) {
      errors[field] = `Enter the ${what}`;
      return null;
    }
    if (!/^\d{1,5}$/.test(value) || Number(value) < min || Number(value) > max) {
      errors[field] = `The ${what} must be a whole number from ${min} to ${max}`;
      return null;
    }
    return Number(value);
  };
  const words = (field: string, what: string, max = 500): string | undefined => {
    const value = text(fields[field]);
    if (!value) errors[field] = `Enter ${what}`;
    else if (value.length > max) errors[field] = `${what[0]!.toUpperCase()}${what.slice(1)} must be ${max} characters or fewer`;
    return value || undefined;
  };
  const yesNo = (field: string): boolean | null => {
    const value = text(fields[field]).toLowerCase();
    return ['yes', 'true', 'on'].includes(value) ? true : ['no', 'false'].includes(value) ? false : null;
  };
  const details: RequirementDetails = {};
  let units: number | null = null;
  let programme: string | null = null;

  if (rule.max_age_at_sentence !== null && order.ageAtSentence > rule.max_age_at_sentence) {
    errors.type = `An ${name} requirement is only for people aged under ${rule.max_age_at_sentence + 1} when sentenced; this person was ${order.ageAtSentence}`;
  }

  if (rule.code === 'accredited_programme') {
    const code = text(fields.programme);
    const found = programmes.find((p) => p.code === code);
    if (!code) errors.programme = 'Select the accredited programme';
    else if (!found) errors.programme = 'Select the accredited programme from the list';
    programme = found?.code ?? null;
  }

  if (rule.unit) {
    const min = rule.min_units ?? 1;
    const max = rule.max_units ?? 1000;
    units = whole(rule.unit, `number of ${rule.unit} of ${name}`, min, max);
    if (units !== null && rule.code === 'alcohol_abstinence' && addDays(order.sentencedOn, units - 1) > order.endOn) {
      errors.days = `${plural(units, 'days')} of abstinence cannot fit before the order ends on ${readable(order.endOn)}`;
    }
  }

  // Periods in months: within the law's maximum and within the order.
  const fitting = monthsThatFit(order.sentencedOn, order.endOn);
  const period = (what: string) => {
    const value = text(fields.months);
    const legal = rule.max_months ?? 1200;
    if (!value) errors.months = `Enter the ${what} in months`;
    else if (!/^\d{1,4}$/.test(value) || Number(value) < 1) errors.months = `The ${what} must be a whole number of months, 1 or more`;
    else if (Number(value) > legal) errors.months = `The ${what} can be at most ${plural(legal, 'months')}, the most the law allows`;
    else if (Number(value) > fitting) errors.months = `The ${what} cannot run past the end of the order on ${readable(order.endOn)}: at most ${plural(fitting, 'months')}`;
    else details.months = Number(value);
  };

  if (isTreatment(rule.code)) {
    period('treatment period');
    const residential = text(fields.residential);
    if (residential === 'residential' || residential === 'non_residential') details.residential = residential === 'residential';
    else errors.residential = 'Select whether the treatment is residential or non-residential';
    if (rule.code === 'drug_rehabilitation') {
      const tests = whole('testsPerMonth', 'minimum number of drug tests a month', 1, 31);
      if (tests !== null) details.testsPerMonth = tests;
    }
  }
  if (rule.needs_consent) {
    if (yesNo('consent') === true) details.consent = true;
    else errors.consent = `The court can only make a ${name} requirement if the person expresses willingness to comply: confirm they have consented, or remove the requirement`;
  }

  if (rule.code === 'curfew') {
    const minDay = rule.min_hours_per_day ?? 2;
    const maxDay = rule.max_hours_per_day ?? 20;
    const maxWeek = rule.max_hours_per_week ?? 112;
    const hours = whole('hoursPerDay', 'curfew hours a day', minDay, maxDay);
    const days = whole('daysPerWeek', 'number of curfew days a week', 1, 7);
    if (hours !== null && days !== null && hours * days > maxWeek) {
      errors.daysPerWeek = `${hours} hours on ${plural(days, 'days')} is ${hours * days} hours a week: a curfew can be at most ${maxWeek} hours in any week`;
    }
    if (hours !== null) details.hoursPerDay = hours;
    if (days !== null) details.daysPerWeek = days;
    period('curfew period');
    details.place = words('place', 'the address where the person must stay during the curfew');
  }
  if (rule.code === 'exclusion') {
    details.place = words('place', 'the place or area the person must not enter');
    period('exclusion period');
  }
  if (rule.code === 'residence') details.address = words('address', 'the address where the person must live');
  if (rule.code === 'prohibited_activity') details.activity = words('activity', 'the activity the person must not take part in');

  // Electronic monitoring: a curfew or exclusion is monitored unless the court gives a reason not to (Sch 9 Part 14).
  if (rule.monitoring === 'required') details.electronicMonitoring = true;
  if (rule.monitoring === 'default' || rule.monitoring === 'optional') {
    const monitored = yesNo('electronicMonitoring');
    if (monitored === null) errors.electronicMonitoring = `Select whether the ${name} is electronically monitored`;
    else details.electronicMonitoring = monitored;
    const reason = text(fields.monitoringReason);
    if (monitored === false && rule.monitoring === 'default' && !reason) {
      errors.monitoringReason = `Enter why the ${name} is not electronically monitored: the court must impose monitoring unless it is inappropriate or not available`;
    } else if (reason.length > 500) errors.monitoringReason = 'The reason must be 500 characters or fewer';
    else if (monitored === false && reason) details.monitoringReason = reason;
  }

  if (Object.keys(errors).length) return { ok: false, errors };
  for (const key of Object.keys(details) as (keyof RequirementDetails)[]) if (details[key] === undefined) delete details[key];
  return { ok: true, value: { type: rule.code, units, programme, details } };
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const readable = (iso: string) => `${Number(iso.slice(8))} ${MONTHS[Number(iso.slice(5, 7)) - 1]} ${iso.slice(0, 4)}`;

/**
 * When a requirement is expected to start and end. It starts at `startOn` (the forecast start, else the
 * date of sentence) and ends when its own period does, never after the order (or supervision period):
 * unpaid work within 12 months, treatment, curfew and exclusion after their months, abstinence after
 * its days; the rest run to the order's end. `note` says when the order cuts a requirement short.
 */
export function requirementDates(rule: Pick<RequirementRule, 'code' | 'unit' | 'complete_within_months' | 'name'>, requirement: Pick<NewRequirement, 'units' | 'details'>, startOn: string, orderEndOn: string) {
  let endOn = orderEndOn;
  if (rule.complete_within_months) endOn = monthsEnd(startOn, rule.complete_within_months);
  else if (requirement.details.months) endOn = monthsEnd(startOn, requirement.details.months);
  else if (rule.unit === 'days' && rule.code === 'alcohol_abstinence' && requirement.units) endOn = addDays(startOn, requirement.units - 1);
  const cut = endOn > orderEndOn;
  let note: string | null = null;
  if (cut && rule.complete_within_months) {
    note = `The order ends on ${readable(orderEndOn)}, before the ${rule.complete_within_months} months allowed for the hours: they must be worked by then, or the requirement stays live and goes back to court.`;
  } else if (cut) note = `Cut short by the end of the order on ${readable(orderEndOn)}.`;
  if (startOn > orderEndOn) note = `The earliest start (${readable(startOn)}) is after the order ends on ${readable(orderEndOn)}: the requirement could not be done within the order.`;
  return { startOn, endOn: cut ? orderEndOn : endOn, note };
}

/** The start-date forecast's key for a requirement: its type, or `accredited_programme:<CODE>` for a programme. */
export const forecastKey = (requirement: Pick<NewRequirement, 'type' | 'programme'>) =>
  requirement.type === 'accredited_programme' ? (requirement.programme ? `accredited_programme:${requirement.programme}` : null) : requirement.type;

/** A requirement's details in a few words, for the Sentence tab and the API. */
export function describeRequirement(rule: Pick<RequirementRule, 'code' | 'unit'>, requirement: Pick<NewRequirement, 'units' | 'details'> & { programmeName?: string | null }): string {
  const d = requirement.details;
  const parts: string[] = [];
  if (requirement.programmeName) parts.push(requirement.programmeName);
  if (requirement.units && rule.unit) parts.push(plural(requirement.units, rule.unit));
  if (d.hoursPerDay) parts.push(`${d.hoursPerDay} hours a day, ${plural(d.daysPerWeek ?? 7, 'days')} a week`);
  if (d.months) parts.push(`for ${plural(d.months, 'months')}`);
  if (d.residential !== undefined) parts.push(d.residential ? 'residential' : 'non-residential');
  if (d.testsPerMonth) parts.push(`at least ${plural(d.testsPerMonth, 'tests')} a month`);
  if (d.consent) parts.push('consent given');
  if (d.place) parts.push(d.place);
  if (d.address) parts.push(d.address);
  if (d.activity) parts.push(d.activity);
  if (d.electronicMonitoring === true) parts.push('electronically monitored');
  if (d.electronicMonitoring === false) parts.push(`not electronically monitored${d.monitoringReason ? ` (${d.monitoringReason})` : ''}`);
  return parts.join('; ');
}
