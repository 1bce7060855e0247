import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CHANGE_LEVELS, COMPLEXITY_FACTORS, NEED_SECTIONS, PROTECT_LEVELS, RSR_BANDS,
  calculateTier, changeLevelFor, hasMandateForChange, protectLevelFor,
  type ComplexityFactor, type NeedScores, type TierInput,
} from './rules.ts';

const noNeeds: NeedScores = {
  accommodation: 0, ete: 0, relationships: 0, lifestyle: 0, drugs: 0, alcohol: 0, thinking_behaviour: 0, attitudes: 0, finance: 0, emotional: 0,
};

/** A man with nothing that scores: D1 with 0 points on both axes. */
const base: TierInput = {
  sex: 'male',
  rsr: null,
  rosh: null,
  mappaLevel: 0,
  complexityFactors: [],
  womenFactors: { parenting: false, impulsivityOrTemper: false, recentBreachOrRecall: false },
  mandateForChange: true,
  needs: noNeeds,
  ogrs3TwoYearPercent: 0,
  iomNominal: false,
  unsupervised: false,
};
const tier = (changes: Partial<TierInput>) => calculateTier({ ...base, ...changes });
const needs = (scores: Partial<NeedScores>): NeedScores => ({ ...noNeeds, ...scores });
const woman = (factors: Partial<TierInput['womenFactors']>, changes: Partial<TierInput> = {}) =>
  tier({ sex: 'female', womenFactors: { ...base.womenFactors, ...factors }, ...changes });

describe('the rule tables', () => {
  it('leave no gap and no overlap between levels', () => {
    for (const levels of [PROTECT_LEVELS, CHANGE_LEVELS] as const) {
      assert.equal(levels[0]!.to, null);
      assert.equal(levels[levels.length - 1]!.from, 0);
      levels.forEach((row, i) => {
        if (i > 0) assert.equal(row.to, levels[i - 1]!.from - 1);
      });
    }
  });

  it('list the RSR bands highest first, ending at 0', () => {
    assert.deepEqual(RSR_BANDS.map((b) => [b.from, b.points]), [[7, 20], [3, 10], [0, 0]]);
  });

  it('name ten complexity factors and ten needs sections', () => {
    assert.equal(new Set(COMPLEXITY_FACTORS.map((f) => f.code)).size, 10);
    assert.equal(new Set(NEED_SECTIONS.map((s) => s.key)).size, 10);
  });
});

