/**
 * Greedy word wrapping against a width, measured by the caller (the PDF font metrics), so the layout
 * knows every line before drawing it and can break pages, keep headings with their text and split
 * table rows itself. Newlines are kept; a word wider than the line is broken between characters.
 */
export type Measure = (text: string) => number;

export function wrapText(text: string, width: number, measure: Measure): string[] {
  const lines: string[] = [];
  for (const hardLine of text.split('\n')) {
    let line = '';
    for (const word of hardLine.split(' ')) {
      const candidate = line === '' ? word : `${line} ${word}`;
      if (measure(candidate) <= width) { line = candidate; continue; }
      if (line !== '') lines.push(line.trimEnd());
      line = '';
      for (const part of breakWord(word, width, measure)) {
        if (line !== '') lines.push(line);
        line = part;
      }
    }
    lines.push(line.trimEnd());
  }
  return lines;
}

/** A word cut into pieces that each fit (at least one character each, however narrow the width). */
function breakWord(word: string, width: number, measure: Measure): string[] {
  if (measure(word) <= width) return [word];
  const parts: string[] = [];
  let part = '';
  for (const ch of word) {
    if (part !== '' && measure(part + ch) > width) { parts.push(part); part = ''; }
    part += ch;
  }
  parts.push(part);
  return parts;
}
