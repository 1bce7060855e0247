import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSearchQuery } from './search-query.ts';

const today = new Date('2026-11-23T12:00:00Z');
const parse = (q: string) => parseSearchQuery(q, today);

describe('parseSearchQuery', () => {
  it('reads identifiers exactly, in any case and spacing', () => {
    assert.deepEqual(parse('x123456'), { kind: 'crn', value: 'X123456' });
    assert.deepEqual(parse(' A1234BC '), { kind: 'nomis', value: 'A1234BC' });
    assert.deepEqual(parse('79/163001b'), { kind: 'pnc', value: '1979/0163001B' });
    assert.deepEqual(parse('2008/1234567R'), { kind: 'pnc', value: '2008/1234567R' });
    assert.deepEqual(parse('123456/99L'), { kind: 'cro', value: '123456/99L' });
  });

  it('treats a PNC with a wrong check letter as text, not as an identifier', () => {
    assert.notEqual(parse('2008/1234567A').kind, 'pnc');
  });

  it('reads names: surname alone, forename then surname, or "Surname, Forename"', () => {
    assert.deepEqual(parse('Smith'), { kind: 'name', surname: 'smith', forename: null, dateOfBirth: null });
    assert.deepEqual(parse('John  Smith'), { kind: 'name', surname: 'smith', forename: 'john', dateOfBirth: null });
    assert.deepEqual(parse('Smith, John'), { kind: 'name', surname: 'smith', forename: 'john', dateOfBirth: null });
    assert.deepEqual(parse("O'Brien-Hughes"), { kind: 'name', surname: "o'brien-hughes", forename: null, dateOfBirth: null });
  });

  it('reads a date of birth alone or with a name', () => {
    assert.deepEqual(parse('7/3/1990'), { kind: 'dateOfBirth', dateOfBirth: '1990-03-07' });
    assert.deepEqual(parse('smith 1990-03-07'), { kind: 'name', surname: 'smith', forename: null, dateOfBirth: '1990-03-07' });
  });

  it('gives empty for nothing useful', () => {
    assert.deepEqual(parse('   '), { kind: 'empty' });
    assert.deepEqual(parse('!!!'), { kind: 'empty' });
  });
});