describe('protect level', () => {
  it('a case with nothing that scores is D with every factor explained', () => {
    assert.deepEqual(tier({}).protect, {
      level: 'D',
      points: 0,
      reasons: ['Protect D: 0 points (D is below 10)', 'No RSR score: 0 points', 'No RoSH level: 0 points', 'No MAPPA level: 0 points', 'No complexity factors: 0 points'],
    });
  });

  // Every RSR threshold: just below, at, just above; and 6.995, which the reference implementation's gap would have scored 0.
  const rsrCases: [number | null, number, string][] = [
    [null, 0, 'No RSR score: 0 points'],
    [0, 0, 'RSR 0%: 0 points (below 3.00)'],
    [2.99, 0, 'RSR 2.99%: 0 points (below 3.00)'],
    [2.999999, 0, 'RSR 2.999999%: 0 points (below 3.00)'],
    [3, 10, 'RSR 3%: 10 points (3.00 to below 7.00)'],
    [3.01, 10, 'RSR 3.01%: 10 points (3.00 to below 7.00)'],
    [6.99, 10, 'RSR 6.99%: 10 points (3.00 to below 7.00)'],
    [6.995, 10, 'RSR 6.995%: 10 points (3.00 to below 7.00)'],
    [6.999999, 10, 'RSR 6.999999%: 10 points (3.00 to below 7.00)'],
    [7, 20, 'RSR 7%: 20 points (7.00 and above)'],
    [7.01, 20, 'RSR 7.01%: 20 points (7.00 and above)'],
    [99.99, 20, 'RSR 99.99%: 20 points (7.00 and above)'],
    [100, 20, 'RSR 100%: 20 points (7.00 and above)'],
  ];
  for (const [rsr, points, reason] of rsrCases) {
    it(`RSR ${rsr}% alone gives ${points} points`, () => {
      const result = tier({ rsr }).protect;
      assert.equal(result.points, points);
      assert.equal(result.reasons[1], reason);
    });
  }

  const roshCases: [TierInput['rosh'], number, string, string][] = [
    [null, 0, 'D', 'No RoSH level: 0 points'],
    ['low', 0, 'D', 'RoSH low: 0 points'],
    ['medium', 10, 'C', 'RoSH medium: 10 points'],
    ['high', 20, 'B', 'RoSH high: 20 points'],
    ['very_high', 150, 'A', 'RoSH very high: 150 points'],
  ];
  for (const [rosh, points, level, reason] of roshCases) {
    it(`RoSH ${rosh} alone gives ${points} points, protect ${level}`, () => {
      const result = tier({ rosh }).protect;
      assert.equal(result.points, points);
      assert.equal(result.level, level);
      assert.equal(result.reasons[2], reason);
    });
  }

  describe('only the larger of RSR and RoSH counts', () => {
    // Every RSR band against every RoSH level: the total is the larger of the two.
    const rsrs: [number | null, number][] = [[null, 0], [1, 0], [5, 10], [8, 20]];
    const roshes: [TierInput['rosh'], number][] = [[null, 0], ['low', 0], ['medium', 10], ['high', 20], ['very_high', 150]];
    for (const [rsr, rsrPoints] of rsrs) {
      for (const [rosh, roshPoints] of roshes) {
        it(`RSR ${rsr} (${rsrPoints}) with RoSH ${rosh} (${roshPoints}) gives ${Math.max(rsrPoints, roshPoints)}`, () => {
          assert.equal(tier({ rsr, rosh }).protect.points, Math.max(rsrPoints, roshPoints));
        });
      }
    }

    it('says which one was not counted', () => {
      assert.deepEqual(tier({ rsr: 8.2, rosh: 'medium' }).protect.reasons.slice(0, 3), [
        'Protect B: 20 points (B is 20 to 149)',
        'RSR 8.2%: 20 points (7.00 and above)',
        'RoSH medium: 10 points, not counted: only the larger of RSR and RoSH counts',
      ]);
      assert.deepEqual(tier({ rsr: 4, rosh: 'very_high' }).protect.reasons.slice(0, 3), [
        'Protect A: 150 points (A is 150 or more)',
        'RSR 4%: 10 points (3.00 to below 7.00), not counted: only the larger of RSR and RoSH counts',
        'RoSH very high: 150 points',
      ]);
    });

    it('on a tie counts one of them, once', () => {
      const result = tier({ rsr: 7, rosh: 'high' }).protect;
      assert.equal(result.points, 20);
      assert.deepEqual(result.reasons.slice(1, 3), [
        'RSR 7%: 20 points (7.00 and above), not counted: only the larger of RSR and RoSH counts',
        'RoSH high: 20 points',
      ]);
    });

    it('does not call a factor that scored nothing "not counted"', () => {
      assert.deepEqual(tier({ rsr: 1, rosh: 'high' }).protect.reasons.slice(1, 3), ['RSR 1%: 0 points (below 3.00)', 'RoSH high: 20 points']);
    });
  });

  const mappaCases: [TierInput['mappaLevel'], number, string, string][] = [
    [0, 0, 'D', 'No MAPPA level: 0 points'],
    [1, 5, 'D', 'MAPPA level 1: 5 points'],
    [2, 150, 'A', 'MAPPA level 2: 150 points'],
    [3, 150, 'A', 'MAPPA level 3: 150 points'],
  ];
  for (const [mappaLevel, points, level, reason] of mappaCases) {
    it(`MAPPA level ${mappaLevel} alone gives ${points} points, protect ${level}`, () => {
      const result = tier({ mappaLevel }).protect;
      assert.deepEqual([result.points, result.level, result.reasons[3]], [points, level, reason]);
    });
  }

  it('MAPPA adds to the larger of RSR and RoSH', () => {
    assert.equal(tier({ mappaLevel: 3, rosh: 'very_high', rsr: 50 }).protect.points, 300);
    assert.equal(tier({ mappaLevel: 1, rosh: 'medium' }).protect.points, 15);
  });

  describe('complexity factors', () => {
    const labels: Record<ComplexityFactor, string> = {
      mental_health: 'mental health issues',
      self_harm: 'self-harm or attempted suicide',
      vulnerability: 'vulnerability',
      child_concerns: 'child concerns',
      child_protection: 'child protection',
      risk_to_children: 'risk to children',
      public_interest: 'public interest case',
      adult_at_risk: 'adult at risk',
      street_gangs: 'street gangs',
      terrorism: 'terrorism',
    };
    for (const [code, label] of Object.entries(labels) as [ComplexityFactor, string][]) {
      it(`${code} alone gives 2 points`, () => {
        const result = tier({ complexityFactors: [code] }).protect;
        assert.equal(result.points, 2);
        assert.equal(result.reasons[4], `Complexity factor ${label}: 2 points`);
        assert.equal(result.reasons.length, 5);
      });
    }

    it('counts each distinct factor once', () => {
      assert.equal(tier({ complexityFactors: ['terrorism', 'terrorism', 'mental_health', 'terrorism'] }).protect.points, 4);
    });

    it('all ten give 20 points: protect B', () => {
      const result = tier({ complexityFactors: COMPLEXITY_FACTORS.map((f) => f.code) }).protect;
      assert.deepEqual([result.points, result.level, result.reasons.length], [20, 'B', 14]);
    });
  });

  describe('additional factors for women', () => {
    const cases: [Partial<TierInput['womenFactors']>, number, string[]][] = [
      [{}, 0, ['No additional factors for women: 0 points']],
      [{ parenting: true }, 2, ['Parenting responsibilities (women only): 2 points (1 doubled)']],
      [{ impulsivityOrTemper: true }, 2, ['Impulsivity or temper control (women only): 2 points (1 doubled)']],
      [{ recentBreachOrRecall: true }, 2, ['Breach or recall in the last 12 months (women only): 2 points']],
      [{ parenting: true, impulsivityOrTemper: true }, 4, [
        'Parenting responsibilities (women only): 2 points (1 doubled)',
        'Impulsivity or temper control (women only): 2 points (1 doubled)',
      ]],
      [{ parenting: true, recentBreachOrRecall: true }, 4, [
        'Parenting responsibilities (women only): 2 points (1 doubled)',
        'Breach or recall in the last 12 months (women only): 2 points',
      ]],
      [{ parenting: true, impulsivityOrTemper: true, recentBreachOrRecall: true }, 6, [
        'Parenting responsibilities (women only): 2 points (1 doubled)',
        'Impulsivity or temper control (women only): 2 points (1 doubled)',
        'Breach or recall in the last 12 months (women only): 2 points',
      ]],
    ];
    for (const [factors, points, reasons] of cases) {
      it(`for a woman, ${JSON.stringify(factors)} gives ${points} points`, () => {
        const result = woman(factors).protect;
        assert.equal(result.points, points);
        assert.deepEqual(result.reasons.slice(5), reasons);
      });
      it(`for a man, ${JSON.stringify(factors)} gives nothing`, () => {
        const result = tier({ womenFactors: { ...base.womenFactors, ...factors } }).protect;
        assert.equal(result.points, 0);
        assert.deepEqual(result.reasons.slice(5), points ? ['Additional factors for women do not apply to men: 0 points'] : []);
      });
    }

    it('can lift a woman a level where a man stays', () => {
      const factors = { parenting: true, impulsivityOrTemper: true, recentBreachOrRecall: true };
      assert.equal(woman(factors, { mappaLevel: 1 }).protect.level, 'C'); // 5 + 6 = 11
      assert.equal(tier({ womenFactors: factors, mappaLevel: 1 }).protect.level, 'D'); // 5
    });
  });

  // Every protect threshold (just below, at, just above), on the table itself and through real inputs where reachable.
  const levelTable: [number, string][] = [[0, 'D'], [9, 'D'], [10, 'C'], [11, 'C'], [19, 'C'], [20, 'B'], [21, 'B'], [149, 'B'], [150, 'A'], [151, 'A'], [1000, 'A']];
  for (const [points, level] of levelTable) {
    it(`${points} points is protect ${level}`, () => assert.equal(protectLevelFor(points), level));
  }
  const reachable: [Partial<TierInput>, number, string, string][] = [
    [{ mappaLevel: 1, complexityFactors: ['terrorism', 'street_gangs'] }, 9, 'D', 'Protect D: 9 points (D is below 10)'],
    [{ rsr: 3 }, 10, 'C', 'Protect C: 10 points (C is 10 to 19)'],
    [{ mappaLevel: 1, complexityFactors: ['terrorism', 'street_gangs', 'vulnerability'] }, 11, 'C', 'Protect C: 11 points (C is 10 to 19)'],
    [{ rosh: 'medium', mappaLevel: 1, complexityFactors: ['terrorism', 'street_gangs'] }, 19, 'C', 'Protect C: 19 points (C is 10 to 19)'],
    [{ rsr: 7 }, 20, 'B', 'Protect B: 20 points (B is 20 to 149)'],
    [{ rosh: 'medium', mappaLevel: 1, complexityFactors: ['terrorism', 'street_gangs', 'vulnerability'] }, 21, 'B', 'Protect B: 21 points (B is 20 to 149)'],
    [{ mappaLevel: 2 }, 150, 'A', 'Protect A: 150 points (A is 150 or more)'],
    [{ mappaLevel: 2, complexityFactors: ['terrorism'] }, 152, 'A', 'Protect A: 152 points (A is 150 or more)'],
  ];
  for (const [changes, points, level, reason] of reachable) {
    it(`${JSON.stringify(changes)} is protect ${level} on ${points} points`, () => {
      const result = tier(changes).protect;
      assert.deepEqual([result.points, result.level, result.reasons[0]], [points, level, reason]);
    });
  }

  it('the most a case can score short of A is 51 points: still B', () => {
    const result = tier({
      sex: 'female', rsr: 50, rosh: 'high', mappaLevel: 1, complexityFactors: COMPLEXITY_FACTORS.map((f) => f.code),
      womenFactors: { parenting: true, impulsivityOrTemper: true, recentBreachOrRecall: true },
    }).protect;
    assert.deepEqual([result.points, result.level], [51, 'B']);
  });
});

