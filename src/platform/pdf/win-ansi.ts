/**
 * The PDF's built-in Helvetica fonts can show only the WinAnsi (Windows-1252) characters; pdfkit writes
 * anything else as garbage bytes. toWinAnsi keeps what the fonts can show and replaces the rest with
 * the nearest thing they can (ł -> l, ‑ -> -, emoji -> ?), so a name or a pasted paragraph never
 * breaks a document.
 */

/** The characters of Windows-1252 above Latin-1's range (0x80-0x9F). */
const EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

/** Common characters outside WinAnsi that have an obvious stand-in (NFKD handles most accents). */
const STAND_INS: Record<string, string> = {
  'ł': 'l', 'Ł': 'L', 'đ': 'd', 'Đ': 'D', 'ħ': 'h', 'Ħ': 'H', 'ı': 'i', 'ŀ': 'l', 'Ŀ': 'L',
  'ŋ': 'ng', 'Ŋ': 'NG', 'ſ': 's', 'ə': 'e', 'Ə': 'E',
  '\u2010': '-', '\u2011': '-', '\u2012': '–', '\u2015': '—', '\u2212': '-', '\u2043': '-',
  '\u2032': "'", '\u2033': '"', '\u201b': '‘', '\u201f': '“',
  '\u2023': '•', '\u25cf': '•', '\u25e6': '•', '\u2219': '•', '\u25aa': '•', '\u25a0': '•',
  '\u2190': '<-', '\u2192': '->', '\u2194': '<->', '\u21d2': '=>',
  '\u2264': '<=', '\u2265': '>=', '\u2260': '!=', '\u2248': '~',
  '\u2116': 'No.', '\u2153': '1/3', '\u2154': '2/3', '\u215b': '1/8',
  '\u00ad': '', '\u200b': '', '\u200c': '', '\u200d': '', '\u2060': '', '\ufeff': '',
  '\u2028': '\n', '\u2029': '\n', '\t': '    ',
};

function inWinAnsi(ch: string): boolean {
  const c = ch.codePointAt(0)!;
  return (c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xff && c !== 0xad) || c === 0x0a || EXTRA.has(ch);
}

/** The text with every character the standard fonts cannot show replaced; newlines kept. */
export function toWinAnsi(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC').replace(/\r\n?/g, '\n')) {
    if (inWinAnsi(ch)) { out += ch; continue; }
    const standIn = STAND_INS[ch];
    if (standIn !== undefined && [...standIn].every(inWinAnsi)) { out += standIn; continue; }
    if (/[\u2000-\u200a\u202f\u205f\u3000]/.test(ch)) { out += ' '; continue; } // odd-width spaces
    if (/\p{Cc}|\p{Cf}|\p{M}/u.test(ch)) continue; // control, format and stray combining characters
    // An accented letter: its base letter(s) and any accents that survive (ő -> o, ǆ -> dž -> dz).
    const decomposed = [...ch.normalize('NFKD')].filter((c) => !/\p{M}/u.test(c)).join('').normalize('NFC');
    out += decomposed && decomposed !== ch && [...decomposed].every(inWinAnsi) ? decomposed : '?';
  }
  return out;
}
