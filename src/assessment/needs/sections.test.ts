import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OGP_ITEMS } from '../predictors/ogp.ts';
import { OVP_LEVEL_ITEMS } from '../predictors/ovp.ts';
import { NEED_SECTIONS } from '../tiering/rules.ts';
import { ITEM_BY_KEY, PATHWAYS, SECTIONS, SECTIONS_BY_PATHWAY, SECTION_BY_KEY } from './sections.ts';

const answers = (key: string) => ITEM_BY_KEY.get(key)!.item.answers.map((a) => [a.score, a.label]);

describe('needs sections as data', () => {
  it('has every tier section, 3 to 7 items each, unique item keys, a maximum that reaches the severe threshold', () => {
    assert.deepEqual(SECTIONS.map((s) => s.key), NEED_SECTIONS.map((s) => s.key));
    const keys = SECTIONS.flatMap((s) => s.items.map((i) => i.key));
    assert.equal(new Set(keys).size, keys.length);
    for (const section of SECTIONS) {
      assert.ok(section.items.length >= 3 && section.items.length <= 7, section.key);
      assert.ok(section.max >= (section.severe ?? section.standard), `${section.key} can reach its highest threshold`);
    }
  });

  it('takes the tier thresholds, and its own documented ones for finance and emotional well-being', () => {
    assert.deepEqual([SECTION_BY_KEY.get('accommodation')!.standard, SECTION_BY_KEY.get('accommodation')!.severe], [2, 7]);
    assert.deepEqual([SECTION_BY_KEY.get('alcohol')!.standard, SECTION_BY_KEY.get('alcohol')!.severe], [4, 7]);
    for (const key of ['finance', 'emotional'] as const) {
      const section = SECTION_BY_KEY.get(key)!;
      assert.deepEqual([section.standard, section.severe, section.thresholdSource], [2, null, 'local']);
    }
    assert.ok(SECTIONS.filter((s) => s.key !== 'finance' && s.key !== 'emotional').every((s) => s.thresholdSource === 'tier'));
  });

  it('keeps the predictors\' items with their keys, labels and answer orders', () => {
    for (const [key, item] of Object.entries({ ...OGP_ITEMS, ...OVP_LEVEL_ITEMS })) {
      assert.equal(ITEM_BY_KEY.get(key)?.item.label, item.label, key);
      assert.deepEqual(answers(key), item.answers.map((label, score) => [score, label]), key);
    }
    assert.deepEqual(answers('noFixedAbode'), [[0, 'no'], [2, 'yes']]);
    assert.deepEqual(answers('unemployed'), [[0, 'no'], [2, 'yes']]);
    assert.deepEqual(answers('psychiatricTreatment'), [[0, 'no'], [2, 'yes']]);
    assert.deepEqual(answers('recognisesImpactOfOffending'), [[0, 'yes'], [2, 'no']], 'not recognising the impact is the problem');
    assert.equal(ITEM_BY_KEY.get('parentingResponsibilities')!.section.key, 'relationships');
    assert.equal(ITEM_BY_KEY.get('impulsivity')!.section.key, 'thinking_behaviour');
    assert.equal(ITEM_BY_KEY.get('noFixedAbode')!.item.label, 'No fixed abode or transient accommodation');
  });

  it('groups every section under one of the seven resettlement pathways', () => {
    assert.equal(PATHWAYS.length, 7);
    assert.deepEqual(SECTIONS_BY_PATHWAY.flatMap((p) => p.sections.map((s) => s.key)).sort(), SECTIONS.map((s) => s.key).sort());
    assert.ok(SECTIONS_BY_PATHWAY.every((p) => p.sections.length > 0));
    assert.deepEqual(SECTIONS_BY_PATHWAY.find((p) => p.key === 'drugs_alcohol')!.sections.map((s) => s.key), ['drugs', 'alcohol']);
  });
});