describe('change level', () => {
  it('no mandate for change is 0 whatever the needs, OGRS3 and IOM', () => {
    const result = tier({ mandateForChange: false, needs: needs({ thinking_behaviour: 20, attitudes: 20 }), ogrs3TwoYearPercent: 99, iomNominal: true });
    assert.deepEqual(result.change, {
      level: 0,
      points: 0,
      reasons: ['Change 0: no mandate for change (no current custodial sentence, and no requirement that is not purely restrictive)'],
    });
    assert.equal(tier({ mandateForChange: false, needs: null }).change.level, 0);
  });

  it('a mandate but no needs assessment yet is 2 whatever the OGRS3 and IOM', () => {
    for (const [ogrs3TwoYearPercent, iomNominal] of [[0, false], [99, true], [null, false]] as const) {
      assert.deepEqual(tier({ needs: null, ogrs3TwoYearPercent, iomNominal }).change, { level: 2, points: 0, reasons: ['Change 2: no needs assessment yet'] });
    }
  });

  it('an assessment with no needs and OGRS3 0 is 1, not 0: the case still has a mandate', () => {
    const result = tier({}).change;
    assert.deepEqual([result.level, result.points], [1, 0]);
    assert.deepEqual(result.reasons, [
      'Change 1: 0 points (1 is below 10)',
      'Accommodation 0, no need: 0 points (weight 1 × 0)',
      'Education, training and employability 0, no need: 0 points (weight 1 × 0)',
      'Relationships 0, no need: 0 points (weight 1 × 0)',
      'Lifestyle and associates 0, no need: 0 points (weight 1 × 0)',
      'Drug misuse 0, no need: 0 points (weight 1 × 0)',
      'Alcohol misuse 0, no need: 0 points (weight 1 × 0)',
      'Thinking and behaviour 0, no need: 0 points (weight 2 × 0)',
      'Attitudes 0, no need: 0 points (weight 2 × 0)',
      'Financial management and income 0: 0 points (weight 0)',
      'Emotional well-being 0: 0 points (weight 0)',
      'OGRS3 two-year 0%: 0 points (0 ÷ 10, rounded down)',
      'Not an Integrated Offender Management nominal: 0 points',
    ]);
  });

  // Written out from tiering.md rather than read from the rules, so a typo in either shows.
  const sections: [keyof NeedScores, string, number, number, number][] = [
    ['accommodation', 'Accommodation', 1, 2, 7],
    ['ete', 'Education, training and employability', 1, 3, 7],
    ['relationships', 'Relationships', 1, 2, 5],
    ['lifestyle', 'Lifestyle and associates', 1, 2, 5],
    ['drugs', 'Drug misuse', 1, 2, 8],
    ['alcohol', 'Alcohol misuse', 1, 4, 7],
    ['thinking_behaviour', 'Thinking and behaviour', 2, 4, 7],
    ['attitudes', 'Attitudes', 2, 2, 7],
  ];
  for (const [key, label, weight, standard, severe] of sections) {
    describe(`${key}: weight ${weight}, standard from ${standard}, severe from ${severe}`, () => {
      const cases: [number, number, string][] = [
        [0, 0, 'no need'],
        [standard - 1, 0, 'no need'],
        [standard, 1, 'standard need'],
        [standard + 1, 1, 'standard need'],
        [severe - 1, 1, 'standard need'],
        [severe, 2, 'severe need'],
        [severe + 1, 2, 'severe need'],
      ];
      for (const [score, severity, name] of cases) {
        it(`${score} is ${name}: ${weight * severity} points`, () => {
          const result = tier({ needs: needs({ [key]: score }) }).change;
          assert.equal(result.points, weight * severity);
          assert.ok(result.reasons.includes(`${label} ${score}, ${name}: ${weight * severity} point${weight * severity === 1 ? '' : 's'} (weight ${weight} × ${severity})`), result.reasons.join('\n'));
        });
      }
      it('not scored gives 0 points', () => {
        const result = tier({ needs: needs({ [key]: null }) }).change;
        assert.equal(result.points, 0);
        assert.ok(result.reasons.includes(`${label} not scored: 0 points`));
      });
    });
  }

  it('financial management and emotional well-being never count', () => {
    const result = tier({ needs: needs({ finance: 20, emotional: 20 }) }).change;
    assert.equal(result.points, 0);
    assert.ok(result.reasons.includes('Financial management and income 20: 0 points (weight 0)'));
    assert.ok(result.reasons.includes('Emotional well-being 20: 0 points (weight 0)'));
  });

  it('every need severe is 20 points: change 3', () => {
    const all = needs({ accommodation: 7, ete: 7, relationships: 5, lifestyle: 5, drugs: 8, alcohol: 7, thinking_behaviour: 7, attitudes: 7 });
    assert.deepEqual([tier({ needs: all }).change.points, tier({ needs: all }).change.level], [20, 3]);
  });

  const ogrsCases: [number | null, number, string][] = [
    [null, 0, 'No OGRS3 score: 0 points'],
    [0, 0, 'OGRS3 two-year 0%: 0 points (0 ÷ 10, rounded down)'],
    [9, 0, 'OGRS3 two-year 9%: 0 points (9 ÷ 10, rounded down)'],
    [10, 1, 'OGRS3 two-year 10%: 1 point (10 ÷ 10, rounded down)'],
    [11, 1, 'OGRS3 two-year 11%: 1 point (11 ÷ 10, rounded down)'],
    [19, 1, 'OGRS3 two-year 19%: 1 point (19 ÷ 10, rounded down)'],
    [57, 5, 'OGRS3 two-year 57%: 5 points (57 ÷ 10, rounded down)'],
    [99, 9, 'OGRS3 two-year 99%: 9 points (99 ÷ 10, rounded down)'],
    [100, 10, 'OGRS3 two-year 100%: 10 points (100 ÷ 10, rounded down)'],
  ];
  for (const [ogrs3TwoYearPercent, points, reason] of ogrsCases) {
    it(`OGRS3 ${ogrs3TwoYearPercent}% gives ${points} points`, () => {
      const result = tier({ ogrs3TwoYearPercent }).change;
      assert.equal(result.points, points);
      assert.equal(result.reasons[11], reason);
    });
  }

  it('an IOM nominal adds 2 points', () => {
    const result = tier({ iomNominal: true }).change;
    assert.equal(result.points, 2);
    assert.equal(result.reasons.at(-1), 'Integrated Offender Management nominal: 2 points');
  });

  // Every change threshold (just below, at, just above), on the table itself and through real inputs.
  const levelTable: [number, number][] = [[0, 1], [9, 1], [10, 2], [11, 2], [19, 2], [20, 3], [21, 3], [32, 3]];
  for (const [points, level] of levelTable) {
    it(`${points} points is change ${level}`, () => assert.equal(changeLevelFor(points), level));
  }
  const severeThinking = { thinking_behaviour: 7, attitudes: 7 }; // 4 + 4
  const reachable: [Partial<TierInput>, number, number, string][] = [
    [{ ogrs3TwoYearPercent: 99 }, 9, 1, 'Change 1: 9 points (1 is below 10)'],
    [{ ogrs3TwoYearPercent: 100 }, 10, 2, 'Change 2: 10 points (2 is 10 to 19)'],
    [{ ogrs3TwoYearPercent: 100, needs: needs({ accommodation: 2 }) }, 11, 2, 'Change 2: 11 points (2 is 10 to 19)'],
    [{ ogrs3TwoYearPercent: 90, needs: needs(severeThinking), iomNominal: true }, 19, 2, 'Change 2: 19 points (2 is 10 to 19)'],
    [{ ogrs3TwoYearPercent: 100, needs: needs(severeThinking), iomNominal: true }, 20, 3, 'Change 3: 20 points (3 is 20 or more)'],
    [{ ogrs3TwoYearPercent: 100, needs: needs({ ...severeThinking, accommodation: 2 }), iomNominal: true }, 21, 3, 'Change 3: 21 points (3 is 20 or more)'],
  ];
  for (const [changes, points, level, reason] of reachable) {
    it(`${JSON.stringify(changes)} is change ${level} on ${points} points`, () => {
      const result = tier(changes).change;
      assert.deepEqual([result.points, result.level, result.reasons[0]], [points, level, reason]);
    });
  }

  it('the most a case can score is 32 points', () => {
    const all = needs({ accommodation: 9, ete: 9, relationships: 9, lifestyle: 9, drugs: 9, alcohol: 9, thinking_behaviour: 9, attitudes: 9 });
    assert.equal(tier({ needs: all, ogrs3TwoYearPercent: 100, iomNominal: true }).change.points, 32);
  });
});

