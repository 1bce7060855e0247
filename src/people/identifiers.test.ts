import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  croCheckLetter, parseCrn, parseCro, parseDateOfBirth, parseNiNumber, parseNomisNumber, parsePnc, parsePostcode,
  pncCheckLetter, type Parsed,
} from './identifiers.ts';

const today = new Date('2026-11-23T12:00:00Z');

const accepts = (result: Parsed, value: string) => assert.deepEqual(result, { ok: true, value });
/** Rejected, with a message that matches `message` (a person-readable reason, not a code). */
const rejects = (result: Parsed, message: RegExp | string) => {
  assert.equal(result.ok, false, `expected a rejection, got ${JSON.stringify(result)}`);
  if (!result.ok) typeof message === 'string' ? assert.equal(result.error, message) : assert.match(result.error, message);
};

describe('parseCrn', () => {
  it('accepts one capital letter and 6 digits, trimmed and upper-cased', () => {
    accepts(parseCrn('X320741'), 'X320741');
    accepts(parseCrn('  x123456 '), 'X123456');
  });
  it('rejects anything else, saying what a CRN looks like', () => {
    for (const bad of ['X12345', 'X1234567', '1234567', 'XX12345', 'X12 3456', 'X12345A']) {
      rejects(parseCrn(bad), 'Enter a CRN as one capital letter and 6 digits, like X123456');
    }
    rejects(parseCrn('  '), 'Enter a CRN');
  });
});

describe('parsePnc', () => {
  const pnc = (input: string) => parsePnc(input, today);

  it('accepts the worked examples', () => {
    for (const valid of ['1979/0163001B', '2008/1234567R', '2019/0000043K', '2001/0000005V']) accepts(pnc(valid), valid);
  });
  it('computes the worked examples\' check letters', () => {
    assert.equal(pncCheckLetter(1979, 163001), 'B');
    assert.equal(pncCheckLetter(2008, 1234567), 'R');
    assert.equal(pncCheckLetter(2019, 43), 'K');
    assert.equal(pncCheckLetter(2001, 5), 'V');
  });
  it('accepts the short form, an unpadded serial, no slash, spaces around and lower case', () => {
    accepts(pnc('79/163001B'), '1979/0163001B');
    accepts(pnc('1979/163001B'), '1979/0163001B');
    accepts(pnc('2019/43K'), '2019/0000043K');
    accepts(pnc('01/5V'), '2001/0000005V');
    accepts(pnc('19790163001B'), '1979/0163001B');
    accepts(pnc('20081234567R'), '2008/1234567R');
    accepts(pnc('79163001B'), '1979/0163001B');
    accepts(pnc(' 2008/1234567r '), '2008/1234567R');
  });
  it('rejects a wrong check letter, giving the right one', () => {
    rejects(pnc('2008/1234567A'), "The PNC number's check letter is wrong: for 2008/1234567 it should be R");
    rejects(pnc('79/163001C'), "The PNC number's check letter is wrong: for 1979/0163001 it should be B");
    rejects(pnc('20081234567A'), /check letter is wrong: for 2008\/1234567 it should be R/);
  });
  it('reads a two-digit year up to this year as 20YY, later ones as 19YY', () => {
    accepts(pnc(`26/1${pncCheckLetter(2026, 1)}`), '2026/0000001' + pncCheckLetter(2026, 1));
    accepts(pnc(`27/1${pncCheckLetter(1927, 1)}`), '1927/0000001' + pncCheckLetter(1927, 1));
    accepts(pnc(`00/1${pncCheckLetter(2000, 1)}`), '2000/0000001' + pncCheckLetter(2000, 1));
    accepts(pnc(`99/1${pncCheckLetter(1999, 1)}`), '1999/0000001' + pncCheckLetter(1999, 1));
    // The pivot moves with today: in 2030, 27 is this century.
    accepts(parsePnc(`27/1${pncCheckLetter(2027, 1)}`, new Date('2030-01-01')), '2027/0000001' + pncCheckLetter(2027, 1));
  });
  it('rejects years in the future or before 1900', () => {
    rejects(pnc(`2027/1${pncCheckLetter(2027, 1)}`), /year 2027 is not possible/);
    rejects(pnc(`1899/1${pncCheckLetter(1899, 1)}`), /year 1899 is not possible/);
  });
  it('asks for the slash when both readings without it are valid', () => {
    rejects(pnc('197110001A'), /could be 1971\/0010001A or 2019\/7110001A: enter it with the slash/);
  });
  it('rejects other formats, saying what a PNC number looks like', () => {
    for (const bad of ['2008/12345678R', '2008/R', '208/1234567R', '2008-1234567R', '2008/1234567', 'ABCD/1234567R', '123456789012R']) {
      rejects(pnc(bad), /^Enter a PNC number in the format 2008\/1234567R/);
    }
    rejects(pnc(''), 'Enter a PNC number');
  });
});

describe('parseCro', () => {
  it('accepts the worked examples in canonical form', () => {
    for (const valid of ['123456/99L', '654321/12W', 'SF05/339150Y', 'SF93/12345N']) accepts(parseCro(valid), valid);
    accepts(parseCro('7/01N'), '000007/01N');
    accepts(parseCro('sf93/12345n'), 'SF93/12345N');
  });
  it('checks a standard serial padded and an SF serial as written', () => {
    assert.equal(croCheckLetter('01', '000007'), 'N');
    assert.equal(croCheckLetter('93', '12345'), 'N');
  });
  it('rejects wrong check letters, giving the right one', () => {
    rejects(parseCro('123456/99A'), "The CRO number's check letter is wrong: for 123456/99 it should be L");
    rejects(parseCro('7/01A'), /for 000007\/01 it should be N/);
    rejects(parseCro('SF05/339150A'), /for SF05\/339150 it should be Y/);
  });
  it('rejects other formats', () => {
    for (const bad of ['1234567/99L', '123456/9L', '123456/99', '12345699L', 'SF5/339150Y', 'SF05/1234567Y', 'XX05/339150Y']) {
      rejects(parseCro(bad), /^Enter a CRO number in the format 123456\/99L/);
    }
    rejects(parseCro(' '), 'Enter a CRO number');
  });
});

