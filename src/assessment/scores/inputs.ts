/**
 * Which inputs each predictor takes from the case record, and where each came from. Pure: the record's
 * facts go in, the predictor's input (with a source per field) or the list of what is missing comes out.
 * Nothing is guessed: an input the record does not hold is asked for, never defaulted.
 */
import type { OgpInput } from '../predictors/ogp.ts';
import type { Ogrs3Input, OffenceCategory } from '../predictors/ogrs3.ts';
import { OFFENCE_CATEGORY_CODES } from '../predictors/ogrs3.ts';
import type { OvpInput } from '../predictors/ovp.ts';
import type { Level, Sex } from '../predictors/common.ts';

export interface PredictorFacts {
  person: { sex: string; dateOfBirth: string };
  /** The current event (latest with an active sentence), from the sentencing record. */
  event: { eventId: number; offenceCategory: string; offenceDescription: string; convictionDate: string; followUpStartDate: string | null } | null;
  /** Previous sanctions from the PNC, confirmed by a practitioner. */
  history: { previousSanctions: number; previousConvictions: number | null; violentSanctions: number | null; firstSanctionDate: string; recordedOn: string; recordedBy: string } | null;
  /** The latest completed needs assessment's answers, keyed by item. */
  needs: { version: number; completedOn: string; answers: Record<string, number> } | null;
}

export type Sources = Record<string, string>;
export interface Missing { field: string; label: string; where: 'sentence' | 'history' | 'needs' }
export type Gathered<T> = { ok: true; input: T; sources: Sources } | { ok: false; missing: Missing[] };

const dmy = (iso: string) => iso.split('-').reverse().join('/');
const isSex = (value: string): value is Sex => value === 'male' || value === 'female';
const isCategory = (value: string): value is OffenceCategory => (OFFENCE_CATEGORY_CODES as readonly string[]).includes(value);

/** OGRS3 needs the person, the current event and the criminal history. */
export function ogrs3InputFrom(facts: PredictorFacts): Gathered<Ogrs3Input> {
  const missing: Missing[] = [];
  const { person, event, history } = facts;
  if (!isSex(person.sex)) missing.push({ field: 'sex', label: 'Sex (male or female) on the person record', where: 'history' });
  if (!event) missing.push({ field: 'event', label: 'A current conviction with its offence and sentence', where: 'sentence' });
  else {
    if (!isCategory(event.offenceCategory)) missing.push({ field: 'offenceCategory', label: 'The main offence of the current conviction', where: 'sentence' });
    if (!event.followUpStartDate) missing.push({ field: 'followUpStartDate', label: 'The sentence date (or release date) of the current conviction', where: 'sentence' });
  }
  if (!history) missing.push({ field: 'history', label: 'Previous sanctions and the date of the first sanction (from the PNC)', where: 'history' });
  if (missing.length || !event || !history || !isSex(person.sex) || !isCategory(event.offenceCategory) || !event.followUpStartDate) return { ok: false, missing };

  const eventSource = `Current conviction (event ${event.eventId}): ${event.offenceDescription}`;
  const historySource = `Criminal history recorded by ${history.recordedBy} on ${dmy(history.recordedOn)}`;
  return {
    ok: true,
    input: {
      sex: person.sex,
      dateOfBirth: person.dateOfBirth,
      followUpStartDate: event.followUpStartDate,
      currentConvictionDate: event.convictionDate,
      firstSanctionDate: history.firstSanctionDate,
      previousSanctions: history.previousSanctions,
      offenceCategory: event.offenceCategory,
      currentSanction: 'conviction',
      ...(history.previousConvictions === null ? {} : { previousConvictions: history.previousConvictions }),
    },
    sources: {
      sex: 'Person record',
      dateOfBirth: 'Person record',
      followUpStartDate: `${eventSource} (sentence or release date)`,
      currentConvictionDate: eventSource,
      offenceCategory: eventSource,
      currentSanction: eventSource,
      firstSanctionDate: historySource,
      previousSanctions: historySource,
      ...(history.previousConvictions === null ? {} : { previousConvictions: historySource }),
    },
  };
}

const level = (answers: Record<string, number>, key: string): Level | undefined => {
  const value = answers[key];
  return value === 0 || value === 1 || value === 2 ? value : undefined;
};

/** Items that are yes/no in the assessment: recorded as 0 (no) or 2 (yes). */
const yes = (answers: Record<string, number>, key: string): boolean | undefined => {
  const value = level(answers, key);
  return value === undefined ? undefined : value > 0;
};

