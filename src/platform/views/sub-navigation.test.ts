import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createViews } from './render.ts';
import { appSubNavigation, type SubNavigationParams } from './sub-navigation.ts';

// Markup compared without whitespace next to tags, other runs made one space.
const normalise = (html: string) => html.replace(/>\s+/g, '>').replace(/\s+</g, '<').replace(/\s+/g, ' ').replace(/ >/g, '>').trim();

describe('appSubNavigation', () => {
  const views = createViews();
  const mojSubNavigation = (params: SubNavigationParams) =>
    views.renderString('{% from "moj/components/sub-navigation/macro.njk" import mojSubNavigation %}{{ mojSubNavigation(params) }}', { params });

  it('writes the markup of MoJ\'s sub navigation for the same parameters', () => {
    const lists: SubNavigationParams[] = [
      { label: 'Case', items: [{ text: 'Overview', href: '/people/X1', active: true }, { text: 'Risk & <tier>', href: '/people/X1/risk?a=1&b=2' }] },
      { classes: 'app-tabs', attributes: { 'data-x': 'a"b' }, items: [{ html: '<b>Now</b>', href: '/n', classes: 'app-i', attributes: { id: 'n' } }] },
    ];
    for (const params of lists) assert.equal(normalise(appSubNavigation(params).toString()), normalise(mojSubNavigation(params)));
  });
});
