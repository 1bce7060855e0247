import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addSurnames, asciiTrigrams, closeSurnames, emptySurnameList, trigramSimilarity } from './close-surnames.ts';

// What PostgreSQL's show_trgm gives for the same text (pg_trgm 1.6, PostgreSQL 15).
const SHOW_TRGM: Record<string, string[]> = {
  kingsridgewodo: ['  k', ' ki', 'dge', 'do ', 'ewo', 'gew', 'gsr', 'idg', 'ing', 'kin', 'ngs', 'odo', 'rid', 'sri', 'wod'],
  "O'Brien-Smith": ['  b', '  o', '  s', ' br', ' o ', ' sm', 'bri', 'en ', 'ien', 'ith', 'mit', 'rie', 'smi', 'th '],
};

const listOf = (names: string[], threshold = 0.3) => {
  const list = emptySurnameList(threshold);
  addSurnames(list, names.map((name, i) => ({ name, trigrams: [...asciiTrigrams(name)!], added: i + 1 })));
  return list;
};

describe('close surnames from the service\'s list', () => {
  it('splits plain ASCII text into the trigrams pg_trgm makes', () => {
    for (const [text, trigrams] of Object.entries(SHOW_TRGM)) assert.deepEqual([...asciiTrigrams(text)!].sort(), trigrams);
    assert.deepEqual([...asciiTrigrams('--')!], []);
  });

  it('leaves text with other characters to the database', () => {
    assert.equal(asciiTrigrams('Nuñez'), null);
    assert.equal(closeSurnames(listOf(['nunez']), 'Nuñez', 10), null);
  });

  it('measures similarity as pg_trgm does, in single precision', () => {
    assert.equal(trigramSimilarity(12, 15, 15), Math.fround(12 / 18));
    assert.equal(trigramSimilarity(0, 0, 4), 0);
  });

  it('keeps the most similar at or above the threshold, then by name, as many as wanted', () => {
    const list = listOf(['smith', 'smyth', 'smithson', 'jones', 'smit']);
    const close = closeSurnames(list, 'Smiht', 10)!;
    // As PostgreSQL has them: smit 0.375, smith 0.33333334, smithson 0.25 and smyth 0.2 (below 0.3).
    assert.deepEqual(close, { names: ['smit', 'smith'], sims: [0.375, Math.fround(1 / 3)] });
    assert.deepEqual(closeSurnames(list, 'Smiht', 1)!.names, ['smit']);
    assert.deepEqual(closeSurnames({ ...list, threshold: 0.2 }, 'smiht', 10)!.names, ['smit', 'smith', 'smithson', 'smyth']);
    assert.deepEqual(closeSurnames(list, 'zzz', 10), { names: [], sims: [] });
  });

  it('adds only surnames beyond those already read, and knows how far it has read', () => {
    const list = listOf(['smith']);
    addSurnames(list, [{ name: 'smith', trigrams: [...asciiTrigrams('smith')!], added: 1 }, { name: 'smyth', trigrams: [...asciiTrigrams('smyth')!], added: 7 }]);
    assert.deepEqual(list.names, ['smith', 'smyth']);
    assert.equal(list.upTo, 7);
  });
});
