import nunjucks from 'nunjucks';
import { attributes, escapeHtml as escape } from './escape.ts';

/** A cell or heading of GOV.UK's table component, as its macro takes them. */
export interface TableCell {
  text?: string | number | null;
  html?: string | null;
  format?: string;
  classes?: string;
  colspan?: number;
  attributes?: Record<string, string>;
}
export interface TableParams {
  caption?: string;
  captionClasses?: string;
  firstCellIsHeader?: boolean;
  head?: TableCell[];
  rows: (TableCell[] | null | undefined)[];
  classes?: string;
  attributes?: Record<string, string>;
}

const content = (cell: TableCell) => (cell.html ? String(cell.html) : escape(cell.text));
const extra = (cell: TableCell) => `${cell.classes ? ` ${cell.classes}` : ''}"${cell.colspan ? ` colspan="${escape(cell.colspan)}"` : ''}${attributes(cell.attributes)}`;

/**
 * GOV.UK's table (govuk/components/table) with the same markup and parameters, written in code for tables
 * of many rows: as a template, each cell cost a loop iteration's variables and an attribute loop, most of
 * My cases' rendering time (docs/performance.md). Templates call it as `{{ appTable({...}) }}`; text is
 * escaped as the template would, html is trusted as the macro's `html` is.
 */
export function appTable(params: TableParams): nunjucks.runtime.SafeString {
  const out: string[] = [`<table class="govuk-table${params.classes ? ` ${escape(params.classes)}` : ''}"${attributes(params.attributes)}>`];
  if (params.caption) out.push(`<caption class="govuk-table__caption${params.captionClasses ? ` ${escape(params.captionClasses)}` : ''}">${escape(params.caption)}</caption>`);
  if (params.head) {
    out.push('<thead class="govuk-table__head"><tr class="govuk-table__row">');
    for (const item of params.head) {
      out.push(`<th scope="col" class="govuk-table__header${item.format ? ` govuk-table__header--${escape(item.format)}` : ''}${extra(item)}>${content(item)}</th>`);
    }
    out.push('</tr></thead>');
  }
  out.push('<tbody class="govuk-table__body">');
  for (const row of params.rows) {
    if (!row) continue;
    out.push('<tr class="govuk-table__row">');
    row.forEach((cell, i) => {
      out.push(i === 0 && params.firstCellIsHeader
        ? `<th scope="row" class="govuk-table__header${extra(cell)}>${content(cell)}</th>`
        : `<td class="govuk-table__cell${cell.format ? ` govuk-table__cell--${escape(cell.format)}` : ''}${extra(cell)}>${content(cell)}</td>`);
    });
    out.push('</tr>');
  }
  out.push('</tbody></table>');
  return new nunjucks.runtime.SafeString(out.join(''));
}
