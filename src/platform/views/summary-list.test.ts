import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { appSummaryList, type SummaryListParams } from './summary-list.ts';
import { normaliseMarkup, renderMacro } from '../../../test/support/markup.ts';

const normalise = normaliseMarkup;
const govukSummaryList = (params: SummaryListParams) => renderMacro('govuk/components/summary-list/macro.njk', 'govukSummaryList', params);

describe('appSummaryList', () => {

  it('writes the markup of GOV.UK\'s summary list for the same parameters', () => {
    const lists: SummaryListParams[] = [
      { rows: [{ key: { text: 'Name' }, value: { text: "O'Brien <b>" } }, { key: { html: '<abbr>CRN</abbr>' }, value: { html: '\n <p>X1</p>\n' } }, null] },
      {
        classes: 'govuk-summary-list--no-border', attributes: { id: 'who', 'data-x': 'a"b' },
        rows: [
          { key: { text: 'Practitioner', classes: 'app-k' }, value: { text: 'Ann', classes: 'app-v' }, classes: 'app-row', actions: { items: [{ href: '/a?b=1&c=2', text: 'Change', visuallyHiddenText: 'practitioner', classes: 'app-a' }] } },
          { key: { text: 'Team' }, value: { text: 0 } },
          { key: { text: 'Office' }, value: { text: 'Leeds' }, actions: { classes: 'app-acts', items: [{ href: '/x', html: '<b>Edit</b>' }, { href: '/y', text: 'Remove', attributes: { 'data-module': 'm' } }] } },
        ],
      },
    ];
    for (const params of lists) assert.equal(normalise(appSummaryList(params).toString()), normalise(govukSummaryList(params)));
  });

  it('keeps the space before an action\'s hidden text, so a screen reader says "Change practitioner"', () => {
    const html = appSummaryList({ rows: [{ key: { text: 'K' }, value: { text: 'V' }, actions: { items: [{ href: '/c', text: 'Change', visuallyHiddenText: 'practitioner' }] } }] }).toString();
    assert.match(html, />Change<span class="govuk-visually-hidden"> practitioner<\/span><\/a>/);
  });
});
