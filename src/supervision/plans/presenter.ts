/** Turns a plan and its facts into what the plan page shows: labels, dates, tags and warnings. */
import { SECTION_BY_KEY } from '../../assessment/needs/sections.ts';
import { formatDate, formatDateTime } from '../../platform/views/render.ts';
import { OWNERS } from './forms.ts';
import type { CurrentPlan, PlanFacts } from './repository.ts';
import {
  actionOverdue, needsWithoutObjective, progressSummary, RATING_LABELS, requirementsWithoutObjective, reviewDueOn, reviewStatus,
} from './rules.ts';
import type { ProgressRating } from './tables.ts';

const OBJECTIVE_TAGS = { open: { text: 'Open', classes: 'govuk-tag--blue' }, achieved: { text: 'Achieved', classes: 'govuk-tag--green' }, withdrawn: { text: 'Withdrawn', classes: 'govuk-tag--grey' } };
const ACTION_TAGS = { open: { text: 'Open', classes: 'govuk-tag--blue' }, done: { text: 'Done', classes: 'govuk-tag--green' }, not_done: { text: 'Not done', classes: 'govuk-tag--orange' } };
const REVIEW_TAGS = { overdue: { text: 'Review overdue', classes: 'govuk-tag--red' }, due: { text: 'Review due soon', classes: 'govuk-tag--yellow' }, not_due: { text: 'Review not yet due', classes: 'govuk-tag--grey' } };

export const needLabel = (key: string | null) => (key ? SECTION_BY_KEY.get(key as never)?.label ?? key : null);
const ownerText = (owner: string, agency: string | null) => (owner === 'agency' ? agency ?? 'Another agency' : OWNERS.find((o) => o.value === owner)?.text ?? owner);

