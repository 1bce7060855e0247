import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { presentSearchPages } from './presenters.ts';

describe('presentSearchPages', () => {
  const pages = { size: 20, last: 500 };

  it('shows the range and pages only when the results fill more than one page', () => {
    assert.deepEqual(presentSearchPages('smith', 1, 20, 20, pages), { range: null, pagination: null, lastPageHref: '/search?q=smith' });
    const second = presentSearchPages("o'brien 1/2/1980", 2, 45, 20, pages);
    assert.deepEqual(second.range, { from: 21, to: 40 });
    assert.deepEqual(second.pagination?.previous, { href: "/search?q=o'brien%201%2F2%2F1980" });
    assert.deepEqual(second.pagination?.next, { href: "/search?q=o'brien%201%2F2%2F1980&page=3" });
    assert.deepEqual(presentSearchPages('smith', 3, 45, 5, pages).range, { from: 41, to: 45 });
  });

  it('offers no page beyond the last one a link may ask for', () => {
    const items = presentSearchPages('smith', 1, 26_000, 20, pages).pagination!.items;
    assert.deepEqual(items.at(-1), { number: 500, href: '/search?q=smith&page=500' });
  });

  it('points a page past the last to the last, without pagination', () => {
    assert.deepEqual(presentSearchPages('smith', 9, 45, 0, pages), { range: null, pagination: null, lastPageHref: '/search?q=smith&page=3' });
  });
});
