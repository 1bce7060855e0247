import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { appSubNavigation, type SubNavigationParams } from './sub-navigation.ts';
import { normaliseMarkup, renderMacro } from '../../../test/support/markup.ts';

const normalise = normaliseMarkup;
const mojSubNavigation = (params: SubNavigationParams) => renderMacro('moj/components/sub-navigation/macro.njk', 'mojSubNavigation', params);

describe('appSubNavigation', () => {

  it('writes the markup of MoJ\'s sub navigation for the same parameters', () => {
    const lists: SubNavigationParams[] = [
      { label: 'Case', items: [{ text: 'Overview', href: '/people/X1', active: true }, { text: 'Risk & <tier>', href: '/people/X1/risk?a=1&b=2' }] },
      { classes: 'app-tabs', attributes: { 'data-x': 'a"b' }, items: [{ html: '<b>Now</b>', href: '/n', classes: 'app-i', attributes: { id: 'n' } }] },
    ];
    for (const params of lists) assert.equal(normalise(appSubNavigation(params).toString()), normalise(mojSubNavigation(params)));
  });
});
