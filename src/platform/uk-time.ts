/**
 * UK local time (Europe/London), whatever the server's zone: a date and a time typed on a form become an
 * instant, and an instant is shown as the clock in England, in GMT or BST as it falls.
 */
const zone = 'Europe/London';
const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
});

/** 01:00 UTC on the last Sunday of a month: when British Summer Time starts (March) and ends (October). */
function lastSundayAtOne(year: number, monthIndex: number): number {
  const day = new Date(Date.UTC(year, monthIndex + 1, 0, 1)); // the month's last day, 01:00 UTC
  return day.getTime() - day.getUTCDay() * 86_400_000;
}

/**
 * The local date ('YYYY-MM-DD'), time ('HH:MM') and minutes since midnight of an instant in England.
 * Since 1996 the rule is fixed (BST from 01:00 UTC on March's last Sunday to 01:00 UTC on October's), and
 * worked out directly: Intl's formatToParts was a visible cost on pages listing many appointments.
 * Earlier instants ask Intl, which knows the history.
 */
export function londonParts(instant: Date): { date: string; time: string; minutes: number } {
  const year = instant.getUTCFullYear();
  if (year < 1996) {
    const p = Object.fromEntries(parts.formatToParts(instant).map((x) => [x.type, x.value]));
    return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}`, minutes: Number(p.hour) * 60 + Number(p.minute) };
  }
  const t = instant.getTime();
  const summer = t >= lastSundayAtOne(year, 2) && t < lastSundayAtOne(year, 9);
  const local = new Date(t + (summer ? 3_600_000 : 0));
  const iso = local.toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16), minutes: local.getUTCHours() * 60 + local.getUTCMinutes() };
}

/** The instant at which England's clocks show `date` `time` (in the autumn's repeated hour, the first). */
export function londonInstant(date: string, time: string): Date {
  const guess = new Date(`${date}T${time}:00Z`);
  // The offset is 0 or 1 hour: try each and keep the one that reads back as typed.
  for (const offsetHours of [1, 0]) {
    const candidate = new Date(guess.getTime() - offsetHours * 3_600_000);
    const back = londonParts(candidate);
    if (back.date === date && back.time === time) return candidate;
  }
  return guess; // a time skipped by the spring change: take it as GMT
}

/** The instant of local midnight starting `date`. */
export const londonMidnight = (date: string) => londonInstant(date, '00:00');

const weekdays = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** 'Tuesday 4 March 2025' */
export function longDate(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  return `${weekdays[d.getUTCDay()]} ${d.getUTCDate()} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** 'Tuesday 4 March 2025 at 10:30' in England. */
export function longDateTime(instant: Date): string {
  const { date, time } = londonParts(instant);
  return `${longDate(date)} at ${time}`;
}
