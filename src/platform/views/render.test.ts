import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createViews } from './render.ts';

describe('the views environment', () => {
  const views = createViews();

  it('trims as nunjucks does, keeping markup marked safe', () => {
    assert.equal(views.renderString('[{{ text | trim }}]', { text: ' \n\t a  b \r\n ' }), '[a  b]');
    assert.equal(views.renderString('[{{ html | safe | trim }}]', { html: '\n  <p>x</p>\n' }), '[<p>x</p>]');
    assert.equal(views.renderString('[{{ text | trim }}]', { text: ' <b> ' }), '[&lt;b&gt;]');
    assert.throws(() => views.renderString('{{ missing | trim }}', {}), 'anything else fails as nunjucks fails');
  });
});
