/**
 * The needs pages' view models: sections grouped by pathway with scores, need levels, links to harm
 * and reoffending, and what changed since the previous version; the chart and its table.
 */
import { formatDate } from '../../platform/views/render.ts';
import { buildNeedsChart } from './chart.ts';
import type { NeedsHistory } from './repository.ts';
import { diffAssessments, NEED_LEVEL_LABELS, needLevel, scoreSection, type AssessmentContent, type CaseFacts, type NeedLevel } from './rules.ts';
import { SECTIONS_BY_PATHWAY, type NeedItem, type SectionDefinition } from './sections.ts';

const LEVEL_TAGS: Record<NeedLevel, string> = { severe: 'govuk-tag--red', standard: 'govuk-tag--orange', none: 'govuk-tag--grey' };
const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const answerText = (item: NeedItem, score: number | undefined) => item.answers.find((a) => a.score === score)?.label ?? 'Not answered';

export function thresholdText(section: SectionDefinition): string {
  const levels = section.severe === null ? `A need from ${section.standard}` : `A need from ${section.standard}, a severe need from ${section.severe}`;
  return section.thresholdSource === 'local' ? `${levels} (this service's threshold: the tier does not use this section)` : levels;
}

export function linkedText(flags: { harm: boolean; reoffending: boolean }): string {
  if (flags.harm && flags.reoffending) return 'Linked to risk of serious harm and to reoffending';
  if (flags.harm) return 'Linked to risk of serious harm';
  if (flags.reoffending) return 'Linked to reoffending';
  return 'Not linked to harm or reoffending';
}

/**
 * Every section of an assessment, by pathway, compared with the previous version when there is one.
 * `facts` adds where an answer came from the case record; `errors` puts each field's message beside it.
 */
export function presentAssessment(content: AssessmentContent, previous: AssessmentContent | null, options: { facts?: CaseFacts; errors?: Record<string, string> } = {}) {
  const diff = diffAssessments(previous, content);
  const errors = options.errors ?? {};
  const pathways = SECTIONS_BY_PATHWAY.map((pathway) => ({
    label: pathway.label,
    sections: pathway.sections.map((section) => {
      const scored = scoreSection(section, content.answers);
      const change = diff.sections[section.key];
      const level = needLevel(section, scored.score);
      const flags = content.sections[section.key];
      const was = previous?.sections[section.key];
      return {
        key: section.key,
        label: section.label,
        thresholdText: thresholdText(section),
        score: scored.score,
        max: section.max,
        complete: scored.complete,
        scoreText: !scored.complete
          ? `Not yet scored: ${scored.answered} of ${scored.total} items answered`
          : change.previousScore === null ? `${scored.score} out of ${section.max}`
          : change.change === 0 ? `${scored.score} out of ${section.max} (no change)` : `${scored.score} out of ${section.max} (was ${change.previousScore})`,
        scoreChanged: !!change.change,
        level: scored.complete ? { text: capitalise(NEED_LEVEL_LABELS[level]), tagClass: LEVEL_TAGS[level] } : null,
        harm: flags.harm,
        reoffending: flags.reoffending,
        linkedText: linkedText(flags),
        linkedChanged: change.harmChanged || change.reoffendingChanged,
        previousLinkedText: was ? linkedText(was) : null,
        note: flags.note,
        linkedError: errors[`linked-${section.key}`],
        noteError: errors[`note-${section.key}`],
        items: section.items.map((item) => {
          const answer = content.answers[item.key];
          const itemChange = diff.items[item.key]!;
          return {
            key: item.key,
            label: item.label,
            answerText: capitalise(answerText(item, answer)),
            options: item.answers.map((a) => ({ value: String(a.score), text: capitalise(a.label), checked: a.score === answer })),
            changed: itemChange.changed,
            previousText: itemChange.changed ? answerText(item, itemChange.previous) : null,
            fromRecord: item.key === 'noFixedAbode' && options.facts && options.facts.noFixedAbode !== null
              ? `From the case record: the main address ${options.facts.noFixedAbode ? 'is "No fixed abode"' : 'is a fixed address'}. Change the address on the case if this is wrong.`
              : null,
            error: errors[item.key],
          };
        }),
      };
    }),
  }));
  return { pathways, changedItems: diff.changedItems, hasPrevious: !!previous };
}

/** The chart, its table, and the history list. */
export function presentHistory(history: NeedsHistory) {
  const charts = buildNeedsChart(history);
  return {
    charts,
    table: {
      caption: 'Section scores by assessment version',
      head: [{ text: 'Section' }, ...history.map((h) => ({ text: `Version ${h.version} (${formatDate(h.completedOn)})`, format: 'numeric' })), { text: 'Since last' }],
      rows: charts.map((chart) => [
        { text: chart.label },
        ...chart.points.map((p) => ({ text: String(p.score), format: 'numeric' })),
        { text: chart.trendText },
      ]),
    },
    versions: [...history].reverse().map((h) => ({ id: h.id, version: h.version, completedOn: formatDate(h.completedOn), completedBy: h.completedBy ?? 'the service' })),
  };
}