export function presentPlan(current: CurrentPlan, facts: PlanFacts, today: string) {
  const { plan, objectives, history, actions, reviews, progress } = current;
  const links = objectives.map((o) => ({ needSection: o.need_section, requirementId: o.requirement_id, status: o.status }));
  const dueOn = reviewDueOn({ reviewDueOn: plan.review_due_on }, reviews.map((r) => ({ id: r.id, reviewedOn: r.reviewed_on, nextReviewOn: r.next_review_on })));
  const status = reviewStatus(dueOn, today);
  // The latest rating of each objective: reviews are newest first, so the first found wins.
  const reviewDate = new Map(reviews.map((r) => [r.id, r.reviewed_on]));
  const order = new Map(reviews.map((r, i) => [r.id, i]));
  const latest = new Map<number, { rating: ProgressRating; progress: string; reviewedOn: string }>();
  for (const p of [...progress].sort((a, b) => order.get(a.review_id)! - order.get(b.review_id)!)) {
    if (!latest.has(p.objective_id)) latest.set(p.objective_id, { rating: p.rating, progress: p.progress, reviewedOn: reviewDate.get(p.review_id)! });
  }
  const objectiveText = new Map(objectives.map((o) => [o.id, o.objective]));
  const presented = objectives.map((o) => {
    const own = actions.filter((a) => a.objective_id === o.id).map((a) => {
      const overdue = o.status !== 'withdrawn' && actionOverdue({ status: a.status, targetOn: a.target_on }, today);
      return {
        id: a.id, action: a.action, owner: ownerText(a.owner, a.agency_name), targetOn: formatDate(a.target_on), overdue, open: a.status === 'open',
        tag: overdue ? { text: 'Overdue', classes: 'govuk-tag--red' } : ACTION_TAGS[a.status],
        outcome: a.status === 'open' ? null : `${ACTION_TAGS[a.status].text} on ${formatDate(a.status_on)}${a.status_by_name ? ` (${a.status_by_name})` : ''}${a.status_note ? `: ${a.status_note}` : ''}`,
      };
    });
    const last = latest.get(o.id);
    return {
      id: o.id, need: needLabel(o.need_section), requirement: o.requirement_name, objective: o.objective, personsWords: o.persons_words,
      tag: OBJECTIVE_TAGS[o.status], withdrawn: o.status === 'withdrawn',
      updated: `${formatDateTime(o.updated_at)}${o.updated_by_name ? ` by ${o.updated_by_name}` : ''}`,
      actions: own, overdueActions: own.filter((a) => a.overdue).length,
      latestProgress: last && { rating: RATING_LABELS[last.rating], progress: last.progress, reviewedOn: formatDate(last.reviewedOn) },
      history: history.filter((h) => h.objective_id === o.id).map((h) => ({
        objective: h.objective, personsWords: h.persons_words, status: OBJECTIVE_TAGS[h.status].text,
        until: formatDateTime(h.recorded_at), by: h.recorded_by_name,
      })),
    };
  });
  // Grouped by the need addressed (in OASys order), then objectives serving only a requirement, by requirement.
  const groups: { title: string; objectives: typeof presented }[] = [];
  const add = (title: string, o: (typeof presented)[number]) => {
    const group = groups.find((g) => g.title === title);
    if (group) group.objectives.push(o); else groups.push({ title, objectives: [o] });
  };
  const sorted = [...objectives].sort((a, b) => (a.need_section ? 0 : 1) - (b.need_section ? 0 : 1));
  for (const o of sorted) add(o.need_section ? `Need: ${needLabel(o.need_section)}` : `Requirement: ${o.requirement_name}`, presented.find((p) => p.id === o.id)!);
  const summary = progressSummary(objectives, new Map([...latest].map(([id, l]) => [id, l.rating])));
  return {
    id: plan.id,
    status: plan.status === 'agreed' ? { text: 'Agreed with the person', classes: 'govuk-tag--green' } : { text: 'Draft: not yet agreed', classes: 'govuk-tag--grey' },
    agreed: plan.status === 'agreed',
    agreedOn: plan.agreed_on && formatDate(plan.agreed_on),
    personsComment: plan.persons_comment,
    created: `${formatDateTime(plan.created_at)}${plan.created_by_name ? ` by ${plan.created_by_name}` : ''}`,
    reviewDueOn: formatDate(dueOn), reviewStatus: status, reviewTag: REVIEW_TAGS[status],
    groups,
    objectives: presented,
    liveObjectives: presented.filter((o) => !o.withdrawn),
    overdueActions: presented.reduce((n, o) => n + o.overdueActions, 0),
    needsWithout: needsWithoutObjective(facts.needs, links),
    requirementsWithout: requirementsWithoutObjective(facts.requirements, links),
    progress: summary,
    reviews: reviews.map((r) => ({
      id: r.id, reviewedOn: formatDate(r.reviewed_on), nextReviewOn: formatDate(r.next_review_on), by: r.reviewed_by_name, summary: r.summary,
      recorded: formatDateTime(r.recorded_at),
      progress: progress.filter((p) => p.review_id === r.id).map((p) => ({ objective: objectiveText.get(p.objective_id) ?? '', rating: RATING_LABELS[p.rating], progress: p.progress })),
    })),
  };
}

/** Every OASys section to choose from, the assessed needs first and marked, then the rest. */
export function needItems(facts: PlanFacts, selected: string) {
  const assessed = new Set(facts.needs.map((n) => n.key));
  const needs = facts.needs.map((n) => ({ value: n.key, text: `${n.label} (${n.levelLabel})` }));
  const others = [...SECTION_BY_KEY.values()].filter((s) => !assessed.has(s.key)).map((s) => ({ value: s.key, text: `${s.label} (not assessed as a need)` }));
  return [{ value: '', text: 'No need: this objective serves a requirement' }, ...needs, ...others].map((i) => ({ ...i, selected: i.value === selected }));
}

export function requirementItems(facts: PlanFacts, selected: string) {
  return [{ value: '', text: 'No requirement' }, ...facts.requirements.map((r) => ({ value: String(r.id), text: r.name }))].map((i) => ({ ...i, selected: i.value === selected }));
}
