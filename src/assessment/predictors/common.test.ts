import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FieldReader, bandFor, logistic, percentHalfUp, roundHalfUpRatio, wholeYearsBetween } from './common.ts';

describe('wholeYearsBetween', () => {
  it('counts a birthday from its day, as predictors.md says', () => {
    assert.equal(wholeYearsBetween('1990-06-01', '2010-05-31'), 19);
    assert.equal(wholeYearsBetween('1990-06-01', '2010-06-01'), 20);
    assert.equal(wholeYearsBetween('1990-06-01', '1990-06-01'), 0);
    assert.equal(wholeYearsBetween('1990-12-31', '1991-01-01'), 0);
    assert.equal(wholeYearsBetween('1990-01-01', '1990-12-31'), 0);
  });
  it('has someone born on 29 February a year older on 1 March in other years', () => {
    assert.equal(wholeYearsBetween('2000-02-29', '2010-02-28'), 9);
    assert.equal(wholeYearsBetween('2000-02-29', '2010-03-01'), 10);
    assert.equal(wholeYearsBetween('2000-02-29', '2012-02-28'), 11);
    assert.equal(wholeYearsBetween('2000-02-29', '2012-02-29'), 12);
  });
});

describe('percentHalfUp', () => {
  it('rounds half up on the exact value of the probability, as the published BigDecimal code does', () => {
    assert.equal(percentHalfUp(0.125), 13); // exactly 12.5
    assert.equal(percentHalfUp(0.5), 50);
    assert.equal(percentHalfUp(0.124999), 12);
    assert.equal(percentHalfUp(0.4449), 44);
    assert.equal(percentHalfUp(0.445001), 45);
    // 0.015 and 0.155 are stored a hair below 1.5% and 15.5%, though × 100 gives 1.5 and 15.5 in floating point.
    assert.equal(0.015 * 100, 1.5);
    assert.equal(percentHalfUp(0.015), 1);
    assert.equal(0.155 * 100, 15.5);
    assert.equal(percentHalfUp(0.155), 15);
    assert.equal(Math.round(0.155 * 100), 16, 'the naive rounding would differ');
  });
  it('holds percentages within 1 to 99', () => {
    assert.equal(percentHalfUp(0), 1);
    assert.equal(percentHalfUp(0.004), 1);
    assert.equal(percentHalfUp(0.9949), 99);
    assert.equal(percentHalfUp(0.999), 99);
    assert.equal(percentHalfUp(1), 99);
  });
});

describe('small arithmetic', () => {
  it('rounds a ratio half up in integers', () => {
    assert.deepEqual([0, 1, 2, 3, 4].map((n) => roundHalfUpRatio(n * 15, 4)), [0, 4, 8, 11, 15]);
    assert.deepEqual([0, 1, 2, 3, 4, 5, 6].map((n) => roundHalfUpRatio(n * 5, 6)), [0, 1, 2, 3, 3, 4, 5]);
  });
  it('has the logistic curve through one half at zero', () => {
    assert.equal(logistic(0), 0.5);
    assert.ok(Math.abs(logistic(1) - Math.E / (1 + Math.E)) < 1e-15);
  });
  it('refuses a percentage outside every band', () => {
    assert.throws(() => bandFor([{ band: 'low', from: 1, to: 10 }], 11), RangeError);
  });
});

describe('FieldReader', () => {
  it('reads whole numbers from JSON numbers and CSV text alike', () => {
    const read = new FieldReader({ a: 3, b: ' 4 ', c: '5.0' });
    assert.equal(read.count('a', 'a'), 3);
    assert.equal(read.count('b', 'b'), 4);
    assert.equal(read.count('c', 'c'), 5);
    assert.ok(read.ok);
  });
  it('refuses fractions, words, booleans and infinities as whole numbers', () => {
    const read = new FieldReader({ a: 1.5, b: '1.5', c: 'two', d: true, e: Infinity, f: Number.NaN, g: '1e3', h: [] });
    for (const field of ['a', 'b', 'c', 'd', 'e', 'f', 'g']) assert.equal(read.count(field, 'the count'), null, field);
    assert.equal(read.count('h', 'the count'), null);
    assert.deepEqual(Object.keys(read.errors), ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']);
    assert.equal(read.errors.a, 'The count must be a whole number, like 3');
    assert.equal(read.errors.h, 'Enter the count');
  });
  it('keeps the first message for a field', () => {
    const read = new FieldReader({});
    read.fail('x', 'first');
    read.fail('x', 'second');
    assert.deepEqual(read.errors, { x: 'first' });
  });
});
