/**
 * The tier's inputs read off the case record, each with where it came from, so the tier page can say
 * why every point was given. Pure: facts in, TierInput and sources out. The tier is never typed in.
 */
import {
  COMPLEXITY_FACTORS, hasMandateForChange,
  type ComplexityFactor, type CurrentSentence, type MappaLevel, type NeedScores, type RoshLevel, type TierInput,
} from '../tiering/rules.ts';

export interface TierFacts {
  sex: 'male' | 'female';
  /** The latest completed RoSH assessment. */
  rosh: { overall: RoshLevel; completedOn: string } | null;
  /** Active risk flags: MAPPA, RoSH flags, IOM and the complexity factors. */
  flags: { typeCode: string; name: string; level: string | null; complexityFactor: string | null; registeredOn: string }[];
  needs: { version: number; completedOn: string; sectionScores: NeedScores; answers: Record<string, number> } | null;
  sentences: CurrentSentence[];
  unsupervised: boolean;
  ogrs3: { twoYearPercent: number; calculatedOn: string } | null;
}

const ROSH_FLAGS: Record<string, RoshLevel> = { rosh_very_high: 'very_high', rosh_high: 'high' };
const ROSH_ORDER: RoshLevel[] = ['low', 'medium', 'high', 'very_high'];
const dmy = (iso: string) => iso.split('-').reverse().join('/');

/** "from the latest RoSH assessment or flag" (tiering.md): whichever was recorded last. */
function roshFrom(facts: TierFacts): { level: RoshLevel | null; source: string } {
  const flags = facts.flags
    .filter((flag) => ROSH_FLAGS[flag.typeCode])
    .sort((a, b) => b.registeredOn.localeCompare(a.registeredOn) || ROSH_ORDER.indexOf(ROSH_FLAGS[b.typeCode]!) - ROSH_ORDER.indexOf(ROSH_FLAGS[a.typeCode]!));
  const flag = flags[0];
  const assessment = facts.rosh;
  if (flag && (!assessment || flag.registeredOn > assessment.completedOn)) {
    return { level: ROSH_FLAGS[flag.typeCode]!, source: `Risk flag "${flag.name}" registered ${dmy(flag.registeredOn)}` };
  }
  if (assessment) return { level: assessment.overall, source: `RoSH assessment completed ${dmy(assessment.completedOn)}` };
  return { level: null, source: 'No RoSH assessment or RoSH flag' };
}

function mappaFrom(facts: TierFacts): { level: MappaLevel; source: string } {
  const levels = facts.flags.filter((flag) => flag.typeCode === 'mappa')
    .map((flag) => ({ flag, level: Number(flag.level?.match(/\d/)?.[0] ?? 0) }))
    .filter(({ level }) => level >= 1 && level <= 3)
    .sort((a, b) => b.level - a.level);
  const top = levels[0];
  return top
    ? { level: top.level as MappaLevel, source: `Risk flag "MAPPA: ${top.flag.level}" registered ${dmy(top.flag.registeredOn)}` }
    : { level: 0, source: 'No MAPPA flag' };
}

export function tierInputFrom(facts: TierFacts): { input: TierInput; sources: Record<string, string> } {
  const rosh = roshFrom(facts);
  const mappa = mappaFrom(facts);
  const codes = COMPLEXITY_FACTORS.map((factor) => factor.code as string);
  const complexity = facts.flags.filter((flag) => flag.complexityFactor && codes.includes(flag.complexityFactor));
  const complexityFactors = [...new Set(complexity.map((flag) => flag.complexityFactor as ComplexityFactor))];
  const iom = facts.flags.find((flag) => flag.typeCode === 'iom');
  const needs = facts.needs;
  const needsSource = needs ? `Needs assessment version ${needs.version}, completed ${dmy(needs.completedOn)}` : 'No completed needs assessment';
  const answered = (key: string) => (needs?.answers[key] ?? 0) > 0;
  const mandateForChange = hasMandateForChange(facts.sentences);

  const input: TierInput = {
    sex: facts.sex,
    rsr: null,
    rosh: rosh.level,
    mappaLevel: mappa.level,
    complexityFactors,
    womenFactors: {
      parenting: facts.sex === 'female' && answered('parentingResponsibilities'),
      impulsivityOrTemper: facts.sex === 'female' && (answered('impulsivity') || answered('temperControl')),
      // Breach and recall are recorded by enforcement, which does not exist yet: none can be on record.
      recentBreachOrRecall: false,
    },
    mandateForChange,
    needs: needs?.sectionScores ?? null,
    ogrs3TwoYearPercent: facts.ogrs3?.twoYearPercent ?? null,
    iomNominal: !!iom,
    unsupervised: facts.unsupervised,
  };
  const sources: Record<string, string> = {
    sex: 'Person record',
    rsr: 'RSR is not calculated by this service (its formula is not published with the others), so it scores no points',
    rosh: rosh.source,
    mappaLevel: mappa.source,
    complexityFactors: complexity.length ? `Risk flags: ${[...new Set(complexity.map((flag) => flag.name))].join(', ')}` : 'No complexity factor flags',
    womenFactors: facts.sex === 'female' ? `${needsSource}; no breach or recall recorded` : 'Not applicable (counted for women only)',
    mandateForChange: facts.sentences.length
      ? `${facts.sentences.length} current sentence${facts.sentences.length === 1 ? '' : 's'}: ${mandateForChange ? 'custodial, or with a requirement that is not purely restrictive' : 'only restrictive requirements or unpaid work'}`
      : 'No current sentence',
    needs: needsSource,
    ogrs3TwoYearPercent: facts.ogrs3 ? `OGRS3 calculated ${dmy(facts.ogrs3.calculatedOn)}` : 'No OGRS3 score',
    iomNominal: iom ? `Risk flag "${iom.name}" registered ${dmy(iom.registeredOn)}` : 'No IOM flag',
    unsupervised: facts.unsupervised ? 'Current sentence is in its unsupervised part' : 'Under supervision',
  };
  return { input, sources };
}
