import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pdfInfo, pdfPageCount, pdfPages, pdfText } from '../../../test/support/pdf-text.ts';
import { renderPdf, type DocumentSpec } from './document.ts';

const createdAt = new Date('2026-12-01T10:00:00Z');

function spec(overrides: Partial<DocumentSpec> = {}): DocumentSpec {
  return {
    letterhead: { organisation: 'Example Service', lines: ['North East Region', '1 Quayside, Newcastle upon Tyne NE1 3LA'] },
    title: 'Pre-sentence report',
    reference: [['Court', 'Newcastle Crown Court'], ['Hearing date', '3 December 2026']],
    sections: [
      { heading: 'Sources of information', facts: [['Interviewed', '1 December 2026'], ['Records checked', 'Police national computer']] },
      { heading: 'Offence analysis', paragraphs: ['The defendant accepts responsibility.\nHe said he regrets it.', 'A second paragraph.'] },
      { heading: 'Previous convictions', table: { head: ['Date', 'Offence', 'Outcome'], rows: [['1 March 2019', 'Theft', 'Fine £200'], ['2 May 2021', 'Criminal damage', 'Community order']] } },
      { heading: 'An empty section' },
    ],
    footer: 'OFFICIAL-SENSITIVE',
    meta: { title: 'Pre-sentence report: A Person', author: 'A Officer' },
    createdAt,
    ...overrides,
  };
}

/** Text with runs of whitespace made single spaces, so assertions do not depend on line breaks. */
const flat = (s: string) => s.replace(/\s+/g, ' ');

test('renders the letterhead, title, reference, sections, facts, paragraphs and table', async () => {
  const pdf = await renderPdf(spec());
  assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
  const pages = await pdfPageCount(pdf);
  const text = flat(await pdfText(pdf));
  for (const expected of [
    'Example Service', 'North East Region', 'Pre-sentence report', 'Court', 'Newcastle Crown Court', 'Hearing date',
    'Sources of information', 'Interviewed', '1 December 2026', 'Offence analysis',
    'The defendant accepts responsibility.', 'He said he regrets it.', 'A second paragraph.',
    'Previous convictions', 'Date', 'Offence', 'Outcome', '1 March 2019', 'Theft', 'Fine £200', 'Criminal damage',
    'Community order', 'An empty section', 'OFFICIAL-SENSITIVE', `Page 1 of ${pages}`,
  ]) assert.ok(text.includes(expected), `missing: ${expected}`);
});

test('a newline inside a paragraph starts a new line', async () => {
  const text = await pdfText(await renderPdf(spec()));
  assert.match(text, /responsibility\.\s*\n\s*He said/);
});

test('sets the metadata title, author and the given creation date, and renders repeatably', async () => {
  const pdf = await renderPdf(spec());
  const info = await pdfInfo(pdf);
  assert.equal(info.Title, 'Pre-sentence report: A Person');
  assert.equal(info.Author, 'A Officer');
  assert.match(String(info.CreationDate), /^D:20261201100000/);
  assert.deepEqual(await renderPdf(spec()), pdf);
});

test('a long document runs over many pages, each numbered "Page k of N"', async () => {
  const paragraph = 'This sentence is part of a long report that has to break across many pages of A4. '.repeat(12);
  const pdf = await renderPdf(spec({
    sections: Array.from({ length: 20 }, (_, i) => ({ heading: `Section ${i + 1}`, paragraphs: [paragraph, paragraph, paragraph] })),
  }));
  const pages = await pdfPages(pdf);
  assert.ok(pages.length > 10, `only ${pages.length} pages`);
  pages.forEach((page, k) => {
    assert.ok(flat(page).includes(`Page ${k + 1} of ${pages.length}`), `page ${k + 1} lacks its number`);
    assert.ok(page.includes('OFFICIAL-SENSITIVE'));
  });
  const text = flat(pages.join('\n'));
  for (let i = 1; i <= 20; i++) assert.ok(text.includes(`Section ${i}`));
});

test('a long table splits across pages, repeating its header, and loses no cell', async () => {
  const rows = Array.from({ length: 120 }, (_, i) => [`Row ${i + 1}`, i === 50 ? 'Long cell text that wraps. '.repeat(120) : 'Theft', 'Fine']);
  const pages = await pdfPages(await renderPdf(spec({ sections: [{ heading: 'Convictions', table: { head: ['When', 'What', 'Outcome'], rows } }] })));
  assert.ok(pages.length > 2);
  for (const page of pages) assert.ok(page.includes('When') && page.includes('Outcome'), 'a page lacks the table header');
  const text = flat(pages.join('\n'));
  for (let i = 1; i <= 120; i++) assert.ok(text.includes(`Row ${i} `), `missing row ${i}`);
  assert.equal(text.match(/Long cell text that wraps\./g)?.length, 120);
});

test('a heading is not left alone at the foot of a page', async () => {
  // Fill the first page to within a line or two of the bottom, then a heading: it must move over.
  for (let filler = 28; filler <= 42; filler++) {
    const pages = await pdfPages(await renderPdf(spec({
      reference: [],
      sections: [{ heading: 'Filler', paragraphs: [Array.from({ length: filler }, () => 'x').join('\n')] }, { heading: 'Next heading', paragraphs: ['Body one.\nBody two.\nBody three.'] }],
    })));
    const at = pages.findIndex((p) => p.includes('Next heading'));
    assert.ok(pages[at]!.includes('Body one.'), `with ${filler} filler lines the heading is parted from its text`);
  }
});

test('characters the standard fonts cannot show are replaced, WinAnsi ones survive', async () => {
  const text = await pdfText(await renderPdf(spec({
    sections: [{ heading: 'Quotes “double” and ‘single’', paragraphs: ['He owes £1,250 – about €1,400 — for O’Brien… Zoë, Łódź, 中文 😀\u0007 done.'] }],
  })));
  assert.ok(text.includes('“double” and ‘single’'));
  assert.ok(text.includes('£1,250 – about €1,400 — for O’Brien… Zoë, Lódz, ?? ? done.'), text);
});

test('renders with nothing but the required parts', async () => {
  const pdf = await renderPdf(spec({ letterhead: { organisation: 'X', lines: [] }, reference: [], sections: [], footer: '', title: '' }));
  assert.equal(await pdfPageCount(pdf), 1);
  assert.ok((await pdfText(pdf)).includes('Page 1 of 1'));
});

test('odd tables render: no header, ragged rows, empty cells, one very wide column', async () => {
  const pdf = await renderPdf(spec({ sections: [
    { heading: 'No head', table: { head: [], rows: [['a'], ['b', 'c', 'd'], ['']] } },
    { heading: 'Empty', table: { head: [], rows: [] } },
    { heading: 'Wide', table: { head: ['One'], rows: [['w'.repeat(500)]] } },
  ] }));
  const text = await pdfText(pdf);
  assert.ok(text.includes('d') && text.includes('No head') && text.includes('Wide'));
});
