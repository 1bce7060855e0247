/**
 * The criminogenic needs assessment as data: the OASys sections (keys, labels and thresholds from the
 * tiering rules), their items with the answers OASys scores 0, 1 and 2, and the resettlement pathways
 * that group them (/work/shared/domain/predictors.md, "Criminogenic needs"). The form, the scoring,
 * the pages and the chart only read these lists. Items the predictors and the tier read keep the
 * predictors' keys, labels and answer orders, so a completed assessment feeds them as it stands.
 */
import { OGP_ITEMS } from '../predictors/ogp.ts';
import { OVP_LEVEL_ITEMS } from '../predictors/ovp.ts';
import { NEED_SECTIONS, type NeedSection } from '../tiering/rules.ts';

export type Score = 0 | 1 | 2;
export interface Answer { score: Score; label: string }
export interface NeedItem { key: string; label: string; answers: readonly Answer[] }

const scored = (labels: readonly [string, string, string]): Answer[] => labels.map((label, score) => ({ score: score as Score, label }));
const PROBLEMS = scored(['no problems', 'some problems', 'significant problems']);
const MOTIVATION = scored(['full motivation', 'partial motivation', 'no motivation']);
/** A yes/no item as OASys records it: "yes" is the problem and scores 2, "no" scores 0. */
const YES_IS_PROBLEM: Answer[] = [{ score: 0, label: 'no' }, { score: 2, label: 'yes' }];
const problems = (key: string, label: string): NeedItem => ({ key, label, answers: PROBLEMS });
const predictorItem = (items: Record<string, { label: string; answers: readonly [string, string, string] }>, key: string): NeedItem =>
  ({ key, label: items[key]!.label, answers: scored(items[key]!.answers) });

export const PATHWAYS = [
  { key: 'accommodation', label: 'Accommodation' },
  { key: 'ete', label: 'Education, training and employment' },
  { key: 'health', label: 'Health' },
  { key: 'drugs_alcohol', label: 'Drugs and alcohol' },
  { key: 'finance', label: 'Finance, benefit and debt' },
  { key: 'children_families', label: 'Children and families' },
  { key: 'attitudes_thinking', label: 'Attitudes, thinking and behaviour' },
] as const;
export type Pathway = (typeof PATHWAYS)[number]['key'];

/**
 * Finance and emotional well-being carry no thresholds in tiering.md (they never count towards the
 * tier). This service flags them as a standard need from 2, one significant problem or two lesser
 * ones, the lowest threshold the tier uses for any section, and defines no severe level for them.
 */
const LOCAL_THRESHOLDS: Partial<Record<NeedSection, { standard: number; severe: null }>> = {
  finance: { standard: 2, severe: null },
  emotional: { standard: 2, severe: null },
};

