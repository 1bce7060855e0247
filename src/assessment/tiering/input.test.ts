import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateTierInput } from './input.ts';
import { calculateTier } from './rules.ts';

const needs = {
  accommodation: 3, ete: 2, relationships: 6, lifestyle: null, drugs: 8, alcohol: 1, thinking_behaviour: 5, attitudes: 1, finance: 4, emotional: 6,
};
/** A complete, valid body for a woman, as the API receives it. */
const valid = {
  sex: 'female',
  rsr: 5.4,
  rosh: 'medium',
  mappaLevel: 1,
  complexityFactors: ['self_harm', 'child_concerns'],
  womenFactors: { parenting: true, impulsivityOrTemper: false, recentBreachOrRecall: true },
  mandateForChange: true,
  needs,
  ogrs3TwoYearPercent: 64,
  iomNominal: true,
  unsupervised: false,
};
const male = { ...valid, sex: 'male', womenFactors: undefined };
const without = (body: Record<string, unknown>, field: string) => Object.fromEntries(Object.entries(body).filter(([key]) => key !== field));

const errorsOf = (body: unknown) => {
  const result = validateTierInput(body);
  assert.ok(!result.ok, 'expected errors');
  return result.errors;
};

describe('validateTierInput', () => {
  it('accepts a complete body and returns it typed, ready to calculate', () => {
    const result = validateTierInput(valid);
    assert.ok(result.ok);
    assert.deepEqual(result.value, valid);
    assert.equal(calculateTier(result.value).tier, 'B2');
  });

  it('lets a man leave out the additional factors for women, or send null: all false', () => {
    for (const womenFactors of [undefined, null]) {
      const result = validateTierInput({ ...male, womenFactors });
      assert.ok(result.ok);
      assert.deepEqual(result.value.womenFactors, { parenting: false, impulsivityOrTemper: false, recentBreachOrRecall: false });
    }
  });

  it('accepts null for none: RSR, RoSH, needs assessment, OGRS3 and each needs section', () => {
    const nulls = { ...valid, rsr: null, rosh: null, needs: null, ogrs3TwoYearPercent: null, womenFactors: { ...valid.womenFactors, parenting: false } };
    const result = validateTierInput(nulls);
    assert.ok(result.ok);
    assert.deepEqual([result.value.rsr, result.value.rosh, result.value.needs, result.value.ogrs3TwoYearPercent], [null, null, null, null]);
    const sections = validateTierInput({ ...valid, needs: Object.fromEntries(Object.keys(needs).map((k) => [k, null])) });
    assert.ok(sections.ok);
  });

  it('accepts every value at the edges of its range', () => {
    const edges: Record<string, unknown>[] = [
      { rsr: 0 }, { rsr: 100 }, { rsr: 6.995 },
      { rosh: 'low' }, { rosh: 'high' }, { rosh: 'very_high' },
      { mappaLevel: 0 }, { mappaLevel: 2 }, { mappaLevel: 3 },
      { ogrs3TwoYearPercent: 0 }, { ogrs3TwoYearPercent: 100 },
      { complexityFactors: [] },
      { complexityFactors: ['mental_health', 'self_harm', 'vulnerability', 'child_concerns', 'child_protection', 'risk_to_children', 'public_interest', 'adult_at_risk', 'street_gangs', 'terrorism'] },
      { needs: { ...needs, accommodation: 0, thinking_behaviour: 40 } },
      { mandateForChange: false, iomNominal: false, unsupervised: true },
    ];
    for (const edge of edges) assert.ok(validateTierInput({ ...valid, ...edge }).ok, JSON.stringify(edge));
  });

  it('accepts a complexity factor sent twice; the rules count it once', () => {
    const result = validateTierInput({ ...valid, complexityFactors: ['terrorism', 'terrorism'] });
    assert.ok(result.ok);
    assert.equal(calculateTier(result.value).protect.reasons.filter((r) => r.includes('terrorism')).length, 1);
  });

  for (const body of [null, undefined, [], 'B2', 7, true]) {
    it(`refuses a body that is not an object: ${JSON.stringify(body)}`, () => {
      assert.deepEqual(errorsOf(body), { body: 'Send the tier inputs as a JSON object' });
    });
  }

  it('reports every missing input at once, by field', () => {
    assert.deepEqual(Object.keys(errorsOf({})).sort(), [
      'complexityFactors', 'iomNominal', 'mandateForChange', 'mappaLevel', 'needs', 'ogrs3TwoYearPercent', 'rosh', 'rsr', 'sex', 'unsupervised',
    ]);
  });

  it('reports everything wrong at once, by field', () => {
    const errors = errorsOf({
      sex: 'F', rsr: '7', rosh: 'VERY_HIGH', mappaLevel: 4, complexityFactors: ['gangs'], womenFactors: { parenting: 'yes' },
      mandateForChange: 'true', needs: { accommodation: -1 }, ogrs3TwoYearPercent: 57.5, iomNominal: 0, unsupervised: null, crn: 'X123456',
    });
    assert.deepEqual(Object.keys(errors).sort(), [
      'complexityFactors', 'crn', 'iomNominal', 'mandateForChange', 'mappaLevel',
      'needs.accommodation', 'needs.alcohol', 'needs.attitudes', 'needs.drugs', 'needs.emotional', 'needs.ete', 'needs.finance',
      'needs.lifestyle', 'needs.relationships', 'needs.thinking_behaviour',
      'ogrs3TwoYearPercent', 'rosh', 'rsr', 'sex', 'unsupervised',
      'womenFactors.impulsivityOrTemper', 'womenFactors.parenting', 'womenFactors.recentBreachOrRecall',
    ]);
  });

  // Each bad value alone, on an otherwise valid body: the field it is reported against, and what the message says.
  const messages = {
    sex: 'Enter the sex registered at birth: "male" or "female"',
    rsr: 'Enter the RSR score as a percentage from 0 to 100, or null if there is none',
    rosh: 'Enter the overall RoSH level: "low", "medium", "high" or "very_high", or null if there is none',
    mappaLevel: 'Enter the MAPPA level as a whole number from 0 (not managed under MAPPA) to 3',
    complexityFactors: 'Enter the complexity factors as a list of codes, or an empty list if there are none',
    womenFactors: 'Enter the additional factors for women: "parenting", "impulsivityOrTemper", "recentBreachOrRecall", each true or false',
    mandateForChange: 'Say whether there is a mandate for change: true or false',
    needs: 'Enter the needs section scores, or null if there is no needs assessment yet',
    ogrs3TwoYearPercent: 'Enter the OGRS3 two-year score as a whole percentage from 0 to 100, or null if there is none',
    iomNominal: 'Say whether the person is an Integrated Offender Management nominal: true or false',
    unsupervised: 'Say whether the person is under no active supervision in the community: true or false',
  };
  const bad: [keyof typeof messages, unknown[]][] = [
    ['sex', ['Male', 'FEMALE', 'other', '', 1, null, true]],
    ['rsr', [-0.01, 100.01, '7', '', true, {}, [7]]],
    ['rosh', ['VERY_HIGH', 'very high', 'none', '', 3, true]],
    ['mappaLevel', [-1, 4, 1.5, '2', null, true]],
    ['complexityFactors', ['mental_health', null, {}, 2]],
    ['mandateForChange', ['yes', 'true', 1, 0, null]],
    ['needs', ['none', [], 0, true]],
    ['ogrs3TwoYearPercent', [-1, 101, 57.5, '57', true]],
    ['iomNominal', ['false', 0, null]],
    ['unsupervised', ['no', 1, null]],
  ];
  for (const [field, values] of bad) {
    for (const value of values) {
      it(`${field}: refuses ${JSON.stringify(value)}`, () => {
        assert.deepEqual(errorsOf({ ...valid, [field]: value }), { [field]: messages[field] });
      });
    }
    it(`${field}: refuses a body without it`, () => {
      assert.equal(errorsOf(without(valid, field))[field], messages[field]);
    });
  }

  it('names unknown complexity factors and lists the codes', () => {
    assert.deepEqual(errorsOf({ ...valid, complexityFactors: ['gangs'] }), {
      complexityFactors: 'Unknown complexity factor "gangs": use "mental_health", "self_harm", "vulnerability", "child_concerns", "child_protection", "risk_to_children", "public_interest", "adult_at_risk", "street_gangs", "terrorism"',
    });
    assert.match(errorsOf({ ...valid, complexityFactors: ['terrorism', 'MENTAL_HEALTH', 7, null] }).complexityFactors!, /^Unknown complexity factors "MENTAL_HEALTH", 7, null: use /);
  });

  describe('needs sections', () => {
    const sections = Object.keys(needs);
    for (const section of sections) {
      for (const value of [-1, 1.5, '3', true, undefined]) {
        it(`${section}: refuses ${value === undefined ? 'a missing score' : JSON.stringify(value)}`, () => {
          const errors = errorsOf({ ...valid, needs: { ...needs, [section]: value } });
          assert.deepEqual(Object.keys(errors), [`needs.${section}`]);
          assert.match(errors[`needs.${section}`]!, /^Enter the .+ score as a whole number, 0 or more, or null if the section is not scored$/);
        });
      }
    }
    it('names the section in the message', () => {
      assert.equal(
        errorsOf({ ...valid, needs: { ...needs, thinking_behaviour: -2 } })['needs.thinking_behaviour'],
        'Enter the thinking and behaviour score as a whole number, 0 or more, or null if the section is not scored',
      );
    });
    it('refuses a section that is not one of the ten', () => {
      assert.deepEqual(errorsOf({ ...valid, needs: { ...needs, health: 2 } }), {
        'needs.health': `"health" is not a needs section: use ${sections.map((s) => `"${s}"`).join(', ')}`,
      });
    });
  });

  describe('additional factors for women', () => {
    for (const womenFactors of [undefined, null, true, 'none', []]) {
      it(`a woman must send them: refuses ${womenFactors === undefined ? 'none' : JSON.stringify(womenFactors)}`, () => {
        assert.deepEqual(errorsOf({ ...valid, womenFactors }), { womenFactors: messages.womenFactors });
      });
    }
    it('a man who sends them must send them well formed', () => {
      assert.deepEqual(errorsOf({ ...male, womenFactors: 'no' }), { womenFactors: messages.womenFactors });
    });
    const questions = {
      parenting: 'Say whether parenting responsibilities scored above 0 in the needs assessment: true or false',
      impulsivityOrTemper: 'Say whether impulsivity or temper control scored above 0 in the needs assessment: true or false',
      recentBreachOrRecall: 'Say whether there was a breach or recall on an active conviction in the last 12 months: true or false',
    };
    for (const [key, question] of Object.entries(questions)) {
      for (const value of ['yes', 1, null, undefined]) {
        it(`${key}: refuses ${value === undefined ? 'a missing answer' : JSON.stringify(value)}`, () => {
          assert.deepEqual(errorsOf({ ...valid, womenFactors: { ...valid.womenFactors, [key]: value } }), { [`womenFactors.${key}`]: question });
        });
      }
    }
    it('refuses a factor that is not one of the three', () => {
      assert.deepEqual(errorsOf({ ...valid, womenFactors: { ...valid.womenFactors, pregnant: true } }), {
        'womenFactors.pregnant': '"pregnant" is not an additional factor for women: use "parenting", "impulsivityOrTemper", "recentBreachOrRecall"',
      });
    });
    it('refuses assessment answers when there is no needs assessment; a breach or recall is still allowed', () => {
      assert.deepEqual(errorsOf({ ...valid, needs: null, womenFactors: { parenting: true, impulsivityOrTemper: true, recentBreachOrRecall: true } }), {
        'womenFactors.parenting': 'Parenting responsibilities come from the needs assessment: with no assessment, this must be false',
        'womenFactors.impulsivityOrTemper': 'Impulsivity and temper control come from the needs assessment: with no assessment, this must be false',
      });
      assert.ok(validateTierInput({ ...valid, needs: null, womenFactors: { parenting: false, impulsivityOrTemper: false, recentBreachOrRecall: true } }).ok);
    });
  });

  it('refuses a field that is not a tier input, so a misspelling is not silently ignored', () => {
    assert.deepEqual(errorsOf({ ...valid, mappa: 2 }), { mappa: '"mappa" is not a tier input: check the spelling' });
  });
});
