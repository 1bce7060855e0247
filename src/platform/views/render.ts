import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
export const srcDir = path.resolve(here, '../..');
export const govukDir = path.dirname(require.resolve('govuk-frontend/package.json'));
export const mojDir = path.dirname(require.resolve('@ministryofjustice/frontend/package.json'));

/** Folders served under /assets: GOV.UK and MoJ hard-code that prefix in their CSS. */
export const assetRoots = [
  path.join(here, 'public'),
  path.join(govukDir, 'dist/govuk'),
  path.join(govukDir, 'dist/govuk/assets'),
  path.join(mojDir, 'moj'),
  path.join(mojDir, 'moj/assets'),
];

/**
 * Templates are named from src/, so each capability keeps its views beside its code
 * ('people/views/overview.njk'); the design systems' macros resolve as 'govuk/...' and 'moj/...'.
 */
export function createViews(options: { watch?: boolean } = {}): nunjucks.Environment {
  const loader = new nunjucks.FileSystemLoader(
    [srcDir, path.join(here, 'templates'), path.join(govukDir, 'dist'), mojDir],
    { noCache: options.watch ?? false },
  );
  const env = new nunjucks.Environment(loader, { autoescape: true, throwOnUndefined: false });
  env.addFilter('date', formatDate);
  env.addFilter('dateTime', formatDateTime);
  env.addFilter('age', ageOn);
  return env;
}

const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** '1990-03-07' or a Date -> '7 March 1990', the GOV.UK style. */
export function formatDate(value: string | Date | null | undefined): string {
  if (!value) return '';
  const iso = typeof value === 'string' ? value : value.toISOString();
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  if (!y || !m || !d) return String(value);
  return `${d} ${months[m - 1]} ${y}`;
}

export function formatDateTime(value: Date | string | null | undefined): string {
  if (!value) return '';
  const date = new Date(value);
  const time = date.toISOString().slice(11, 16);
  return `${formatDate(date)} at ${time} UTC`;
}

export function ageOn(dateOfBirth: string, today: Date = new Date()): number {
  const [y, m, d] = dateOfBirth.split('-').map(Number) as [number, number, number];
  let age = today.getUTCFullYear() - y;
  const beforeBirthday = today.getUTCMonth() + 1 < m || (today.getUTCMonth() + 1 === m && today.getUTCDate() < d);
  if (beforeBirthday) age--;
  return age;
}
