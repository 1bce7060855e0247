import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createViews } from './render.ts';
import { appTable, type TableParams } from './table.ts';
import { normaliseMarkup, renderMacro } from '../../../test/support/markup.ts';

const normalise = normaliseMarkup;
const govukTable = (params: TableParams) => renderMacro('govuk/components/table/macro.njk', 'govukTable', params);

describe('appTable', () => {
  const views = createViews();

  it('writes the markup of GOV.UK\'s table for the same parameters, escaping text as the template does', () => {
    const params: TableParams = {
      caption: 'Cases & <people>', captionClasses: 'govuk-visually-hidden', classes: 'app-wide', attributes: { id: 'my-cases', 'data-x': 'a"b' },
      firstCellIsHeader: true,
      head: [{ text: 'Name' }, { html: '<span>CRN</span>', format: 'numeric', classes: 'app-c', attributes: { 'aria-sort': 'ascending' } }, { text: 'Tier', colspan: 2 }],
      rows: [
        [{ text: "O'Brien <b>" }, { text: 0, format: 'numeric' }, { html: '<strong class="govuk-tag">A1</strong>' }, { text: null }],
        [{ html: '<a href="/people/X1">Ann</a>' }, { text: 'X1\\2', classes: 'app-d', colspan: 3, attributes: { title: '<t>' } }],
      ],
    };
    assert.equal(normalise(appTable(params).toString()), normalise(govukTable(params)));
    const plain: TableParams = { rows: [[{ text: 'a' }, { text: 'b' }]] };
    assert.equal(normalise(appTable(plain).toString()), normalise(govukTable(plain)));
  });

  it('renders in a template without escaping its own markup', () => {
    const html = views.renderString('{{ appTable({ rows: [[{ text: "<x>" }]] }) }}', {});
    assert.match(html, /^<table class="govuk-table"><tbody class="govuk-table__body"><tr class="govuk-table__row"><td class="govuk-table__cell">&lt;x&gt;<\/td><\/tr><\/tbody><\/table>$/);
  });
});
