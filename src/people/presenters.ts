import { pageCount, pagination } from '../platform/views/pagination.ts';
import { escapeHtml } from '../platform/views/escape.ts';
import { levelTagHtml } from '../assessment/rosh/presenter.ts';
import { roshReviewStatus } from '../assessment/rosh/rules.ts';
import { ageOn, formatDate } from '../platform/views/render.ts';
import { DISABILITIES, ETHNICITIES, GENDER_IDENTITIES, label, RELIGIONS, SEXES, SEXUAL_ORIENTATIONS } from './reference-data.ts';
import type { CaseOverview, CaseListItem } from './repository.ts';

const row = (key: string, value: string | null | undefined) => ({ key: { text: key }, value: { text: value || 'Not recorded' } });

/** Turns the case overview's data into what the page shows: labels, dates and the restricted banner. */
export function presentOverview({ person, aliases, addresses, allocation, accessRules }: CaseOverview, today = new Date()) {
  const name = [person.first_name, person.middle_names, person.last_name].filter(Boolean).join(' ');
  return {
    crn: person.crn,
    name,
    restricted: accessRules.length > 0,
    restrictionKinds: accessRules.map((rule) => rule.kind),
    summary: [
      row('Date of birth', `${formatDate(person.date_of_birth)} (${ageOn(person.date_of_birth, today)} years old)`),
      row('Preferred name', person.preferred_name),
      row('Region', person.region_name),
    ],
    identifiers: [
      row('CRN', person.crn),
      row('PNC number', person.pnc),
      row('CRO number', person.cro),
      row('Prison number (NOMIS)', person.nomis_number),
      row('National Insurance number', person.ni_number),
    ],
    contact: [row('Phone', person.phone), row('Email', person.email)],
    characteristics: [
      row('Sex registered at birth', label(SEXES, person.sex)),
      row('Gender identity', label(GENDER_IDENTITIES, person.gender_identity)),
      row('Ethnic group', label(ETHNICITIES, person.ethnicity)),
      row('Religion or belief', label(RELIGIONS, person.religion)),
      row('Sexual orientation', label(SEXUAL_ORIENTATIONS, person.sexual_orientation)),
      row('Disability', label(DISABILITIES, person.disability)),
    ],
    aliases: aliases.map((alias) => ({ name: `${alias.first_name} ${alias.last_name}`, dateOfBirth: formatDate(alias.date_of_birth) })),
    addresses: addresses.map((address) => ({
      status: address.status === 'main' ? 'Main address' : address.status === 'secondary' ? 'Secondary address' : 'Previous address',
      lines: address.no_fixed_abode ? ['No fixed abode', address.town].filter(Boolean) : [address.line1, address.line2, address.town, address.postcode].filter(Boolean),
      from: formatDate(address.start_date),
      to: formatDate(address.end_date),
    })),
    allocation: allocation
      ? [
          row('Practitioner', allocation.practitioner_name ? `${allocation.practitioner_name}${allocation.practitioner_grade ? ` (${allocation.practitioner_grade})` : ''}` : 'Unallocated'),
          row('Team', allocation.team_name),
          row('Probation delivery unit', allocation.pdu_name),
          row('Allocated since', formatDate(allocation.started_at)),
        ]
      : [row('Practitioner', 'Unallocated')],
  };
}

/** Rows for a GOV.UK table of cases; a case the access list refuses shows only its CRN. The caseload adds a RoSH column. */
export function presentCaseRows(items: CaseListItem[], today = new Date()) {
  const rosh = (item: CaseListItem) => (item.rosh === undefined ? [] : [item.viewable ? roshCell(item.rosh, today.toISOString().slice(0, 10)) : { text: '' }]);
  return items.map((item) =>
    item.viewable
      ? [
          { html: `<a class="govuk-link" href="/people/${item.crn}">${escapeHtml(`${item.lastName}, ${item.firstName}`)}</a>` },
          { text: item.crn },
          { text: item.dateOfBirth ? `${formatDate(item.dateOfBirth)} (${ageOn(item.dateOfBirth, today)})` : '' },
          { text: item.town ?? '' },
          { text: item.practitioner ?? 'Unallocated' },
          ...rosh(item),
        ]
      : [{ html: '<strong class="govuk-tag govuk-tag--grey">Restricted</strong>' }, { text: item.crn }, { text: '' }, { text: '' }, { text: '' }, ...rosh(item)],
  );
}

function roshCell(rosh: CaseListItem['rosh'], today: string) {
  if (!rosh) return { text: 'Not assessed' };
  const overdue = roshReviewStatus(rosh.reviewDueOn, today) === 'overdue' ? ' <strong class="govuk-tag govuk-tag--red">Review overdue</strong>' : '';
  return { html: levelTagHtml(rosh.overall) + overdue };
}

/**
 * Where a page of search results sits among them: the range shown ("Showing 21 to 40 of 335 results", only
 * when there is more than one page), the pagination links, and the last page's address for a page past it.
 */
export function presentSearchPages(q: string, page: number, total: number, shown: number, pages: { size: number; last: number }) {
  const href = (n: number) => `/search?q=${encodeURIComponent(q)}${n > 1 ? `&page=${n}` : ''}`;
  const first = (page - 1) * pages.size + 1;
  const last = Math.min(pageCount(total, pages.size), pages.last);
  return {
    range: total > pages.size && shown ? { from: first, to: first + shown - 1 } : null,
    pagination: shown ? pagination(page, last, href, 'Pages of search results') : null,
    lastPageHref: href(last),
  };
}
