/**
 * The start-date forecast as a pure function: from a PDU's capacity for one requirement (or programme),
 * the people waiting ahead and today, the earliest date a requirement could start, with every step.
 * People ahead take places first, in queue order: they fill the next weekly slots, the next groups in
 * start order, or the treatment places as they free. No I/O; dates are 'YYYY-MM-DD'.
 */
import { addDays } from '../../platform/http/dates.ts';
import { formatDate } from '../../platform/views/render.ts';
import type { DeliveryModel } from './tables.ts';

export interface StartLimit { days: number; workingDays: boolean; reason: string }
export interface CapacityFacts {
  places: number | null;
  /** ISO weekday, 1 = Monday (weekly slots). */
  weekday: number | null;
  /** Typical length of a treatment (provider places). */
  lengthWeeks: number | null;
  /** The soonest a start can be arranged after the order (immediate: starts within this many days). */
  leadDays: number;
  provider: string | null;
}
export interface ForecastInput {
  /** 'unpaid_work', or 'accredited_programme:TSP' for a programme. */
  key: string;
  /** What the sentencer reads: 'Unpaid work', 'Thinking Skills Programme'. */
  name: string;
  pduName: string;
  today: string;
  model: DeliveryModel;
  limit: StartLimit | null;
  /** Null when the PDU records no capacity: not delivered there. */
  capacity: CapacityFacts | null;
  /** Groups recorded for a programme (any dates; those started take no more). */
  groups?: readonly { startsOn: string; places: number }[];
  /** Provider places: the start dates of the treatments under way. */
  inTreatment?: readonly string[];
  /** People waiting now. */
  waiting: number;
  /** How many of them are ahead of the person forecast; a new order (the default) is behind them all. */
  ahead?: number;
}
export type ForecastStatus = 'scheduled' | 'not_delivered' | 'no_capacity' | 'no_group_scheduled';
export interface ForecastResult {
  status: ForecastStatus;
  /** A start date can be forecast: false when not delivered at the PDU, capacity is zero, or no group with a place is scheduled. */
  available: boolean;
  /** The earliest date a new order's requirement could start; null when not available. */
  earliestStartOn: string | null;
  /** The person's place if they joined now (1 = first), and how many wait already. */
  position: number;
  waiting: number;
  /** One sentence a sentencer can read, e.g. "13th in the queue (12 people waiting) for the Thinking Skills Programme group starting 12 January 2027; place 3 of its 4". */
  explanation: string;
  /** The steps behind the date (capacity, queue, rule), for "How this was forecast". */
  reasons: string[];
  /** The start would be later than the legal or policy limit: shown in red. */
  beyondLimit: boolean;
  /** Set only when beyondLimit: the limit, its date and how far past it the start is. */
  limitExplanation: string | null;
  /** The latest start within the limit (null when no limit applies). */
  limitOn: string | null;
  /** Groups: the group the person would join and their place in it. */
  group: { startsOn: string; places: number; place: number } | null;
}

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const isoWeekday = (date: string) => ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th';
  return `${n}${suffix}`;
}

/** Monday to Friday after `date` (bank holidays are not known here, so they count as working days). */
export function addWorkingDays(date: string, days: number): string {
  let day = date;
  for (let left = days; left > 0;) {
    day = addDays(day, 1);
    if (isoWeekday(day) <= 5) left--;
  }
  return day;
}

/** The first `weekday` on or after `date`. */
export function nextWeekday(date: string, weekday: number): string {
  return addDays(date, (weekday - isoWeekday(date) + 7) % 7);
}

/** "1st to 8th", "9th", "the 1st" for a run of queue positions. */
const positions = (from: number, to: number) => (from === to ? `the ${ordinal(from)}` : `the ${ordinal(from)} to ${ordinal(to)}`);