describe('the tier', () => {
  it('is protect then change, e.g. B2 (tiering.md)', () => {
    assert.equal(tier({ rosh: 'high', ogrs3TwoYearPercent: 100 }).tier, 'B2');
  });

  it('carries S when the person is under no active supervision, e.g. B2S (tiering.md)', () => {
    assert.equal(tier({ rosh: 'high', ogrs3TwoYearPercent: 100, unsupervised: true }).tier, 'B2S');
    assert.equal(tier({ unsupervised: true, mandateForChange: false }).tier, 'D0S');
  });

  it('explains itself: RoSH high with a complexity factor is "Protect B: 22 points (B is 20 to 149)" (issue 3)', () => {
    const result = tier({ rosh: 'high', complexityFactors: ['mental_health'], needs: null });
    assert.deepEqual(result, {
      tier: 'B2',
      protect: {
        level: 'B',
        points: 22,
        reasons: [
          'Protect B: 22 points (B is 20 to 149)',
          'No RSR score: 0 points',
          'RoSH high: 20 points',
          'No MAPPA level: 0 points',
          'Complexity factor mental health issues: 2 points',
        ],
      },
      change: { level: 2, points: 0, reasons: ['Change 2: no needs assessment yet'] },
    });
  });

  it('RSR 6.995% is "3.00 to below 7.00" (tiering.md): C, not D', () => {
    const result = tier({ rsr: 6.995 });
    assert.deepEqual([result.protect.points, result.tier], [10, 'C1']);
  });

  it('women\'s assessment factors give 0, 2 or 4, impulsivity and temper counted once (tiering.md)', () => {
    assert.deepEqual(
      [{}, { parenting: true }, { impulsivityOrTemper: true }, { parenting: true, impulsivityOrTemper: true }].map((f) => woman(f).protect.points),
      [0, 2, 2, 4],
    );
  });

  it('a full case: a woman on licence with needs', () => {
    const result = calculateTier({
      sex: 'female',
      rsr: 5.4,
      rosh: 'medium',
      mappaLevel: 0,
      complexityFactors: ['self_harm', 'child_concerns'],
      womenFactors: { parenting: true, impulsivityOrTemper: false, recentBreachOrRecall: true },
      mandateForChange: true,
      needs: { accommodation: 3, ete: 2, relationships: 6, lifestyle: null, drugs: 8, alcohol: 1, thinking_behaviour: 5, attitudes: 1, finance: 4, emotional: 6 },
      ogrs3TwoYearPercent: 64,
      iomNominal: true,
      unsupervised: false,
    });
    assert.deepEqual(result, {
      tier: 'C2',
      protect: {
        level: 'C',
        points: 18,
        reasons: [
          'Protect C: 18 points (C is 10 to 19)',
          'RSR 5.4%: 10 points (3.00 to below 7.00), not counted: only the larger of RSR and RoSH counts',
          'RoSH medium: 10 points',
          'No MAPPA level: 0 points',
          'Complexity factor self-harm or attempted suicide: 2 points',
          'Complexity factor child concerns: 2 points',
          'Parenting responsibilities (women only): 2 points (1 doubled)',
          'Breach or recall in the last 12 months (women only): 2 points',
        ],
      },
      change: {
        level: 2,
        points: 15,
        reasons: [
          'Change 2: 15 points (2 is 10 to 19)',
          'Accommodation 3, standard need: 1 point (weight 1 × 1)',
          'Education, training and employability 2, no need: 0 points (weight 1 × 0)',
          'Relationships 6, severe need: 2 points (weight 1 × 2)',
          'Lifestyle and associates not scored: 0 points',
          'Drug misuse 8, severe need: 2 points (weight 1 × 2)',
          'Alcohol misuse 1, no need: 0 points (weight 1 × 0)',
          'Thinking and behaviour 5, standard need: 2 points (weight 2 × 1)',
          'Attitudes 1, no need: 0 points (weight 2 × 0)',
          'Financial management and income 4: 0 points (weight 0)',
          'Emotional well-being 6: 0 points (weight 0)',
          'OGRS3 two-year 64%: 6 points (64 ÷ 10, rounded down)',
          'Integrated Offender Management nominal: 2 points',
        ],
      },
    });
  });

  it('a MAPPA level 2 man on the unsupervised part of a licence with no mandate is A0S', () => {
    assert.equal(tier({ mappaLevel: 2, mandateForChange: false, unsupervised: true }).tier, 'A0S');
  });
});

