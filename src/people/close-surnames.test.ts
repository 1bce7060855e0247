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

  it('finds what comparing the typed text with every surname finds', () => {
    // Made-up compound surnames, as common parts make long trigram lists: a fixed sequence, so any failure repeats.
    let seed = 7;
    const next = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    const parts = ['king', 'ridge', 'wood', 'smith', 'son', 'ham', 'ford', 'ley', 'ton', 'worth', 'al', 'o', 'brook', 'croft'];
    const names = [...new Set(Array.from({ length: 3000 }, () => Array.from({ length: 1 + next(3) }, () => parts[next(parts.length)]).join('')))];
    const list = listOf(names);
    const everySurname = (typed: string, threshold: number) => {
      const typedTrigrams = asciiTrigrams(typed)!;
      return names.map((name) => {
        const own = asciiTrigrams(name)!;
        return { name, sim: trigramSimilarity([...own].filter((t) => typedTrigrams.has(t)).length, typedTrigrams.size, own.size) };
      }).filter((c) => c.sim >= threshold).sort((a, b) => b.sim - a.sim || (a.name < b.name ? -1 : 1));
    };
    for (const threshold of [0.1, 0.3, 0.6, 1]) {
      for (let i = 0; i < 60; i++) {
        const name = names[next(names.length)]!;
        const at = next(name.length);
        const typed = i % 3 ? `${name.slice(0, at)}${name.slice(at + 1, at + 2)}${name[at]}${name.slice(at + 2)}` : name;
        const expected = everySurname(typed, threshold);
        assert.deepEqual(closeSurnames({ ...list, threshold }, typed, 1000), { names: expected.map((c) => c.name), sims: expected.map((c) => c.sim) }, `${typed} at ${threshold}`);
      }
    }
  });

  it('adds only surnames beyond those already read, and knows how far it has read', () => {
    const list = listOf(['smith']);
    addSurnames(list, [{ name: 'smith', trigrams: [...asciiTrigrams('smith')!], added: 1 }, { name: 'smyth', trigrams: [...asciiTrigrams('smyth')!], added: 7 }]);
    assert.deepEqual(list.names, ['smith', 'smyth']);
    assert.equal(list.upTo, 7);
  });
});