export function forecast(input: ForecastInput): ForecastResult {
  const waiting = Math.max(0, input.waiting);
  const ahead = Math.min(Math.max(0, input.ahead ?? waiting), waiting);
  const newOrder = ahead === waiting;
  const position = ahead + 1;
  const queued = newOrder
    ? `${ordinal(position)} in the queue (${waiting === 0 ? 'no one' : plural(waiting, 'person', 'people')} waiting)`
    : `${ordinal(position)} of ${waiting} waiting`;
  const base = { position, waiting, group: null as ForecastResult['group'] };
  const noDate = (status: ForecastStatus, explanation: string, reasons: string[]): ForecastResult => ({
    ...base, status, available: false, earliestStartOn: null, explanation,
    reasons: input.limit ? [...reasons, `${input.limit.reason}; no start date can be forecast, so the court should be told it is not available.`] : reasons,
    beyondLimit: false, limitExplanation: null, limitOn: input.limit ? limitDate(input.today, input.limit) : null,
  });

  const capacity = input.capacity;
  if (!capacity) return noDate('not_delivered', `Not delivered in ${input.pduName}`, [`${input.pduName} records no capacity for ${input.name}.`]);
  const earliest = addDays(input.today, capacity.leadDays);
  const by = capacity.provider ? ` with ${capacity.provider}` : '';
  const reasons: string[] = [];
  let start: string;
  let explanation: string;
  let group: ForecastResult['group'] = null;

  switch (input.model) {
    case 'immediate': {
      start = earliest;
      reasons.push(`${input.pduName} delivers ${input.name}${by} without a queue: it starts ${capacity.leadDays === 0 ? 'on the day of the order' : `within ${plural(capacity.leadDays, 'day')} of the order`}.`);
      explanation = `Starts ${capacity.leadDays === 0 ? 'on the day of the order' : `within ${plural(capacity.leadDays, 'day')} of the order`} (${formatDate(start)}); no queue`;
      return finish({ ...base, position: 1 }, input, start, explanation, reasons);
    }
    case 'weekly_slots': {
      const places = capacity.places ?? 0;
      if (places <= 0 || !capacity.weekday) return noDate('no_capacity', `No places in ${input.pduName}: capacity is zero`, [`${input.pduName} has 0 places a week for ${input.name}.`]);
      const day = WEEKDAYS[capacity.weekday - 1]!;
      // A session on the day of the order is too soon to book: the first is after today and after the lead time.
      const first = nextWeekday(addDays(input.today, Math.max(1, capacity.leadDays)), capacity.weekday);
      const week = Math.floor(ahead / places);
      start = addDays(first, 7 * week);
      reasons.push(`${input.pduName} has ${plural(places, 'place')} each ${day}${by}${capacity.leadDays > 1 ? `, booked at least ${plural(capacity.leadDays, 'day')} ahead` : ''}; the first ${day} that can be booked is ${formatDate(first)}.`);
      if (ahead > 0) {
        const weeks: string[] = [];
        for (let w = 0; w * places < ahead; w++) {
          const taken = Math.min(places, ahead - w * places);
          weeks.push(`${taken} on ${formatDate(addDays(first, 7 * w))}`);
        }
        const shown = weeks.length > 4 ? [...weeks.slice(0, 2), `... ${weeks.at(-1)!}`] : weeks;
        reasons.push(`The ${plural(ahead, 'person', 'people')} ahead take the first ${plural(ahead, 'place')}: ${shown.join(', ')}.`);
      } else {
        reasons.push('No one is ahead in the queue.');
      }
      const place = (ahead % places) + 1;
      reasons.push(`${newOrder ? 'A new order' : `The ${ordinal(position)} waiting`} takes place ${place} of ${places} on ${formatDate(start)}.`);
      explanation = `${queued} for ${input.name} on ${day} ${formatDate(start)}; place ${place} of ${places} that week`;
      break;
    }
    case 'groups': {
      const all = [...(input.groups ?? [])].sort((a, b) => a.startsOn.localeCompare(b.startsOn));
      const gone = all.filter((g) => g.startsOn < addDays(input.today, Math.max(1, capacity.leadDays)));
      const open = all.filter((g) => !gone.includes(g));
      if (gone.length) reasons.push(`${plural(gone.length, 'group')} ${gone.length === 1 ? 'has' : 'have'} started or ${gone.length === 1 ? 'starts' : 'start'} too soon to join (the last on ${formatDate(gone.at(-1)!.startsOn)}): ${gone.length === 1 ? 'it takes' : 'they take'} no more.`);
      let before = 0;
      for (const g of open) {
        if (ahead < before + g.places) {
          const place = ahead - before + 1;
          group = { startsOn: g.startsOn, places: g.places, place };
          reasons.push(`The group starting ${formatDate(g.startsOn)} has ${plural(g.places, 'place')}: ${before === ahead ? `${newOrder ? 'a new order' : `the ${ordinal(position)} waiting`} takes the first` : `${positions(before + 1, ahead)} waiting take places 1 to ${ahead - before}, ${newOrder ? 'a new order' : `the ${ordinal(position)}`} takes place ${place}`}.`);
          break;
        }
        reasons.push(`The group starting ${formatDate(g.startsOn)} has ${plural(g.places, 'place')}: filled by ${positions(before + 1, before + g.places)} waiting.`);
        before += g.places;
      }
      if (!group) {
        const text = open.length
          ? `No ${input.name} group with a free place is scheduled in ${input.pduName}: the ${plural(waiting, 'person', 'people')} waiting fill every group recorded`
          : `No ${input.name} group is scheduled in ${input.pduName}`;
        return noDate('no_group_scheduled', text, [...reasons, `${text}.`]);
      }
      start = group.startsOn;
      explanation = `${queued} for the ${input.name} group starting ${formatDate(start)}; place ${group.place} of its ${group.places}`;
      break;
    }
    case 'provider_places': {
      const places = capacity.places ?? 0;
      const weeks = capacity.lengthWeeks ?? 1;
      if (places <= 0) return noDate('no_capacity', `No places in ${input.pduName}: capacity is zero`, [`${input.pduName} has 0 places for ${input.name}.`]);
      const ends = (input.inTreatment ?? []).map((s) => addDays(s, 7 * weeks)).filter((end) => end > input.today).sort();
      // Place j is free from `earliest` while fewer are in treatment than places; else when enough treatments end.
      const freeFrom = Array.from({ length: places }, (_, j) => (j < places - ends.length ? earliest : ends[ends.length - places + j]!));
      reasons.push(`${input.pduName} has ${plural(places, 'place')} at once for ${input.name}${by}; a treatment typically lasts ${plural(weeks, 'week')}${capacity.leadDays ? ` and starts at least ${plural(capacity.leadDays, 'day')} after referral` : ''}.`);
      const ending = ends.slice(0, 4).map(formatDate).join(', ') + (ends.length > 4 ? ` and ${ends.length - 4} later` : '');
      reasons.push(ends.length ? `${plural(ends.length, 'person', 'people')} in treatment now, finishing ${ending}; ${plural(Math.max(0, places - ends.length), 'place')} free now.` : 'No one is in treatment now: every place is free.');
      const takes: string[] = [];
      for (let i = 0; i < ahead; i++) {
        const j = indexOfMin(freeFrom);
        const begins = maxDate(freeFrom[j]!, earliest);
        if (takes.length < 4) takes.push(formatDate(begins));
        freeFrom[j] = addDays(begins, 7 * weeks);
      }
      if (ahead) reasons.push(`The ${plural(ahead, 'person', 'people')} ahead start as places free: from ${takes.join(', ')}${ahead > 4 ? ' and later' : ''}.`);
      const j = indexOfMin(freeFrom);
      start = maxDate(freeFrom[j]!, earliest);
      const freesLater = freeFrom[j]! > earliest;
      reasons.push(`${newOrder ? 'A new order' : `The ${ordinal(position)} waiting`} takes ${freesLater ? `the place that frees on ${formatDate(start)}` : `a free place from ${formatDate(start)}`}.`);
      explanation = `${queued} for ${plural(places, 'place')}${by}; ${freesLater ? `a place frees for them on ${formatDate(start)} when a treatment ends` : `a place is free from ${formatDate(start)}`}`;
      break;
    }
  }
  return finish({ ...base, group }, input, start, explanation, reasons);
}

