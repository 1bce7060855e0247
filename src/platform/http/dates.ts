/** Reads 'YYYY-MM-DD' or 'D/M/YYYY' as a real calendar date, returning 'YYYY-MM-DD' or null. */
export function parseIsoDate(input: string): string | null {
  const value = input.trim();
  let y: number, m: number, d: number;
  let match = value.match(/^(\d{4})-(\d{1,2})-(\d{1,2})$/);
  if (match) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else {
    match = value.match(/^(\d{1,2})[/ .-](\d{1,2})[/ .-](\d{4})$/);
    if (!match) return null;
    [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  }
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}
