import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toWinAnsi } from './win-ansi.ts';

test('keeps ASCII, Latin-1 and the Windows-1252 extras', () => {
  const kept = 'Plain ASCII ~ £ © é ß ÿ € ‚ „ … † ‰ Š ‹ Œ ‘ ’ “ ” • – — ™ ž Ÿ\nnext line';
  assert.equal(toWinAnsi(kept), kept);
});

test('replaces the rest with a near equivalent, or ? when there is none', () => {
  assert.equal(toWinAnsi('Łódź'), 'Lódz');
  assert.equal(toWinAnsi('Dvořák Ångström ő'), 'Dvorák Ångström o');
  assert.equal(toWinAnsi('non\u2011breaking \u2010 minus \u2212'), 'non-breaking - minus -');
  assert.equal(toWinAnsi('ﬁne ½'), 'fine ½');
  assert.equal(toWinAnsi('中文 😀'), '?? ?');
});

test('drops invisible characters and tidies whitespace', () => {
  assert.equal(toWinAnsi('soft\u00adhyphen zero\u200bwidth \ufeffbom'), 'softhyphen zerowidth bom');
  assert.equal(toWinAnsi('a\r\nb\rc\u2028d'), 'a\nb\nc\nd');
  assert.equal(toWinAnsi('tab\there bell\u0007'), 'tab    here bell');
  assert.equal(toWinAnsi('thin\u2009space'), 'thin space');
  assert.equal(toWinAnsi('e\u0301'), 'é'); // combining accent composes first
});