function finish(base: Pick<ForecastResult, 'position' | 'waiting' | 'group'>, input: ForecastInput, start: string, explanation: string, reasons: string[]): ForecastResult {
  const limit = input.limit;
  const limitOn = limit ? limitDate(input.today, limit) : null;
  const beyondLimit = !!limitOn && start > limitOn;
  if (limit && limitOn) {
    reasons.push(beyondLimit
      ? `Beyond the limit: ${lower(limit.reason)} (by ${formatDate(limitOn)}).`
      : `Within the limit: ${lower(limit.reason)} (by ${formatDate(limitOn)}).`);
  } else {
    reasons.push(`No start limit is set for ${input.name}.`);
  }
  return {
    ...base, status: 'scheduled', available: true, earliestStartOn: start, explanation, reasons, beyondLimit, limitOn,
    limitExplanation: beyondLimit && limit && limitOn
      ? `${limit.reason} (by ${formatDate(limitOn)}); the forecast start, ${formatDate(start)}, is ${plural(daysBetween(limitOn, start), 'day')} later.`
      : null,
  };
}

function limitDate(today: string, limit: StartLimit) {
  return limit.workingDays ? addWorkingDays(today, limit.days) : addDays(today, limit.days);
}
const lower = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);
const maxDate = (a: string, b: string) => (a > b ? a : b);
function indexOfMin(dates: readonly string[]) {
  let best = 0;
  for (let i = 1; i < dates.length; i++) if (dates[i]! < dates[best]!) best = i;
  return best;
}

/** Any accredited programme: the soonest of the programmes' forecasts (before one is chosen). */
export function soonestOf<T extends ForecastResult & { name: string }>(forecasts: readonly T[], pduName: string): ForecastResult & { name: string } {
  const dated = forecasts.filter((f) => f.earliestStartOn).sort((a, b) => a.earliestStartOn!.localeCompare(b.earliestStartOn!));
  const best = dated[0];
  if (!best) {
    return {
      name: 'Accredited programme', status: 'no_group_scheduled', available: false, earliestStartOn: null, position: 1, waiting: 0,
      explanation: `No accredited programme has a group with a free place in ${pduName}`,
      reasons: forecasts.map((f) => `${f.name}: ${f.explanation}.`), beyondLimit: false, limitExplanation: null, limitOn: null, group: null,
    };
  }
  return { ...best, explanation: `Soonest programme, ${best.name}: ${best.explanation}`, reasons: [`The soonest of ${plural(forecasts.length, 'programme')}: ${best.name}.`, ...best.reasons] };
}
