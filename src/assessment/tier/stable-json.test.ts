import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sameJson, stableJson } from './stable-json.ts';

/** A small deterministic generator of JSON-like values, with the awkward ones (undefined, NaN, -0, key order). */
function values(count: number): unknown[] {
  let seed = 7;
  const next = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const leaf = [1, 2, 'a"b', 'é', null, undefined, true, false, 2.5, -0, 0, Number.NaN];
  const keys = ['b', 'a', 'Z', '10', '2', 'aa'];
  const value = (depth: number): unknown => {
    const r = next();
    if (depth > 3 || r < 0.35) return leaf[Math.floor(next() * leaf.length)];
    if (r < 0.6) return Array.from({ length: Math.floor(next() * 3) }, () => value(depth + 1));
    const object: Record<string, unknown> = {};
    for (let i = 0; i < next() * 4; i++) object[keys[Math.floor(next() * keys.length)]!] = value(depth + 1);
    return object;
  };
  return Array.from({ length: count }, () => value(0));
}

describe('stableJson and sameJson', () => {
  it('writes keys in order, leaving out undefined', () => {
    assert.equal(stableJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null }, e: undefined }), '{"a":{"c":null,"d":[1,{"x":1,"y":2}]},"b":1}');
    assert.equal(stableJson([undefined, 'x']), '[,"x"]');
  });

  it('sameJson agrees with comparing the stable strings, pair by pair', () => {
    const all = values(400);
    for (const a of all) {
      for (const b of all.slice(0, 60)) assert.equal(sameJson(a, b), stableJson(a) === stableJson(b), `${stableJson(a)} vs ${stableJson(b)}`);
      assert.ok(sameJson(a, structuredClone(a)), 'a value equals its copy');
    }
    assert.ok(sameJson({ a: 1, b: [1, 2] }, { b: [1, 2], a: 1, c: undefined }));
    assert.ok(!sameJson({ a: 1 }, { a: 2 }));
    assert.ok(sameJson([undefined], []));
    assert.ok(sameJson(Number.NaN, null));
  });
});
