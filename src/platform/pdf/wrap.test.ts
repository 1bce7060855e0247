import assert from 'node:assert/strict';
import { test } from 'node:test';
import { wrapText } from './wrap.ts';

const chars = (s: string) => s.length; // one unit per character

test('wraps at spaces within the width', () => {
  assert.deepEqual(wrapText('the quick brown fox jumps', 10, chars), ['the quick', 'brown fox', 'jumps']);
});

test('keeps newlines and blank lines', () => {
  assert.deepEqual(wrapText('one\n\ntwo three', 5, chars), ['one', '', 'two', 'three']);
  assert.deepEqual(wrapText('', 5, chars), ['']);
});

test('breaks a word longer than the line between characters', () => {
  assert.deepEqual(wrapText('ab abcdefghijkl c', 5, chars), ['ab', 'abcde', 'fghij', 'kl c']);
  assert.deepEqual(wrapText('abc', 0, chars), ['a', 'b', 'c']);
});
