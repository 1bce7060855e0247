import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pageCount, pageNumber, pagination } from './pagination.ts';

const href = (n: number) => `/list?page=${n}`;
const numbers = (page: number, pages: number) =>
  pagination(page, pages, href, 'Pages')!.items.map((item) => ('ellipsis' in item ? '…' : item.current ? `[${item.number}]` : String(item.number))).join(' ');

describe('pagination', () => {
  it('is not shown for one page', () => {
    assert.equal(pagination(1, 1, href, 'Pages'), null);
  });

  it('shows the first, last, current and neighbouring pages, with ellipses for gaps', () => {
    assert.equal(numbers(1, 2), '[1] 2');
    assert.equal(numbers(1, 10), '[1] 2 … 10');
    assert.equal(numbers(5, 10), '1 … 4 [5] 6 … 10');
    assert.equal(numbers(3, 10), '1 2 [3] 4 … 10');
    assert.equal(numbers(10, 10), '1 … 9 [10]');
  });

  it('links to the previous and next pages only where there is one', () => {
    const first = pagination(1, 3, href, 'Pages')!;
    assert.equal(first.previous, undefined);
    assert.deepEqual(first.next, { href: '/list?page=2' });
    const last = pagination(3, 3, href, 'Pages')!;
    assert.deepEqual(last.previous, { href: '/list?page=2' });
    assert.equal(last.next, undefined);
    assert.equal(last.landmarkLabel, 'Pages');
  });

  it('counts pages, and reads a page number leniently', () => {
    assert.equal(pageCount(0, 20), 1);
    assert.equal(pageCount(20, 20), 1);
    assert.equal(pageCount(21, 20), 2);
    assert.equal(pageNumber('3', 50), 3);
    assert.equal(pageNumber('999', 50), 50);
    for (const bad of [undefined, '', '0', '-1', '2.5', 'two', ['2'], '12345678']) assert.equal(pageNumber(bad, 50), 1, String(bad));
  });
});
