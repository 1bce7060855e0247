/**
 * When breach action must be laid, pure: a number of working days (10 by default, a setting) after the
 * failure that made it due, weekends skipped (national standards of the 2000s), and the countdown to it.
 */

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const iso = (d: Date) => d.toISOString().slice(0, 10);
const isWeekend = (d: Date) => d.getUTCDay() === 0 || d.getUTCDay() === 6;

/** The date `workingDays` working days after `from` (Saturday and Sunday are not working days). */
export function addWorkingDays(from: string, workingDays: number): string {
  const d = day(from);
  let left = workingDays;
  while (left > 0) {
    d.setUTCDate(d.getUTCDate() + 1);
    if (!isWeekend(d)) left -= 1;
  }
  return iso(d);
}

/** The date breach action must be laid by, for a failure on `failureOn`. */
export const breachDeadline = (failureOn: string, workingDays: number) => addWorkingDays(failureOn, workingDays);

/** Working days from `today` to `until`: 0 on the day itself, negative once past (working days over). */
export function workingDaysBetween(today: string, until: string): number {
  if (today === until) return 0;
  const forward = today < until;
  const d = day(today);
  const end = day(until);
  let count = 0;
  while (forward ? d < end : d > end) {
    d.setUTCDate(d.getUTCDate() + (forward ? 1 : -1));
    if (!isWeekend(d)) count += 1;
  }
  return forward ? count : -count;
}

export interface Countdown {
  deadlineOn: string;
  workingDaysLeft: number;
  state: 'due' | 'near' | 'today' | 'overdue';
  /** "4 working days", "due today", "2 working days overdue". */
  text: string;
}

/** The countdown to a deadline as shown on the pages: near when `nearDays` working days or fewer are left. */
export function countdown(today: string, deadlineOn: string, nearDays = 3): Countdown {
  const left = workingDaysBetween(today, deadlineOn);
  const plural = (n: number) => `${n} working day${n === 1 ? '' : 's'}`;
  if (today > deadlineOn) return { deadlineOn, workingDaysLeft: left, state: 'overdue', text: `${left === 0 ? 'past the deadline' : `${plural(-left)} overdue`}` };
  if (left === 0) return { deadlineOn, workingDaysLeft: 0, state: 'today', text: 'due today' };
  return { deadlineOn, workingDaysLeft: left, state: left <= nearDays ? 'near' : 'due', text: plural(left) };
}
