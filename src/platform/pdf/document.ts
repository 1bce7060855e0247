/**
 * CONTRACT: a formal document (a court report, a letter) described as data and rendered to a real
 * PDF: letterhead, title, reference lines, headed sections of paragraphs and tables, page numbers
 * "Page n of m" in the footer. Knows nothing of probation. Layout: docs/pdf.md.
 */
import PDFDocument from 'pdfkit';
import { toWinAnsi } from './win-ansi.ts';
import { wrapText } from './wrap.ts';

export interface DocumentTable { head: string[]; rows: string[][] }
export interface DocumentSection { heading: string; paragraphs?: string[]; table?: DocumentTable; /** key/value lines, e.g. Name: ... */ facts?: [string, string][] }
export interface DocumentSpec {
  /** The organisation on the letterhead and its address lines. */
  letterhead: { organisation: string; lines: string[] };
  title: string;
  /** Shown under the title, e.g. [["Court", "Newcastle Crown Court"], ["Hearing date", "3 December 2026"]]. */
  reference: [string, string][];
  sections: DocumentSection[];
  /** Text in every page's footer beside the page number, e.g. "OFFICIAL-SENSITIVE". */
  footer: string;
  /** The PDF's metadata title and author. */
  meta: { title: string; author: string };
  /** The PDF's creation date; give one to make the output byte-for-byte repeatable (default: now). */
  createdAt?: Date;
}

const MM = 72 / 25.4;
const MARGIN = { top: 20 * MM, bottom: 25 * MM, left: 22 * MM, right: 22 * MM };
const FONT = { regular: 'Helvetica', bold: 'Helvetica-Bold' };
const INK = '#0b0c0c';
const MUTED = '#505a5f';
const RULE = '#b1b4b6';
const SHADE = '#f3f2f1';
const BODY = 10.5;
const LEADING = 1.4;
const CELL_PAD = 4;

type Doc = InstanceType<typeof PDFDocument>;
interface Style { font: string; size: number; color: string }
const body: Style = { font: FONT.regular, size: BODY, color: INK };
const bold: Style = { ...body, font: FONT.bold };

/** Lays content down the page from a cursor, starting a new page when the next piece does not fit. */
class Flow {
  y = MARGIN.top;
  readonly left = MARGIN.left;
  readonly width: number;
  constructor(readonly doc: Doc) { this.width = doc.page.width - MARGIN.left - MARGIN.right; }

  get bottom() { return this.doc.page.height - MARGIN.bottom; }
  get room() { return this.bottom - this.y; }
  newPage() { this.doc.addPage(); this.y = MARGIN.top; }
  /** Moves to a new page unless `height` fits here (a fresh page takes what it is given). */
  need(height: number) { if (height > this.room && this.y > MARGIN.top) this.newPage(); }
  gap(points: number) { this.y = Math.min(this.y + points, this.bottom); }

  lines(text: string, style: Style, width = this.width): string[] {
    this.use(style);
    return wrapText(toWinAnsi(text), width, (s) => this.doc.widthOfString(s));
  }
  use(style: Style) { this.doc.font(style.font).fontSize(style.size).fillColor(style.color); }
  draw(line: string, x: number, y: number, style: Style) {
    this.use(style);
    if (line !== '') this.doc.text(line, x, y, { lineBreak: false });
  }

  /** Wrapped text down the page; a paragraph does not leave its first line alone at a page's foot. */
  text(text: string, style: Style, after = 0) {
    const lh = style.size * LEADING;
    const lines = this.lines(text, style);
    this.need(Math.min(lines.length, 2) * lh);
    for (const line of lines) {
      this.need(lh);
      this.draw(line, this.left, this.y, style);
      this.y += lh;
    }
    this.y += after;
  }

  rule(color = RULE, weight = 0.75) {
    this.doc.moveTo(this.left, this.y).lineTo(this.left + this.width, this.y).lineWidth(weight).strokeColor(color).stroke();
  }

