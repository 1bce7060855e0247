import { Transform, type Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse } from 'csv-parse';
import { stringify } from 'csv-stringify';
import { scoreOgrs3 } from './predictors/ogrs3.ts';

export const OGRS3_OUTPUT_COLUMNS = ['ogrs3_one_year', 'ogrs3_two_year', 'ogrs3_one_year_percent', 'ogrs3_two_year_percent', 'ogrs3_band', 'ogrs3_error'];

export interface Progress { rows: number; bytes: number; done: boolean }

/**
 * Scores a CSV of cases (a header row naming the OGRS3 inputs, as in the API: sex, dateOfBirth, ...)
 * and writes the same rows with the scores appended. A row that cannot be scored keeps its place,
 * with the reasons in ogrs3_error, so a large file is never abandoned for one bad line.
 */
export async function scoreOgrs3Csv(input: Readable, output: Writable, onProgress?: (progress: Progress) => void): Promise<{ rows: number; errors: number }> {
  let rows = 0;
  let errors = 0;
  let bytes = 0;
  input.on('data', (chunk: Buffer) => { bytes += chunk.length; });
  const score = new Transform({
    objectMode: true,
    transform(record: Record<string, string>, _encoding, done) {
      rows++;
      const result = scoreOgrs3(record);
      if (rows % 50_000 === 0) onProgress?.({ rows, bytes, done: false });
      if (result.ok) {
        const r = result.value;
        done(null, { ...record, ogrs3_one_year: r.oneYear.toFixed(8), ogrs3_two_year: r.twoYear.toFixed(8), ogrs3_one_year_percent: r.oneYearPercent, ogrs3_two_year_percent: r.twoYearPercent, ogrs3_band: r.band, ogrs3_error: '' });
      } else {
        errors++;
        done(null, { ...record, ogrs3_one_year: '', ogrs3_two_year: '', ogrs3_one_year_percent: '', ogrs3_two_year_percent: '', ogrs3_band: '', ogrs3_error: Object.entries(result.errors).map(([field, message]) => `${field}: ${message}`).join('; ') });
      }
    },
  });
  await pipeline(input, parse({ columns: true, skip_empty_lines: true, trim: true, bom: true }), score, stringify({ header: true }), output);
  onProgress?.({ rows, bytes, done: true });
  return { rows, errors };
}

/** A one-line progress bar for a terminal (rows, rate, and time left when the input's size is known). */
export function progressBar(totalBytes: number | null, started = Date.now()) {
  return ({ rows, bytes, done }: Progress): string => {
    const seconds = Math.max((Date.now() - started) / 1000, 0.001);
    const rate = Math.round(rows / seconds);
    if (!totalBytes) return `${rows.toLocaleString('en-GB')} rows, ${rate.toLocaleString('en-GB')} rows/s${done ? ', done' : ''}`;
    const fraction = Math.min(bytes / totalBytes, 1);
    const width = 30;
    const filled = Math.round(fraction * width);
    const left = fraction > 0 ? (seconds / fraction) - seconds : 0;
    return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${Math.round(fraction * 100)}% ${rows.toLocaleString('en-GB')} rows, ${rate.toLocaleString('en-GB')} rows/s, ${done ? 'done' : `about ${Math.ceil(left)} s left`}`;
  };
}