describe('hasMandateForChange', () => {
  const rar = { type: 'rehabilitation_activity', restrictive: false };
  const unpaidWork = { type: 'unpaid_work', restrictive: false };
  const curfew = { type: 'curfew', restrictive: true };
  const exclusion = { type: 'exclusion', restrictive: true };
  const cases: [string, Parameters<typeof hasMandateForChange>[0], boolean][] = [
    ['no current sentence', [], false],
    ['a custodial sentence', [{ custodial: true, requirements: [] }], true],
    ['a community order with no requirements', [{ custodial: false, requirements: [] }], false],
    ['unpaid work alone', [{ custodial: false, requirements: [unpaidWork] }], false],
    ['curfew and exclusion', [{ custodial: false, requirements: [curfew, exclusion] }], false],
    ['unpaid work and curfew', [{ custodial: false, requirements: [unpaidWork, curfew] }], false],
    ['a rehabilitation activity requirement', [{ custodial: false, requirements: [rar] }], true],
    ['unpaid work with a rehabilitation activity requirement', [{ custodial: false, requirements: [unpaidWork, rar] }], true],
    ['a restrictive order beside a custodial sentence', [{ custodial: false, requirements: [curfew] }, { custodial: true, requirements: [] }], true],
  ];
  for (const [name, sentences, expected] of cases) {
    it(`${name}: ${expected ? 'a mandate' : 'no mandate'}`, () => assert.equal(hasMandateForChange(sentences), expected));
  }
});