  /**
   * One row of side-by-side wrapped cells. A row that does not fit is moved whole to the next page when
   * short, or split line by line when long, calling onNewPage (a table repeats its header there).
   */
  row(cells: { lines: string[]; style: Style }[], widths: number[], opts: { pad: number; fill?: string; border?: boolean; onNewPage?: () => void }) {
    const lh = BODY * LEADING;
    const height = (n: number) => n * lh + 2 * opts.pad;
    const total = Math.max(1, ...cells.map((c) => c.lines.length));
    const breakPage = () => { this.newPage(); opts.onNewPage?.(); };
    if (height(total) > this.room && (total <= 3 || this.room < height(2))) breakPage();
    let from = 0;
    while (from < total) {
      const fit = Math.max(1, Math.floor((this.room - 2 * opts.pad) / lh));
      const to = Math.min(total, from + fit);
      const h = height(to - from);
      if (opts.fill) this.doc.rect(this.left, this.y, sum(widths), h).fill(opts.fill);
      let x = this.left;
      cells.forEach((cell, i) => {
        cell.lines.slice(from, to).forEach((line, n) => this.draw(line, x + opts.pad, this.y + opts.pad + n * lh, cell.style));
        if (opts.border) this.doc.rect(x, this.y, widths[i]!, h).lineWidth(0.5).strokeColor(RULE).stroke();
        x += widths[i]!;
      });
      this.y += h;
      from = to;
      if (from < total) breakPage();
    }
  }
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

function letterhead(flow: Flow, spec: DocumentSpec) {
  flow.text(spec.letterhead.organisation, { font: FONT.bold, size: 18, color: INK }, 2);
  for (const line of spec.letterhead.lines) flow.text(line, { font: FONT.regular, size: 9, color: MUTED });
  flow.gap(6);
  flow.rule(INK, 1.25);
  flow.gap(18);
}

/** Label/value pairs in two columns: the label bold on the left, the value wrapped on the right. */
function pairs(flow: Flow, items: [string, string][]) {
  const labelWidth = Math.min(flow.width * 0.35, 170);
  const widths = [labelWidth, flow.width - labelWidth];
  for (const [label, value] of items) {
    flow.row([
      { lines: flow.lines(label, bold, widths[0]! - 12), style: bold },
      { lines: flow.lines(value, body, widths[1]!), style: body },
    ], widths, { pad: 1 });
  }
}

/**
 * Column widths from the content, shared fairly: a column whose text fits in an equal share of what is
 * left gets just what it needs, the others split the rest by their amount of text; none narrower than its
 * longest word (up to an equal share) needs.
 */
function columnWidths(flow: Flow, rows: string[][], columns: number): number[] {
  const measure = (s: string, style: Style, split: RegExp) => { flow.use(style); return Math.max(0, ...toWinAnsi(s).split(split).map((w) => flow.doc.widthOfString(w))); };
  const min = Array.from({ length: columns }, () => 2 * CELL_PAD + 12);
  const natural = [...min];
  rows.forEach((row, r) => row.forEach((cell, c) => {
    const style = r === 0 ? bold : body;
    min[c] = Math.max(min[c]!, Math.min(measure(cell, style, /\s+/), flow.width / columns) + 2 * CELL_PAD);
    natural[c] = Math.max(natural[c]!, measure(cell, style, /\n/) + 2 * CELL_PAD);
  }));
  if (sum(min) >= flow.width) return min.map((w) => (w * flow.width) / sum(min));
  const widths: (number | undefined)[] = Array.from({ length: columns }, () => undefined);
  for (;;) {
    const open = widths.flatMap((w, c) => (w === undefined ? [c] : []));
    if (open.length === 0) break;
    const share = (flow.width - sum(widths.map((w) => w ?? 0))) / open.length;
    const settled = open.filter((c) => natural[c]! <= share);
    if (settled.length === 0) {
      // The wordy columns split what is left by how much text they hold (a page-wide line at most).
      const weight = (c: number) => Math.min(natural[c]!, flow.width);
      const left = share * open.length;
      const weights = sum(open.map(weight));
      for (const c of open) widths[c] = Math.max(min[c]!, (left * weight(c)) / weights);
      break;
    }
    for (const c of settled) widths[c] = natural[c]!;
  }
  // Spread any spare evenly so the table spans the text width (or shrink to fit, should mins overshoot).
  const total = sum(widths.map((w) => w!));
  return widths.map((w) => (total > flow.width ? (w! * flow.width) / total : w! + (flow.width - total) / columns));
}

function table(flow: Flow, t: DocumentTable) {
  const columns = Math.max(t.head.length, ...t.rows.map((r) => r.length));
  if (columns === 0) return;
  const cellsOf = (row: string[]) => Array.from({ length: columns }, (_, c) => row[c] ?? '');
  const all = [cellsOf(t.head), ...t.rows.map(cellsOf)];
  const widths = columnWidths(flow, all, columns);
  const toCells = (row: string[], style: Style) => row.map((text, c) => ({ lines: flow.lines(text, style, widths[c]! - 2 * CELL_PAD), style }));
  const hasHead = t.head.some((h) => h.trim() !== '');
  const head = () => { if (hasHead) flow.row(toCells(all[0]!, bold), widths, { pad: CELL_PAD, fill: SHADE, border: true }); };
  // The header and the first line of the first row go together.
  flow.need((hasHead ? 2 : 1) * (BODY * LEADING + 2 * CELL_PAD));
  head();
  for (const row of all.slice(1)) flow.row(toCells(row, body), widths, { pad: CELL_PAD, border: true, onNewPage: head });
}

function section(flow: Flow, s: DocumentSection) {
  const heading: Style = { font: FONT.bold, size: 13, color: INK };
  // Keep the heading with at least three lines of what follows.
  flow.need(flow.lines(s.heading, heading).length * heading.size * LEADING + 3 * BODY * LEADING + 6);
  flow.text(s.heading, heading, 4);
  if (s.facts?.length) { pairs(flow, s.facts); flow.gap(8); }
  for (const p of s.paragraphs ?? []) flow.text(p, body, 7);
  if (s.table) { table(flow, s.table); flow.gap(10); }
  flow.gap(10);
}

/** Running head on continuation pages and the footer on every page, drawn once the page count is known. */
function pageFurniture(doc: Doc, spec: DocumentSpec) {
  const range = doc.bufferedPageRange();
  const small: Style = { font: FONT.regular, size: 8.5, color: MUTED };
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const flow = new Flow(doc);
    const right = flow.left + flow.width;
    const label = `Page ${i - range.start + 1} of ${range.count}`;
    flow.use(small);
    const labelWidth = doc.widthOfString(label);
    const footerY = doc.page.height - MARGIN.bottom + 10 * MM;
    flow.y = footerY - 4;
    flow.rule();
    flow.draw(fit(doc, toWinAnsi(spec.footer).replace(/\n/g, ' '), flow.width - labelWidth - 24), flow.left, footerY, small);
    flow.draw(label, right - labelWidth, footerY, small);
    if (i > range.start) {
      flow.use(small);
      flow.draw(fit(doc, toWinAnsi(spec.title).replace(/\n/g, ' '), flow.width), flow.left, 10 * MM, small);
    }
  }
}

/** The text cut with an ellipsis to fit a width in the current font. */
function fit(doc: Doc, text: string, width: number): string {
  if (doc.widthOfString(text) <= width) return text;
  let cut = text;
  while (cut.length > 0 && doc.widthOfString(`${cut}…`) > width) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}

export async function renderPdf(spec: DocumentSpec): Promise<Buffer> {
  const createdAt = spec.createdAt ?? new Date();
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 0, bottom: 0, left: 0, right: 0 }, // the layout places everything itself
    bufferPages: true,
    lang: 'en-GB',
    displayTitle: true,
    info: {
      // Metadata strings are stored as UTF-16, so they keep every character.
      Title: spec.meta.title,
      Author: spec.meta.author,
      Creator: spec.letterhead.organisation,
      Producer: 'Throughline',
      CreationDate: createdAt,
      ModDate: createdAt,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const flow = new Flow(doc);
  letterhead(flow, spec);
  flow.text(spec.title, { font: FONT.bold, size: 16, color: INK }, 8);
  if (spec.reference.length > 0) { pairs(flow, spec.reference); flow.gap(8); flow.rule(); flow.gap(16); }
  for (const s of spec.sections) section(flow, s);
  pageFurniture(doc, spec);
  doc.end();
  return done;
}