function needsItems<K extends string>(facts: PredictorFacts, keys: readonly K[], predictor: string) {
  if (!facts.needs) return { missing: [{ field: 'needs', label: `A completed needs assessment (${predictor} uses its answers)`, where: 'needs' as const }] };
  const answers = facts.needs.answers;
  const unanswered = keys.filter((key) => level(answers, key) === undefined);
  if (unanswered.length) return { missing: unanswered.map((key) => ({ field: key, label: `Needs assessment item "${key}"`, where: 'needs' as const })) };
  const source = `Needs assessment version ${facts.needs.version}, completed ${dmy(facts.needs.completedOn)}`;
  return { answers, sources: Object.fromEntries(keys.map((key) => [key, source])) as Sources };
}

const OGP_KEYS = ['noFixedAbode', 'unemployed', 'regularOffendingLifestyle', 'currentDrugMisuse', 'motivationToTackleDrugMisuse',
  'problemSolving', 'awarenessOfConsequences', 'understandsOthersViews', 'proCriminalAttitudes'] as const;

/** OGP: OGRS3's two-year percentage plus needs assessment items. */
export function ogpInputFrom(facts: PredictorFacts, ogrs3TwoYearPercent: number | null): Gathered<OgpInput> {
  const items = needsItems(facts, OGP_KEYS, 'OGP');
  const missing: Missing[] = [...(items.missing ?? [])];
  if (ogrs3TwoYearPercent === null) missing.unshift({ field: 'ogrs3', label: 'An OGRS3 score (OGP starts from it)', where: 'history' });
  if (missing.length || !items.answers || ogrs3TwoYearPercent === null) return { ok: false, missing };
  const a = items.answers;
  return {
    ok: true,
    input: {
      ogrs3TwoYearPercent,
      noFixedAbode: yes(a, 'noFixedAbode')!,
      unemployed: yes(a, 'unemployed')!,
      regularOffendingLifestyle: level(a, 'regularOffendingLifestyle')!,
      currentDrugMisuse: level(a, 'currentDrugMisuse')!,
      motivationToTackleDrugMisuse: level(a, 'motivationToTackleDrugMisuse')!,
      problemSolving: level(a, 'problemSolving')!,
      awarenessOfConsequences: level(a, 'awarenessOfConsequences')!,
      understandsOthersViews: level(a, 'understandsOthersViews')!,
      proCriminalAttitudes: level(a, 'proCriminalAttitudes')!,
    },
    sources: { ogrs3TwoYearPercent: 'The OGRS3 score above', ...items.sources! },
  };
}

const OVP_KEYS = ['noFixedAbode', 'unemployed', 'alcoholCurrentUseProblem', 'alcoholExcessiveUse', 'psychiatricTreatment',
  'temperControl', 'proCriminalAttitudes', 'recognisesImpactOfOffending'] as const;

/** OVP: the person, sanction counts from the criminal history, and needs assessment items. */
export function ovpInputFrom(facts: PredictorFacts): Gathered<OvpInput> {
  const base = ogrs3InputFrom(facts);
  const missing = base.ok ? [] : [...base.missing];
  if (facts.history && facts.history.violentSanctions === null) {
    missing.push({ field: 'violentSanctions', label: 'How many sanctions were for violent offences (from the PNC)', where: 'history' });
  }
  const items = needsItems(facts, OVP_KEYS, 'OVP');
  missing.push(...(items.missing ?? []));
  if (!base.ok || missing.length || !items.answers || !facts.history || facts.history.violentSanctions === null) return { ok: false, missing };
  const a = items.answers;
  const history = facts.history;
  const historySource = base.sources.previousSanctions!;
  return {
    ok: true,
    input: {
      sex: base.input.sex,
      dateOfBirth: base.input.dateOfBirth,
      followUpStartDate: base.input.followUpStartDate,
      totalSanctions: history.previousSanctions + 1,
      violentSanctions: history.violentSanctions!,
      // Recorded in the assessment as "does not recognise the impact": 0 recognises it, 2 does not.
      recognisesImpactOfOffending: !yes(a, 'recognisesImpactOfOffending'),
      noFixedAbode: yes(a, 'noFixedAbode')!,
      unemployed: yes(a, 'unemployed')!,
      alcoholCurrentUseProblem: level(a, 'alcoholCurrentUseProblem')!,
      alcoholExcessiveUse: level(a, 'alcoholExcessiveUse')!,
      psychiatricTreatment: yes(a, 'psychiatricTreatment')!,
      temperControl: level(a, 'temperControl')!,
      proCriminalAttitudes: level(a, 'proCriminalAttitudes')!,
    },
    sources: {
      sex: 'Person record',
      dateOfBirth: 'Person record',
      followUpStartDate: base.sources.followUpStartDate!,
      totalSanctions: `${historySource}, plus the current conviction`,
      violentSanctions: historySource,
      ...items.sources!,
    },
  };
}
