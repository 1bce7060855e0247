/** Turns caseload data into what the pages show, so the templates stay dumb. */
import { levelTagHtml } from '../../assessment/rosh/presenter.ts';
import { roshReviewStatus } from '../../assessment/rosh/rules.ts';
import { escapeHtml } from '../../platform/views/escape.ts';
import { formatDate } from '../../platform/views/render.ts';
import { londonParts } from '../../platform/uk-time.ts';
import { ENFORCEMENT_LABELS, type CaseEnforcement } from './enforcement-status.ts';
import type { ListQuery, SortColumn } from './list.ts';
import type { MyCase } from './my-cases.ts';
import type { ContactLevel } from './service.ts';
import type { TimelineEntry } from './timeline/types.ts';

const COLUMNS: { key: SortColumn; text: string }[] = [
  { key: 'name', text: 'Name' }, { key: 'crn', text: 'CRN' }, { key: 'tier', text: 'Tier' }, { key: 'rosh', text: 'RoSH' },
  { key: 'appointment', text: 'Next appointment' }, { key: 'contact', text: 'Contact' }, { key: 'actions', text: 'Overdue plan actions' },
  { key: 'enforcement', text: 'Compliance' },
];

/** The query string for a view of the list: the filters kept, the sort as given. */
export function listHref(q: ListQuery, sort: SortColumn, order: 'asc' | 'desc'): string {
  const params = new URLSearchParams({ sort, order });
  if (q.tier) params.set('tier', q.tier);
  if (q.rosh) params.set('rosh', q.rosh);
  if (q.enforcement) params.set('enforcement', q.enforcement);
  if (q.contactOverdue) params.set('contact', 'overdue');
  return `/cases?${params.toString()}`;
}

/** Table headings as links that sort (again: the other way), with aria-sort on the sorted one. */
export function sortableHead(q: ListQuery) {
  return COLUMNS.map((c) => {
    const sorted = q.sort === c.key;
    const next = sorted && q.order === 'asc' ? 'desc' : 'asc';
    return {
      html: `<a class="govuk-link app-sort-link" href="${escapeHtml(listHref(q, c.key, next))}">${c.text}${sorted ? ` <span aria-hidden="true">${q.order === 'asc' ? '▲' : '▼'}</span>` : ''}</a>`,
      attributes: { 'aria-sort': sorted ? (q.order === 'asc' ? 'ascending' : 'descending') : 'none' },
    };
  });
}

export const localDateTime = (at: Date) => {
  const { date, time } = londonParts(at);
  return `${formatDate(date)} at ${time}`;
};

export function contactTag(level: ContactLevel | null) {
  if (!level || level.status === 'no_level') return { text: 'No level set', classes: 'govuk-tag--grey' };
  return level.status === 'overdue'
    ? { text: `Overdue ${level.daysOverdue} day${level.daysOverdue === 1 ? '' : 's'}`, classes: 'govuk-tag--red' }
    : { text: 'On track', classes: 'govuk-tag--green' };
}

export function enforcementTag(e: CaseEnforcement | null) {
  if (!e) return { text: 'Not known', classes: 'govuk-tag--grey' };
  const classes = { compliant: 'govuk-tag--green', warning: 'govuk-tag--yellow', breach_due: 'govuk-tag--orange', in_breach: 'govuk-tag--red', recall_review: 'govuk-tag--red' }[e.state];
  return { text: ENFORCEMENT_LABELS[e.state], classes };
}

const tagHtml = (tag: { text: string; classes: string }) => `<strong class="govuk-tag ${tag.classes}">${escapeHtml(tag.text)}</strong>`;

export function caseRows(cases: readonly MyCase[], today: string) {
  return cases.map((c) => {
    if (!c.viewable) return [{ html: tagHtml({ text: 'Restricted', classes: 'govuk-tag--grey' }) }, { text: c.crn }, ...Array.from({ length: 6 }, () => ({ text: '' }))];
    const rosh = c.rosh ? levelTagHtml(c.rosh.level) + (roshReviewStatus(c.rosh.reviewDueOn, today) === 'overdue' ? ` ${tagHtml({ text: 'Review overdue', classes: 'govuk-tag--red' })}` : '') : 'Not assessed';
    const contact = c.contact && c.contact.status !== 'no_level'
      ? `<a class="govuk-link" href="/people/${c.crn}/contact-level">${tagHtml(contactTag(c.contact))}<span class="govuk-visually-hidden"> for ${escapeHtml(c.name!)}</span></a><br><span class="govuk-body-s">Due by ${escapeHtml(formatDate(c.contact.nextDueOn))}</span>`
      : tagHtml(contactTag(c.contact));
    const enforcement = tagHtml(enforcementTag(c.enforcement)) + (c.enforcement?.deadlineOn ? `<br><span class="govuk-body-s">Lay by ${escapeHtml(formatDate(c.enforcement.deadlineOn))}</span>` : '');
    return [
      { html: `<a class="govuk-link" href="/people/${c.crn}">${escapeHtml(c.name!)}</a>` },
      { text: c.crn },
      { text: c.tier ?? 'None' },
      { html: rosh },
      { html: c.nextAppointment ? `${escapeHtml(localDateTime(c.nextAppointment.at))}<br><span class="govuk-body-s">${escapeHtml(c.nextAppointment.type)}</span>` : 'None booked' },
      { html: contact },
      { html: c.overdueActions ? `<a class="govuk-link" href="/people/${c.crn}/plan">${c.overdueActions}<span class="govuk-visually-hidden"> overdue plan actions</span></a>` : '0', format: 'numeric' },
      { html: enforcement },
    ];
  });
}

export function presentEntry(entry: TimelineEntry) {
  return {
    ...entry,
    when: entry.dateOnly ? formatDate(londonParts(entry.at).date) : localDateTime(entry.at),
    iso: entry.at.toISOString(),
  };
}
