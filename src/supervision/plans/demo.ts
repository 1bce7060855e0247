/**
 * Demonstration sentence plans: about 70% of people under a current order have one, with 2 to 4
 * objectives tied to the needs of their latest completed needs assessment and to their order's
 * requirements (some needs left without an objective, as real plans have), actions with owners and target
 * dates (some overdue), reviews for older plans, and a few plans overdue for review.
 */
import type { Db } from '../../database.ts';
import type { Random } from '../../demo/random.ts';
import type { NeedSection } from '../../assessment/tiering/rules.ts';
import { addDays, addMonths } from '../../platform/http/dates.ts';
import { inBatches } from '../../platform/db/batches.ts';
import { assessedNeeds } from './rules.ts';
import type { ActionOwner, ProgressRating } from './tables.ts';

type Words = { objective: string; persons: string; actions: [string, ActionOwner, string?][] };
const NEED_WORDS: Record<NeedSection, Words> = {
  accommodation: { objective: 'Secure settled accommodation and keep the tenancy', persons: 'I want my own place where I can stay', actions: [['Referral to the housing support service', 'practitioner'], ['Attend the housing options appointment', 'person'], ['Assess for supported housing', 'agency', 'Local authority housing team']] },
  ete: { objective: 'Move into training or work', persons: 'I want a job so I have something to get up for', actions: [['Enrol on the CSCS card course', 'person'], ['Meet the employment, training and education worker', 'agency', 'Jobcentre Plus'], ['Update the CV together', 'practitioner']] },
  finance: { objective: 'Get debts under control and budget weekly', persons: 'Sort out the money I owe so I stop worrying', actions: [['Book a debt advice appointment', 'person'], ['Debt advice and a repayment plan', 'agency', 'Citizens Advice'], ['Check benefit entitlement', 'practitioner']] },
  relationships: { objective: 'Build safe, supportive relationships with family', persons: 'Get back in touch with my kids properly', actions: [['Talk through contact arrangements', 'practitioner'], ['Attend the family support group', 'person'], ['Parenting course', 'agency', 'Family Action']] },
  lifestyle: { objective: 'Spend time away from associates linked to offending', persons: 'Stay away from the people who get me into trouble', actions: [['Join a local sports or community group', 'person'], ['Map out a typical week and risky times', 'practitioner']] },
  drugs: { objective: 'Reduce and stop drug use', persons: 'Get off the drugs and stay off them', actions: [['Attend the drug service assessment', 'person'], ['Treatment and testing', 'agency', 'Change Grow Live'], ['Review treatment progress with the keyworker', 'practitioner']] },
  alcohol: { objective: 'Reduce drinking to safe levels', persons: 'Cut down on the drink, it is when I get in fights', actions: [['Keep a drinking diary for four weeks', 'person'], ['Alcohol treatment sessions', 'agency', 'Recovery Connections'], ['Discuss the diary at supervision', 'practitioner']] },
  emotional: { objective: 'Get support for mental health', persons: 'Feel less low and have someone to talk to', actions: [['Register with a GP', 'person'], ['Talking therapies referral', 'agency', 'NHS Talking Therapies'], ['Check in on well-being each appointment', 'practitioner']] },
  thinking_behaviour: { objective: 'Develop skills to manage impulses and solve problems', persons: 'Think before I act when I get wound up', actions: [['Complete the consequential thinking sessions', 'person'], ['Deliver structured sessions on problem solving', 'practitioner']] },
  attitudes: { objective: 'Understand the harm caused by the offence', persons: 'Understand what I did and how it affected people', actions: [['Complete the victim awareness work', 'person'], ['Victim awareness sessions in supervision', 'practitioner']] },
};
const REQUIREMENT_WORDS: Record<string, Words> = {
  unpaid_work: { objective: 'Complete the unpaid work hours', persons: 'Get my hours done', actions: [['Attend the unpaid work induction', 'person'], ['Arrange a regular placement day', 'practitioner']] },
  rehabilitation_activity: { objective: 'Use the rehabilitation activity days to work on the plan', persons: 'Use the sessions to get things sorted', actions: [['Agree the first activity days', 'practitioner'], ['Attend the activity sessions', 'person']] },
  accredited_programme: { objective: 'Complete the accredited programme', persons: 'Finish the course', actions: [['Attend the pre-programme session', 'person'], ['Book onto the next group', 'practitioner']] },
  curfew: { objective: 'Keep to the curfew', persons: 'Be in on time every night', actions: [['Check the monitoring reports', 'practitioner'], ['Plan work around curfew hours', 'person']] },
  exclusion: { objective: 'Keep out of the exclusion zone', persons: 'Stay out of the area', actions: [['Go through the exclusion map', 'practitioner']] },
  residence: { objective: 'Live at the approved address', persons: 'Stay where I am meant to', actions: [['Home visit to confirm the address', 'practitioner']] },
  prohibited_activity: { objective: 'Keep to the prohibited activity', persons: 'Do not do what the court said not to', actions: [['Talk through what the requirement means', 'practitioner']] },
  alcohol_abstinence: { objective: 'Stay alcohol free while tagged', persons: 'No drink while I have the tag', actions: [['Check the tag readings', 'practitioner']] },
  drug_rehabilitation: { objective: 'Engage with drug treatment and testing', persons: 'Do the tests and keep clean', actions: [['Attend treatment and testing', 'agency', 'Change Grow Live']] },
  alcohol_treatment: { objective: 'Engage with alcohol treatment', persons: 'Go to the sessions about my drinking', actions: [['Attend the treatment sessions', 'agency', 'Recovery Connections']] },
  mental_health_treatment: { objective: 'Engage with mental health treatment', persons: 'Keep going to my appointments', actions: [['Attend the treatment appointments', 'agency', 'NHS community mental health team']] },
  attendance_centre: { objective: 'Complete the attendance centre hours', persons: 'Go to every session', actions: [['Attend the first session', 'person']] },
};
// Requirements that serve a need: an objective for the need names the requirement too.
const SERVES: Record<string, NeedSection[]> = {
  drug_rehabilitation: ['drugs'], alcohol_treatment: ['alcohol'], alcohol_abstinence: ['alcohol'], mental_health_treatment: ['emotional'],
  accredited_programme: ['thinking_behaviour', 'attitudes'], rehabilitation_activity: ['accommodation', 'ete', 'finance', 'relationships', 'lifestyle'],
};
const REVIEW_TEXT: Record<ProgressRating, string> = {
  not_started: 'Not begun yet; agreed to start before the next review.',
  some_progress: 'Some steps taken; still early days.',
  good_progress: 'Engaging well and following through.',
  achieved: 'Done: no longer needed in the plan.',
};