describe('parseNomisNumber', () => {
  it('accepts a letter, 4 digits and 2 letters, upper-cased', () => {
    accepts(parseNomisNumber('A1234BC'), 'A1234BC');
    accepts(parseNomisNumber(' g5678xy '), 'G5678XY');
  });
  it('rejects anything else', () => {
    for (const bad of ['A123BC', 'A12345BC', '11234BC', 'A1234B1', 'AB1234C']) rejects(parseNomisNumber(bad), /like A1234BC/);
    rejects(parseNomisNumber(''), 'Enter a prison number');
  });
});

describe('parseNiNumber', () => {
  it('accepts valid numbers with or without spaces, canonical without them', () => {
    accepts(parseNiNumber('AB123456C'), 'AB123456C');
    accepts(parseNiNumber('ab 12 34 56 c'), 'AB123456C');
    for (const suffix of 'ABCD') accepts(parseNiNumber(`JG103759${suffix}`), `JG103759${suffix}`);
  });
  it('accepts the published example prefix QQ only when asked to', () => {
    accepts(parseNiNumber('QQ 12 34 56 C', { allowExamplePrefix: true }), 'QQ123456C');
    rejects(parseNiNumber('QQ 12 34 56 C'), /cannot start with Q/);
  });
  it('rejects each excluded first letter', () => {
    for (const letter of 'DFIQUV') rejects(parseNiNumber(`${letter}A123456C`), `A National Insurance number cannot start with ${letter}: check the number`);
  });
  it('rejects each excluded second letter', () => {
    for (const letter of 'DFIOQUV') {
      rejects(parseNiNumber(`A${letter}123456C`), `A National Insurance number cannot have ${letter} as its second letter: check the number`);
    }
  });
  it('rejects each prefix that is not issued', () => {
    for (const prefix of ['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ']) {
      rejects(parseNiNumber(`${prefix}123456C`), `National Insurance numbers are not issued with the prefix ${prefix}: check the number`);
    }
  });
  it('rejects suffixes other than A to D and other formats', () => {
    rejects(parseNiNumber('AB123456E'), 'A National Insurance number ends in A, B, C or D, not E');
    for (const bad of ['AB12345C', 'AB1234567C', 'AB123456', 'A1123456C', 'AB123456CC']) rejects(parseNiNumber(bad), /^Enter a National Insurance number in the format/);
    rejects(parseNiNumber(''), 'Enter a National Insurance number');
  });
});

describe('parsePostcode', () => {
  it('accepts each UK format, canonical upper case with one space', () => {
    for (const valid of ['SW1H 9AJ', 'M1 1AE', 'B33 8TH', 'CR2 6XH', 'DN55 1PT', 'W1A 0AX', 'EC1A 1BB', 'NE1 4ST', 'DH1 3RH']) {
      accepts(parsePostcode(valid), valid);
    }
    accepts(parsePostcode('sw1h9aj'), 'SW1H 9AJ');
    accepts(parsePostcode('  ne1   6ee '), 'NE1 6EE');
  });
  it('rejects postcodes that are not in the format', () => {
    for (const bad of ['SW1H 9A', 'SW1H 9AJX', '12 3AB', 'ZZZ', 'SW 9AJ', 'SWAB 9AJ', 'NE123 1AA', 'SW1H AAJ',
      'SW1H 9CJ', 'SW1H 9AI', 'SW1H 9KM', 'QA1 1AA', 'VA1 1AA', 'XA1 1AA', 'AI1 1AA', 'AJ1 1AA', 'W1I 0AX', 'EC1C 1BB']) {
      rejects(parsePostcode(bad), 'Enter a real postcode, like SW1H 9AJ');
    }
    rejects(parsePostcode(''), 'Enter a postcode');
  });
});

describe('parseDateOfBirth', () => {
  const dob = (input: string) => parseDateOfBirth(input, today);

  it('accepts ISO, D/M/YYYY and DD/MM/YYYY', () => {
    accepts(dob('1990-03-07'), '1990-03-07');
    accepts(dob('7/3/1990'), '1990-03-07');
    accepts(dob('07/03/1990'), '1990-03-07');
    accepts(dob(' 29/2/2000 '), '2000-02-29');
  });
  it('rejects impossible dates', () => {
    for (const bad of ['31/02/1990', '29/2/2001', '29/2/1900', '31/4/1990', '0/1/1990', '1/13/1990', '1990-00-10', '1990-02-30']) {
      rejects(dob(bad), /^The date of birth must be a real date/);
    }
  });
  it('rejects dates in the future', () => {
    rejects(dob('24/11/2026'), 'The date of birth must be in the past');
    rejects(dob('2030-01-01'), 'The date of birth must be in the past');
    accepts(dob('23/11/2026'), '2026-11-23');
  });
  it('rejects ages over 120, counting birthdays', () => {
    accepts(dob('1906-11-23'), '1906-11-23');
    accepts(dob('1905-11-24'), '1905-11-24');
    rejects(dob('1905-11-23'), /within the last 120 years/);
    rejects(dob('0090-01-01'), /within the last 120 years/);
  });
  it('rejects other formats', () => {
    for (const bad of ['7/3/90', '1990/03/07', '7 March 1990', '07031990']) rejects(dob(bad), /^Enter the date of birth as day, month and year/);
    rejects(dob(''), 'Enter a date of birth');
  });
});
