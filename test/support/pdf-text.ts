/**
 * Reads a PDF back for tests: the text of every page and the page count, using pdfjs-dist 4.x
 * (legacy build: the one that runs on Node 20; 5+ needs Node 22). No worker thread, no rendering,
 * errors only (no warnings printed).
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { getDocument, VerbosityLevel } from 'pdfjs-dist/legacy/build/pdf.mjs';

const pdfjsRoot = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));

async function open(buffer: Uint8Array) {
  return getDocument({
    // pdfjs transfers (detaches) the array it is given: hand it a copy so the caller's buffer survives.
    data: new Uint8Array(buffer),
    verbosity: VerbosityLevel.ERRORS,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    standardFontDataUrl: join(pdfjsRoot, 'standard_fonts') + '/',
  }).promise;
}

/** The text of each page separately, for assertions about a page. */
export async function pdfPages(buffer: Uint8Array): Promise<string[]> {
  const doc = await open(buffer);
  try {
    const pages: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const content = await (await doc.getPage(n)).getTextContent();
      pages.push(content.items.map((i) => ('str' in i ? i.str + (i.hasEOL ? '\n' : '') : '')).join(''));
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}

/** All pages' text; items joined as pdfjs reports them (a line break where a line ends), pages joined with \n. */
export async function pdfText(buffer: Uint8Array): Promise<string> {
  return (await pdfPages(buffer)).join('\n');
}

export async function pdfPageCount(buffer: Uint8Array): Promise<number> {
  const doc = await open(buffer);
  try {
    return doc.numPages;
  } finally {
    await doc.destroy();
  }
}

/** The document's Info dictionary (Title, Author, CreationDate...). */
export async function pdfInfo(buffer: Uint8Array): Promise<Record<string, unknown>> {
  const doc = await open(buffer);
  try {
    return (await doc.getMetadata()).info as Record<string, unknown>;
  } finally {
    await doc.destroy();
  }
}