const ITEMS: Record<NeedSection, { pathway: Pathway; items: NeedItem[] }> = {
  accommodation: { pathway: 'accommodation', items: [
    { key: 'noFixedAbode', label: 'No fixed abode or transient accommodation', answers: YES_IS_PROBLEM },
    problems('suitabilityOfAccommodation', 'Suitability of accommodation'),
    problems('permanenceOfAccommodation', 'Permanence of accommodation'),
    problems('suitabilityOfLocation', 'Suitability of the location of the accommodation'),
  ] },
  ete: { pathway: 'ete', items: [
    { key: 'unemployed', label: 'Unemployed, or will be on release', answers: YES_IS_PROBLEM },
    problems('employmentHistory', 'Employment history'),
    problems('workRelatedSkills', 'Work-related skills'),
    problems('attitudeToEmployment', 'Attitude to employment'),
    problems('basicSkills', 'Problems with reading, writing or numeracy'),
  ] },
  finance: { pathway: 'finance', items: [
    problems('financialSituation', 'Financial situation, including debt'),
    problems('financialManagement', 'Financial management and budgeting'),
    problems('illegalEarnings', 'Illegal earnings as a source of income'),
    problems('relianceOnOthers', 'Over-reliance on family or friends for financial support'),
  ] },
  relationships: { pathway: 'children_families', items: [
    problems('closeFamilyRelationships', 'Current relationship with close family members'),
    problems('partnerRelationship', 'Current relationship with partner'),
    problems('parentingResponsibilities', 'Parenting responsibilities'),
    problems('childhoodExperience', 'Experience of childhood'),
  ] },
  lifestyle: { pathway: 'attitudes_thinking', items: [
    predictorItem(OGP_ITEMS, 'regularOffendingLifestyle'),
    problems('easilyInfluenced', 'Easily influenced by criminal associates'),
    problems('recklessness', 'Recklessness and risk-taking behaviour'),
    problems('constructiveActivities', 'Lack of constructive activities'),
  ] },
  drugs: { pathway: 'drugs_alcohol', items: [
    predictorItem(OGP_ITEMS, 'currentDrugMisuse'),
    problems('pastDrugMisuse', 'Past drug misuse'),
    problems('drugsMajorActivity', 'Using and obtaining drugs a major activity'),
    problems('drugsLinkedToOffending', 'Drug misuse linked to offending'),
    predictorItem(OGP_ITEMS, 'motivationToTackleDrugMisuse'),
  ] },
  alcohol: { pathway: 'drugs_alcohol', items: [
    predictorItem(OVP_LEVEL_ITEMS, 'alcoholCurrentUseProblem'),
    predictorItem(OVP_LEVEL_ITEMS, 'alcoholExcessiveUse'),
    problems('pastAlcoholMisuse', 'Frequency and level of alcohol misuse in the past'),
    problems('violenceRelatedToAlcohol', 'Violent behaviour related to alcohol use'),
    { key: 'motivationToTackleAlcoholMisuse', label: 'Motivation to tackle alcohol misuse', answers: MOTIVATION },
  ] },
  emotional: { pathway: 'health', items: [
    { key: 'psychiatricTreatment', label: 'In psychiatric treatment now, or treatment pending', answers: YES_IS_PROBLEM },
    problems('difficultiesCoping', 'Difficulties coping'),
    problems('psychologicalProblems', 'Current psychological problems or depression'),
    problems('socialIsolation', 'Social isolation'),
  ] },
  thinking_behaviour: { pathway: 'attitudes_thinking', items: [
    predictorItem(OGP_ITEMS, 'problemSolving'),
    predictorItem(OGP_ITEMS, 'awarenessOfConsequences'),
    predictorItem(OGP_ITEMS, 'understandsOthersViews'),
    predictorItem(OVP_LEVEL_ITEMS, 'temperControl'),
    problems('impulsivity', 'Impulsivity'),
  ] },
  attitudes: { pathway: 'attitudes_thinking', items: [
    predictorItem(OGP_ITEMS, 'proCriminalAttitudes'),
    // "no" is the problem here: the person does not recognise the impact, which OVP scores.
    { key: 'recognisesImpactOfOffending', label: 'Recognises the impact of their offending on victims, the community or society', answers: [{ score: 0, label: 'yes' }, { score: 2, label: 'no' }] },
    problems('attitudeToSupervision', 'Attitude towards supervision or licence'),
    problems('attitudeToCommunity', 'Attitude towards the community or society'),
    { key: 'motivationToAddressOffending', label: 'Motivation to address offending behaviour', answers: MOTIVATION },
  ] },
};

export interface SectionDefinition {
  key: NeedSection;
  label: string;
  pathway: Pathway;
  /** The score from which the section is a need, and a severe need (null: no severe level). */
  standard: number;
  severe: number | null;
  /** Where the thresholds come from, for the pages to say. */
  thresholdSource: 'tier' | 'local';
  items: NeedItem[];
  /** The highest score the items allow. */
  max: number;
}

export const SECTIONS: readonly SectionDefinition[] = NEED_SECTIONS.map((section) => {
  const { pathway, items } = ITEMS[section.key];
  const local = LOCAL_THRESHOLDS[section.key];
  return {
    key: section.key,
    label: section.label,
    pathway,
    standard: local?.standard ?? section.standard!,
    severe: local ? local.severe : section.severe,
    thresholdSource: local ? 'local' : 'tier',
    items,
    max: items.reduce((sum, item) => sum + Math.max(...item.answers.map((a) => a.score)), 0),
  };
});

export const SECTION_BY_KEY = new Map(SECTIONS.map((section) => [section.key, section]));
export const ITEM_BY_KEY = new Map(SECTIONS.flatMap((section) => section.items.map((item) => [item.key, { item, section }] as const)));

/** Sections grouped by resettlement pathway, in the pathways' order. */
export const SECTIONS_BY_PATHWAY = PATHWAYS.map((pathway) => ({ ...pathway, sections: SECTIONS.filter((s) => s.pathway === pathway.key) }));
