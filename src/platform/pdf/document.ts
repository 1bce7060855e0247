/**
 * CONTRACT (filled in by the PDF work): a formal document (a court report, a letter) described as
 * data and rendered to a real PDF: letterhead, title, reference lines, headed sections of paragraphs
 * and tables, page numbers "Page n of m" in the footer. Knows nothing of probation.
 */
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
}

export async function renderPdf(_spec: DocumentSpec): Promise<Buffer> {
  throw new Error('renderPdf is not written yet');
}