export async function seedPlanDemo(db: Db, random: Random, today: string): Promise<void> {
  const sentences = await db.selectFrom('sentences').select(['person_id', 'id', 'sentenced_on']).where('status', '=', 'active')
    .distinctOn('person_id').orderBy('person_id').orderBy('sentenced_on', 'desc').orderBy('id', 'desc').execute();
  if (!sentences.length) return;
  const [assessments, requirements, holders] = await Promise.all([
    db.selectFrom('needs_assessments').select(['person_id', 'section_scores']).where('status', '=', 'completed')
      .distinctOn('person_id').orderBy('person_id').orderBy('version', 'desc').execute(),
    db.selectFrom('requirements as r').innerJoin('sentences as s', 's.id', 'r.sentence_id').select(['r.id', 'r.person_id', 'r.requirement_type'])
      .where('s.status', '=', 'active').where('r.ended_on', 'is', null).orderBy('r.id').execute(),
    db.selectFrom('case_allocations').select(['person_id', 'practitioner_id']).where('ended_at', 'is', null).execute(),
  ]);
  const scores = new Map(assessments.map((a) => [a.person_id, a.section_scores]));
  const reqs = new Map<number, typeof requirements>();
  for (const r of requirements) reqs.set(r.person_id, [...(reqs.get(r.person_id) ?? []), r]);
  const holder = new Map(holders.map((h) => [h.person_id, h.practitioner_id]));

  // Plans: made 1 to 3 weeks after sentence (or today, for a very new order).
  const chosen = sentences.filter(() => random.chance(0.7));
  const planRows = chosen.map((s) => {
    const madeOn = [addDays(s.sentenced_on, random.int(7, 21)), today].sort()[0]!;
    return { person_id: s.person_id, sentence_id: s.id, review_due_on: addMonths(madeOn, 3), status: 'agreed' as const, agreed_on: madeOn,
      persons_comment: random.chance(0.5) ? random.pick(['Happy with this.', 'I will give it a go.', 'I want to get the housing sorted first.', 'Fine, as long as appointments fit round work.']) : null,
      created_by: holder.get(s.person_id) ?? null, created_at: new Date(`${madeOn}T10:00:00Z`) };
  });
  for (const p of planRows) if (random.chance(0.1)) Object.assign(p, { status: 'draft', agreed_on: null });
  const plans = await inBatches(planRows, (batch) => db.insertInto('sentence_plans').values(batch).returning(['id', 'person_id', 'created_at', 'created_by']).execute());

  // Objectives: needs first (each linked to a requirement that serves it), then requirements left; 2 to 4.
  type Pending = { person_id: number; plan_id: number; need_section: NeedSection | null; requirement_id: number | null; words: Words; madeOn: string; by: number | null };
  const pending: Pending[] = [];
  for (const plan of plans) {
    const madeOn = plan.created_at.toISOString().slice(0, 10);
    const all = assessedNeeds(scores.get(plan.person_id) ?? null);
    const kept = all.filter(() => random.chance(0.75)); // some needs stay without an objective...
    const needs = kept.length >= 2 ? kept : all.slice(0, Math.max(2, kept.length)); // ...but a plan has at least 2 objectives where it can
    const own = reqs.get(plan.person_id) ?? [];
    const used = new Set<number>();
    const wanted = random.int(2, 4);
    const picked: Pending[] = [];
    for (const need of needs) {
      if (picked.length >= wanted) break;
      const serving = own.find((r) => !used.has(r.id) && SERVES[r.requirement_type]?.includes(need.key));
      if (serving) used.add(serving.id);
      picked.push({ person_id: plan.person_id, plan_id: plan.id, need_section: need.key, requirement_id: serving?.id ?? null, words: NEED_WORDS[need.key], madeOn, by: plan.created_by });
    }
    for (const r of own) {
      if (picked.length >= wanted) break;
      const words = REQUIREMENT_WORDS[r.requirement_type];
      if (used.has(r.id) || !words) continue;
      used.add(r.id);
      picked.push({ person_id: plan.person_id, plan_id: plan.id, need_section: null, requirement_id: r.id, words, madeOn, by: plan.created_by });
    }
    pending.push(...picked);
  }
  const objectives = await inBatches(pending, (batch) => db.insertInto('plan_objectives').values(batch.map((o) => ({
    person_id: o.person_id, plan_id: o.plan_id, need_section: o.need_section, requirement_id: o.requirement_id, objective: o.words.objective,
    persons_words: o.words.persons, created_by: o.by, updated_by: o.by, created_at: new Date(`${o.madeOn}T10:05:00Z`), updated_at: new Date(`${o.madeOn}T10:05:00Z`),
  }))).returning(['id', 'person_id']).execute());
  objectives.forEach((o, i) => { if (o.person_id !== pending[i]!.person_id) throw new Error('plan demo: objectives came back out of order'); });

  // Actions: 1 or 2 per objective, due 2 to 16 weeks after the plan; most past ones are done, some overdue.
  const actions = pending.flatMap((o, i) => o.words.actions.filter((_, j) => j < 2 && (j === 0 || random.chance(0.6))).map(([action, owner, agency]) => {
    const target = addDays(o.madeOn, random.int(14, 112));
    const past = target < today;
    const status = past ? random.weighted([['done', 7], ['not_done', 1], ['open', 2]] as const) : 'open';
    return {
      person_id: o.person_id, objective_id: objectives[i]!.id, action, owner, agency_name: owner === 'agency' ? agency ?? 'Partner agency' : null,
      target_on: target, status, status_note: status === 'not_done' ? 'Did not attend; rebooked as a new action.' : null,
      status_on: status === 'open' ? null : target, status_by: status === 'open' ? null : o.by, created_by: o.by,
    };
  }));
  await inBatches(actions, (batch) => db.insertInto('plan_actions').values(batch).execute());

  // Reviews: every 3 months since the plan was made, most up to date; about 1 in 8 plans due a review left overdue.
  const byPlan = new Map<number, { id: number; person_id: number }[]>();
  objectives.forEach((o, i) => byPlan.set(pending[i]!.plan_id, [...(byPlan.get(pending[i]!.plan_id) ?? []), o]));
  const reviewRows: { person_id: number; plan_id: number; reviewed_on: string; next_review_on: string; summary: string; reviewed_by: number | null }[] = [];
  const reviewObjectives: { objs: { id: number; person_id: number }[]; nth: number }[] = [];
  for (const plan of plans) {
    const objs = byPlan.get(plan.id) ?? [];
    if (!objs.length || random.chance(0.12)) continue;
    let on = addMonths(plan.created_at.toISOString().slice(0, 10), 3);
    for (let nth = 0; on < today; nth += 1) {
      const next = addMonths(on, 3);
      reviewRows.push({ person_id: plan.person_id, plan_id: plan.id, reviewed_on: on, next_review_on: next, summary: random.pick(['Reviewed together at the office.', 'Reviewed on a home visit.', '']), reviewed_by: plan.created_by });
      reviewObjectives.push({ objs, nth });
      on = next;
    }
  }
  const reviews = await inBatches(reviewRows, (batch) => db.insertInto('plan_reviews').values(batch).returning('id').execute());
  const ladder: ProgressRating[] = ['not_started', 'some_progress', 'good_progress', 'achieved'];
  // Progress mostly moves up the ladder from one review to the next (achieving is left to the user, which also marks the objective).
  const progress = reviews.flatMap((r, i) => reviewObjectives[i]!.objs.map((o) => {
    const rating = ladder[Math.min(2, reviewObjectives[i]!.nth + random.int(0, 1))]!;
    return { person_id: o.person_id, review_id: r.id, objective_id: o.id, rating, progress: REVIEW_TEXT[rating] };
  }));
  await inBatches(progress, (batch) => db.insertInto('plan_review_progress').values(batch).execute());
}
