/**
 * The enforcement rules, pure: which failures to comply need which action (docs/enforcement.md).
 * Orders (Sentencing Act 2020, Schedule 10, para 6): a failure with no warning in the 12 months before it
 * earns a warning; a failure within 12 months of a warning makes breach action due; once breach action has
 * started, later failures are further failures until the court concludes the breach, after which the count
 * starts afresh. Licences: every failure leads to a recall review. Policy figures come in as settings.
 */

export type OrderType = 'community_order' | 'suspended_sentence_order' | 'licence';
export type EventKind = 'unacceptable_failure' | 'acceptable_absence' | 'complied';
export type ActionKind = 'warning' | 'breach' | 'further_failure' | 'recall_review';

export const ORDER_TYPES: readonly OrderType[] = ['community_order', 'suspended_sentence_order', 'licence'];
export const EVENT_KINDS: readonly EventKind[] = ['unacceptable_failure', 'acceptable_absence', 'complied'];

export interface EnforcementSettings {
  /** How long a warning counts for (12 months in law). */
  warningPeriodMonths: number;
  /** Working days from the triggering failure by which breach action must be laid (10 by default). */
  breachDeadlineWorkingDays: number;
}
export const DEFAULT_SETTINGS: EnforcementSettings = { warningPeriodMonths: 12, breachDeadlineWorkingDays: 10 };

export interface EvaluateInput {
  orderType: OrderType;
  /** The order's start (sentence date, or release date for a licence): earlier failures are not counted. */
  startDate: string;
  events: { date: string; kind: EventKind }[];
  /** Warnings given, with the failure each answers when known (so no second warning is called for it). */
  warnings?: { date: string; answers?: string | null }[];
  /** Breach action started on a failure (later failures join it) and, once the court has decided, concluded. */
  breaches?: { startedOn: string; concludedOn: string | null }[];
  settings: EnforcementSettings;
}

export interface RuleAction { date: string; action: ActionKind; reason: string }

const ISO = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar date written YYYY-MM-DD. */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !ISO.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** 10 January 2026: dates in reasons read as a person writes them. */
export function longDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return `${d} ${MONTHS[m - 1]} ${y}`;
}

/**
 * The first day after a period of `months` beginning with `from` (the corresponding date). Where the month
 * has no corresponding day (a warning on 31 January or 29 February), the period runs to the end of that
 * month, so the first day after it is the 1st of the next.
 */
export function periodEndsBefore(from: string, months: number): string {
  const [y, m, d] = from.split('-').map(Number) as [number, number, number];
  const total = (m - 1) + months;
  const year = y + Math.floor(total / 12);
  const month = total % 12;
  const daysInMonth = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const date = d <= daysInMonth ? new Date(Date.UTC(year, month, d)) : new Date(Date.UTC(year, month + 1, 1));
  return date.toISOString().slice(0, 10);
}

/** The last day a warning covers: 10 January 2026 covers up to and including 9 January 2027. */
export function warningCoversUntil(warnedOn: string, months: number): string {
  const next = new Date(`${periodEndsBefore(warnedOn, months)}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() - 1);
  return next.toISOString().slice(0, 10);
}

/** Distinct failure dates on or after the order's start, in order: several failures on one day count once. */
export function failureDates(startDate: string, events: EvaluateInput['events']): string[] {
  return [...new Set(events.filter((e) => e.kind === 'unacceptable_failure' && e.date >= startDate).map((e) => e.date))].sort();
}

/** One action per failure that needs one, in date order, each with the reason the rules give. */
export function evaluate(input: EvaluateInput): RuleAction[] {
  const failures = failureDates(input.startDate, input.events);
  if (input.orderType === 'licence') {
    return failures.map((date) => ({
      date, action: 'recall_review',
      reason: `Failure to comply on ${longDate(date)} while on licence: a recall review is needed (recall, standard or fixed-term, or manage in the community with a warning).`,
    }));
  }
  const months = input.settings.warningPeriodMonths;
  const recordedBreaches = (input.breaches ?? []).filter((b) => b.concludedOn === null || b.concludedOn >= input.startDate);
  const conclusions = recordedBreaches.flatMap((b) => (b.concludedOn ? [b.concludedOn] : [])).sort();
  const warnings = (input.warnings ?? []).map((w) => ({ date: w.date, answers: w.answers ?? null }));
  const actions: RuleAction[] = [];
  // Breach action the rules themselves called for: open from its failure until a conclusion on or after it.
  const calledBreaches: string[] = [];

  for (const date of failures) {
    // The count starts afresh after the latest breach concluded before this failure.
    const countFrom = conclusions.filter((c) => c < date).at(-1) ?? null;
    const inBreach = recordedBreaches.find((b) => b.startedOn < date && (b.concludedOn === null || date <= b.concludedOn))
      ?? calledBreaches.filter((started) => started < date && (countFrom === null || started > countFrom))
        .map((started) => ({ startedOn: started, concludedOn: conclusions.find((c) => c >= started) ?? null }))
        .find((b) => b.concludedOn === null || date <= b.concludedOn);
    if (inBreach) {
      actions.push({
        date, action: 'further_failure',
        reason: `Failure to comply on ${longDate(date)} after breach action started on ${longDate(inBreach.startedOn)}: add it to that breach as a further failure.`,
      });
      continue;
    }
    // Warned in the 12 months before the failure: given after the count restarted, before this failure, still current.
    const warning = warnings.filter((w) => w.date < date && (countFrom === null || w.date > countFrom) && date <= warningCoversUntil(w.date, months)).at(-1);
    if (warning) {
      actions.push({
        date, action: 'breach',
        reason: `Failure to comply on ${longDate(date)} within ${months} months of the warning given on ${longDate(warning.date)} (it covers up to ${longDate(warningCoversUntil(warning.date, months))}): breach action is due.`,
      });
      calledBreaches.push(date);
      continue;
    }
    actions.push({
      date, action: 'warning',
      reason: `Failure to comply on ${longDate(date)} with no warning in the ${months} months before it${countFrom ? ` (counting from the breach concluded on ${longDate(countFrom)})` : ''}: give a warning.`,
    });
    // The warning counts as given on the failure's date unless a warning answering it has its own date.
    if (!warnings.some((w) => w.answers === date)) warnings.push({ date, answers: date });
    warnings.sort((a, b) => a.date.localeCompare(b.date));
  }
  return actions;
}
