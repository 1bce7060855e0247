import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
import { appSubNavigation } from './sub-navigation.ts';
import { appSummaryList } from './summary-list.ts';
import { appTable } from './table.ts';

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
 * The MoJ crest for the header, as a file the browser caches (templates/header.njk). The packaged SVG draws
 * its paths with no fill of their own under fill="none"; the header is black, so the crest is filled white.
 */
export const headerCrestSvg = readFileSync(path.join(mojDir, 'moj/assets/images/moj-logotype-crest-2024.svg'), 'utf8')
  .replace('fill="none"', 'fill="#ffffff"');

/**
 * Nunjucks' Frame.set splits every variable name on '.' (to allow `set a.b = ...`), and a {% for %} sets
 * eight names on every iteration (the item and loop.index, loop.first...): on a list of 50 cases that was
 * the largest single cost of rendering in the profile (docs/performance.md). The same assignments without
 * the split and its garbage; any other name takes the library's own path.
 */
type FrameLike = { variables: Record<string, unknown> };
const runtime = nunjucks.runtime as unknown as { Frame: { prototype: { set(this: FrameLike, name: string, value: unknown, resolveUp?: boolean): void } } };
const librarySet = runtime.Frame.prototype.set;
runtime.Frame.prototype.set = function set(this: FrameLike, name: string, value: unknown, resolveUp?: boolean) {
  if (!resolveUp) {
    if (name.startsWith('loop.')) {
      if (!this.variables.loop) this.variables.loop = {};
      (this.variables.loop as Record<string, unknown>)[name.slice(5)] = value;
      return;
    }
    if (!name.includes('.')) {
      this.variables[name] = value;
      return;
    }
  }
  librarySet.call(this, name, value, resolveUp);
};

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
  env.addGlobal('remembered', rememberedMacros(env));
  env.addGlobal('appTable', appTable);
  env.addGlobal('appSummaryList', appSummaryList);
  env.addGlobal('appSubNavigation', appSubNavigation);
  env.addFilter('trim', trimWith(env.getFilter('trim') as (value: unknown) => unknown));
  return env;
}

/**
 * Nunjucks' trim filter strips with the regular expression /^\s*|\s*$/g, which scans again from every run of
 * whitespace: slow on the blocks of HTML the design system's macros trim (a few per cent of a case page's
 * CPU). String.prototype.trim removes the same characters (\s is JavaScript's whitespace and line terminators).
 */
const trimWith = (nunjucksTrim: (value: unknown) => unknown) => (value: unknown): unknown => {
  if (typeof value === 'string') return value.trim();
  if (value instanceof nunjucks.runtime.SafeString) return new nunjucks.runtime.SafeString(value.toString().trim());
  return nunjucksTrim(value); // anything else as nunjucks treats it
};

/** Design-system macros the page shell calls on every page with the same few arguments. */
const SHELL_MACROS: Record<string, string> = {
  govukSkipLink: 'govuk/components/skip-link/macro.njk',
  govukServiceNavigation: 'govuk/components/service-navigation/macro.njk',
  govukFooter: 'govuk/components/footer/macro.njk',
};
const REMEMBERED_LIMIT = 1000;

/**
 * `{{ remembered('govukFooter', {...}) }}`: a shell macro's HTML, rendered once per distinct argument and
 * then reused. The profile of a case page showed the shell's macros costing as much as the page's own
 * content, though they render the same few variants (the navigation differs by role and current page).
 * Bounded: when full the memory starts again.
 */
function rememberedMacros(env: nunjucks.Environment) {
  const rendered = new Map<string, string>();
  return (name: string, params: unknown) => {
    const path = SHELL_MACROS[name];
    if (!path) throw new Error(`${name} is not a shell macro`);
    const key = `${name}:${JSON.stringify(params)}`;
    let html = rendered.get(key);
    if (html === undefined) {
      html = env.renderString(`{% from "${path}" import ${name} %}{{ ${name}(params) }}`, { params });
      if (rendered.size >= REMEMBERED_LIMIT) rendered.clear();
      rendered.set(key, html);
    }
    return new nunjucks.runtime.SafeString(html);
  };
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
