/**
 * Enforcement's reads and the steps a person takes: issuing a warning letter, proposing a breach or recall,
 * countersigning or returning it (a senior officer, never the proposer), recording the breach laid, the
 * outcome, a return to compliance, and closing an action with a note. Each step re-runs the rules after it.
 */
import { sql } from 'kysely';
import type { CurrentUser } from '../../auth/current-user.ts';
import type { Db } from '../../database.ts';
import { accessListAllows, inScope } from '../../access/visibility.ts';
import { HttpError } from '../../platform/http/errors.ts';
import { renderPdf } from '../../platform/pdf/document.ts';
import { breachDeadline } from './deadline.ts';
import { decisionReport, ORDER_NAMES, warningLetter, type WarningFacts } from './document.ts';
import { isIsoDate, warningCoversUntil } from './rules.ts';
import { currentOrders, enforcementSettings, evaluateCases, reviewEnforcementFor } from './service.ts';
import type { BreachOutcome, DecisionKind, RecallOutcome, RecallType } from './tables.ts';

export const OUTCOME_NAMES: Record<BreachOutcome | RecallOutcome, string> = {
  continued_with_warning: 'Order continued with a warning',
  amended: 'Order amended (more onerous requirements or a fine)',
  revoked_resentenced: 'Order revoked and resentenced',
  not_proven: 'Breach not proven or withdrawn',
  recalled: 'Recalled to custody',
  not_recalled: 'Not recalled: managed in the community',
};
export const BREACH_OUTCOMES: BreachOutcome[] = ['continued_with_warning', 'amended', 'revoked_resentenced', 'not_proven'];
export const RECALL_OUTCOMES: RecallOutcome[] = ['recalled', 'not_recalled'];
export const OUTCOME_TEXT: Record<string, string> = {
  unacceptable_absence: 'did not attend, with no acceptable reason', attended_failed_to_comply: 'attended but failed to comply',
};
const MAX_TEXT = 5000;

const lock = (db: Db, personId: number) => sql`select id from people where id = ${personId} for no key update`.execute(db);
const userName = (db: Db, id: number | null) => (id ? db.selectFrom('users').select('display_name').where('id', '=', id).executeTakeFirst().then((u) => u?.display_name ?? 'Unknown') : Promise.resolve(''));

/** Everything the case's enforcement tab and API show. */
export async function caseEnforcement(db: Db, personId: number, today: string) {
  const settings = await enforcementSettings(db);
  const [evaluation, actions, warnings, decisions, returns] = await Promise.all([
    evaluateCases(db, [personId], today, settings).then((m) => m.get(personId)!),
    db.selectFrom('enforcement_actions as a').leftJoin('users as u', 'u.id', 'a.taken_by')
      .select(['a.id', 'a.failure_on', 'a.kind', 'a.reason', 'a.status', 'a.due_on', 'a.created_at', 'a.taken_at', 'a.resolution', 'u.display_name as taken_by_name'])
      .where('a.person_id', '=', personId).orderBy('a.failure_on', 'desc').orderBy('a.id', 'desc').execute(),
    db.selectFrom('warning_letters as w').innerJoin('users as u', 'u.id', 'w.issued_by')
      .select(['w.id', 'w.failure_on', 'w.issued_on', 'w.issued_at', 'u.display_name as issued_by_name'])
      .where('w.person_id', '=', personId).orderBy('w.issued_on', 'desc').execute(),
    db.selectFrom('enforcement_decisions as d').innerJoin('users as p', 'p.id', 'd.proposed_by').leftJoin('users as c', 'c.id', 'd.countersigned_by')
      .select(['d.id', 'd.kind', 'd.failure_on', 'd.reasons', 'd.recall_type', 'd.status', 'd.proposed_by', 'd.proposed_at', 'd.countersigned_at', 'd.countersign_reasons',
        'd.deadline_on', 'd.laid_on', 'd.outcome', 'd.outcome_notes', 'd.concluded_on', 'p.display_name as proposed_by_name', 'c.display_name as countersigned_by_name'])
      .where('d.person_id', '=', personId).orderBy('d.id', 'desc').execute(),
    db.selectFrom('compliance_returns as r').innerJoin('users as u', 'u.id', 'r.recorded_by')
      .select(['r.id', 'r.returned_on', 'r.note', 'u.display_name as recorded_by_name']).where('r.person_id', '=', personId).orderBy('r.returned_on', 'desc').execute(),
  ]);
  return { settings, evaluation, actions, warnings, decisions, returns };
}

async function openAction(db: Db, personId: number, actionId: number) {
  const action = await db.selectFrom('enforcement_actions').selectAll().where('id', '=', actionId).where('person_id', '=', personId).executeTakeFirst();
  if (!action) throw new HttpError(404, 'There is no enforcement action with that id on this case.');
  if (action.status !== 'open') throw new HttpError(409, `This action has already been ${action.status === 'done' ? 'dealt with' : 'withdrawn'}.`);
  return action;
}

/** The address lines on a letter: the main address as recorded. */
async function addressOf(db: Db, personId: number): Promise<string[]> {
  const a = await db.selectFrom('person_addresses').select(['line1', 'line2', 'town', 'postcode', 'no_fixed_abode'])
    .where('person_id', '=', personId).where('status', '=', 'main').orderBy('id', 'desc').executeTakeFirst();
  if (!a) return [];
  if (a.no_fixed_abode) return ['No fixed abode'];
  return [a.line1, a.line2, a.town, a.postcode].filter((x): x is string => !!x);
}

async function pduName(db: Db, personId: number) {
  const row = await db.selectFrom('case_allocations as a').innerJoin('teams as t', 't.id', 'a.team_id').innerJoin('pdus as p', 'p.id', 't.pdu_id')
    .select('p.name').where('a.person_id', '=', personId).where('a.ended_at', 'is', null).executeTakeFirst();
  return row?.name ?? null;
}

/** Issues the warning an open warning action calls for: the letter as a PDF, recorded, and the action done. */
export async function issueWarning(db: Db, input: { personId: number; actionId: number; issuedOn: string; user: CurrentUser; today: string }) {
  await lock(db, input.personId);
  const action = await openAction(db, input.personId, input.actionId);
  if (action.kind !== 'warning') throw new HttpError(409, 'This action does not call for a warning letter.');
  if (input.issuedOn < action.failure_on) throw new HttpError(400, 'The warning cannot be dated before the failure it answers.', { issuedOn: 'The date of the warning must be on or after the failure' });
  if (input.issuedOn > input.today) throw new HttpError(400, 'The warning cannot be dated in the future.', { issuedOn: 'The date of the warning must be today or in the past' });
  const settings = await enforcementSettings(db);
  const [person, order, contact, address, pdu] = await Promise.all([
    db.selectFrom('people').select(['crn', 'first_name', 'last_name']).where('id', '=', input.personId).executeTakeFirstOrThrow(),
    action.sentence_id ? db.selectFrom('sentences').select(['sentence_type', 'sentenced_on']).where('id', '=', action.sentence_id).executeTakeFirst() : undefined,
    action.contact_id ? db.selectFrom('current_contacts as c').innerJoin('contact_types as t', 't.code', 'c.type_code').select(['t.name', 'c.outcome']).where('c.contact_id', '=', action.contact_id).executeTakeFirst() : undefined,
    addressOf(db, input.personId),
    pduName(db, input.personId),
  ]);
  const facts: WarningFacts = {
    person: { name: `${person.first_name} ${person.last_name}`, crn: person.crn, address },
    order: { name: ORDER_NAMES[order?.sentence_type ?? 'community_order'] ?? 'order', sentencedOn: order?.sentenced_on ?? action.failure_on },
    failure: { date: action.failure_on, what: contact ? `${contact.name}: you ${OUTCOME_TEXT[contact.outcome ?? ''] ?? 'failed to comply'}` : 'you failed to comply' },
    issuedOn: input.issuedOn,
    warningCoversUntil: warningCoversUntil(input.issuedOn, settings.warningPeriodMonths),
    officer: input.user.displayName,
    pdu,
  };
  const pdf = await renderPdf(warningLetter(facts));
  const letter = await db.insertInto('warning_letters').values({
    person_id: input.personId, action_id: action.id, failure_on: action.failure_on, issued_on: input.issuedOn, facts: JSON.stringify(facts), pdf, issued_by: input.user.id,
  }).returning('id').executeTakeFirstOrThrow();
  await db.updateTable('enforcement_actions').set({ status: 'done', taken_by: input.user.id, taken_at: new Date(), resolution: `Warning letter issued on ${input.issuedOn}` }).where('id', '=', action.id).execute();
  await reviewEnforcementFor(db, [input.personId], input.user.id, { today: input.today });
  return { id: letter.id, failureOn: action.failure_on };
}

export async function warningPdf(db: Db, personId: number, letterId: number) {
  return db.selectFrom('warning_letters').select(['pdf', 'issued_on']).where('id', '=', letterId).where('person_id', '=', personId).executeTakeFirst();
}

/** The practitioner proposes breach (an order) or recall (a licence) for an open action, with reasons. */
export async function proposeDecision(db: Db, input: { personId: number; actionId: number; kind: DecisionKind; reasons: string; recallType: RecallType | null; user: CurrentUser; today: string }) {
  await lock(db, input.personId);
  const action = await openAction(db, input.personId, input.actionId);
  const order = (await currentOrders(db, [input.personId], input.today)).get(input.personId);
  if (input.kind === 'recall' && action.kind !== 'recall_review') throw new HttpError(409, 'Recall can be proposed only from a recall review (the person is on licence).');
  if (input.kind === 'breach' && !['warning', 'breach'].includes(action.kind)) throw new HttpError(409, 'Breach can be proposed only for a failure that calls for a warning or breach action (a further failure joins the breach already started).');
  if (input.kind === 'breach' && order?.orderType === 'licence') throw new HttpError(409, 'A licence is enforced by recall, not breach.');
  const live = await db.selectFrom('enforcement_decisions').select('id').where('person_id', '=', input.personId).where('failure_on', '=', action.failure_on).where('status', '<>', 'returned').executeTakeFirst();
  if (live) throw new HttpError(409, 'A decision has already been proposed for this failure. It is waiting for a senior officer or has been countersigned.');
  const row = await db.insertInto('enforcement_decisions').values({
    person_id: input.personId, sentence_id: action.sentence_id, action_id: action.id, kind: input.kind, failure_on: action.failure_on,
    reasons: input.reasons, recall_type: input.kind === 'recall' ? input.recallType : null, proposed_by: input.user.id,
  }).returning('id').executeTakeFirstOrThrow();
  await notifyCountersigners(db, input.personId, input.user.id, `${input.kind === 'breach' ? 'Breach' : 'Recall'} proposed by ${input.user.displayName}: waiting for your countersignature`);
  return row.id;
}

async function notifyCountersigners(db: Db, personId: number, proposerId: number, text: string) {
  const rows = await db.selectFrom('case_allocations as a').innerJoin('people as p', 'p.id', 'a.person_id')
    .innerJoin('users as u', 'u.team_id', 'a.team_id').innerJoin('role_permissions as rp', 'rp.role_code', 'u.role_code')
    .select(['u.id', 'p.crn']).where('a.person_id', '=', personId).where('a.ended_at', 'is', null)
    .where('rp.permission', '=', 'enforcement:countersign').where('u.id', '<>', proposerId).where('u.active', '=', true).execute();
  if (rows.length) {
    await db.insertInto('notifications').values(rows.map((r) => ({ person_id: personId, user_id: r.id, kind: 'enforcement-countersign', message: `${r.crn}: ${text}.`, link: `/people/${r.crn}/enforcement` }))).execute();
  }
}

export async function decisionById(db: Db, id: number) {
  return db.selectFrom('enforcement_decisions as d').innerJoin('people as p', 'p.id', 'd.person_id').selectAll('d').select('p.crn').where('d.id', '=', id).executeTakeFirst();
}

/** A senior officer countersigns (the breach deadline set) or returns a proposal with reasons; never their own. */
export async function countersignDecision(db: Db, input: { decisionId: number; personId: number; countersign: boolean; reasons: string; user: CurrentUser; today: string }) {
  await lock(db, input.personId);
  const decision = await db.selectFrom('enforcement_decisions').selectAll().where('id', '=', input.decisionId).where('person_id', '=', input.personId).executeTakeFirst();
  if (!decision) throw new HttpError(404, 'There is no breach or recall decision with that id on this case.');
  if (decision.proposed_by === input.user.id) throw new HttpError(403, 'You proposed this, so you cannot countersign or return it: another senior officer must.');
  if (decision.status !== 'proposed') throw new HttpError(409, `This proposal has already been ${decision.status}.`);
  if (!input.countersign && !input.reasons) throw new HttpError(400, 'Give the reason for returning the proposal.', { reasons: 'Give the reason for returning the proposal' });
  const settings = await enforcementSettings(db);
  const action = decision.action_id ? await db.selectFrom('enforcement_actions').select(['id', 'due_on', 'status']).where('id', '=', decision.action_id).executeTakeFirst() : undefined;
  const deadline = decision.kind === 'breach' && input.countersign ? action?.due_on ?? breachDeadline(decision.failure_on, settings.breachDeadlineWorkingDays) : null;
  await db.updateTable('enforcement_decisions').set({
    status: input.countersign ? 'countersigned' : 'returned', countersigned_by: input.user.id, countersigned_at: new Date(),
    countersign_reasons: input.reasons || null, deadline_on: deadline,
  }).where('id', '=', decision.id).execute();
  if (input.countersign && action?.status === 'open') {
    await db.updateTable('enforcement_actions').set({
      status: 'done', taken_by: input.user.id, taken_at: new Date(),
      resolution: `${decision.kind === 'breach' ? 'Breach' : 'Recall'} countersigned by ${input.user.displayName}`,
    }).where('id', '=', action.id).execute();
  }
  await notifyProposer(db, decision.person_id, decision.proposed_by, input.countersign
    ? `${decision.kind === 'breach' ? 'Breach' : 'Recall'} countersigned by ${input.user.displayName}${deadline ? `: lay the breach by ${deadline}` : ''}`
    : `${decision.kind === 'breach' ? 'Breach' : 'Recall'} proposal returned by ${input.user.displayName}: ${input.reasons}`);
  await reviewEnforcementFor(db, [input.personId], input.user.id, { today: input.today });
  return { kind: decision.kind, deadlineOn: deadline };
}

async function notifyProposer(db: Db, personId: number, userId: number, text: string) {
  const crn = (await db.selectFrom('people').select('crn').where('id', '=', personId).executeTakeFirstOrThrow()).crn;
  await db.insertInto('notifications').values({ person_id: personId, user_id: userId, kind: 'enforcement-decision', message: `${crn}: ${text.slice(0, 400)}.`, link: `/people/${crn}/enforcement` }).execute();
}

async function countersigned(db: Db, personId: number, decisionId: number) {
  const d = await db.selectFrom('enforcement_decisions').selectAll().where('id', '=', decisionId).where('person_id', '=', personId).executeTakeFirst();
  if (!d) throw new HttpError(404, 'There is no breach or recall decision with that id on this case.');
  if (d.status !== 'countersigned') throw new HttpError(409, 'The decision must be countersigned by a senior officer first.');
  return d;
}

export async function recordLaid(db: Db, input: { personId: number; decisionId: number; laidOn: string; today: string }) {
  const d = await countersigned(db, input.personId, input.decisionId);
  if (d.kind !== 'breach') throw new HttpError(409, 'Only a breach is laid before the court.');
  if (d.laid_on) throw new HttpError(409, `The breach was already recorded as laid on ${d.laid_on}.`);
  if (input.laidOn < d.failure_on || input.laidOn > input.today) throw new HttpError(400, 'The date the breach was laid must be between the failure and today.', { laidOn: 'Enter a date between the failure and today' });
  await db.updateTable('enforcement_decisions').set({ laid_on: input.laidOn }).where('id', '=', d.id).execute();
}

/** The court's decision on a breach, or the recall's outcome: concludes it, and the count starts afresh. */
export async function recordOutcome(db: Db, input: { personId: number; decisionId: number; outcome: string; notes: string; concludedOn: string; user: CurrentUser; today: string }) {
  await lock(db, input.personId);
  const d = await countersigned(db, input.personId, input.decisionId);
  if (d.concluded_on) throw new HttpError(409, `The outcome was already recorded on ${d.concluded_on}.`);
  const allowed: string[] = d.kind === 'breach' ? BREACH_OUTCOMES : RECALL_OUTCOMES;
  if (!allowed.includes(input.outcome)) throw new HttpError(400, `Choose the outcome of the ${d.kind}: ${allowed.map((o) => OUTCOME_NAMES[o as BreachOutcome]).join(', ')}.`, { outcome: 'Choose the outcome' });
  if (input.concludedOn < d.failure_on || input.concludedOn > input.today) throw new HttpError(400, 'The date of the outcome must be between the failure and today.', { concludedOn: 'Enter a date between the failure and today' });
  await db.updateTable('enforcement_decisions').set({
    outcome: input.outcome as BreachOutcome, outcome_notes: input.notes || null, concluded_on: input.concludedOn, outcome_by: input.user.id,
  }).where('id', '=', d.id).execute();
  await reviewEnforcementFor(db, [input.personId], input.user.id, { today: input.today });
}

export async function recordReturn(db: Db, input: { personId: number; returnedOn: string; note: string; user: CurrentUser }) {
  await db.insertInto('compliance_returns').values({ person_id: input.personId, returned_on: input.returnedOn, note: input.note, recorded_by: input.user.id }).execute();
}

/** A further failure added to the breach, or a recall review decided without recall: closed with a note. */
export async function closeAction(db: Db, input: { personId: number; actionId: number; note: string; user: CurrentUser }) {
  const action = await openAction(db, input.personId, input.actionId);
  if (!['further_failure', 'recall_review'].includes(action.kind)) throw new HttpError(409, 'A warning is closed by issuing the letter, and breach action by a countersigned proposal.');
  await db.updateTable('enforcement_actions').set({ status: 'done', taken_by: input.user.id, taken_at: new Date(), resolution: input.note }).where('id', '=', action.id).execute();
}

/** The breach or recall report, made from the recorded facts. */
export async function decisionPdf(db: Db, personId: number, decisionId: number, today: string) {
  const d = await db.selectFrom('enforcement_decisions').selectAll().where('id', '=', decisionId).where('person_id', '=', personId).executeTakeFirst();
  if (!d) return null;
  const [person, sentence, requirements, tier, rosh, info, proposer, signer, pdu] = await Promise.all([
    db.selectFrom('people').select(['crn', 'first_name', 'last_name', 'date_of_birth']).where('id', '=', personId).executeTakeFirstOrThrow(),
    d.sentence_id ? db.selectFrom('sentences').select(['sentence_type', 'sentenced_on', 'release_on', 'expected_end_on']).where('id', '=', d.sentence_id).executeTakeFirst() : undefined,
    d.sentence_id ? db.selectFrom('requirements as r').innerJoin('requirement_types as t', 't.code', 'r.requirement_type').select(['t.name', 'r.expected_start_on', 'r.ended_on']).where('r.sentence_id', '=', d.sentence_id).execute() : [],
    db.selectFrom('tier_calculations').select('tier').where('person_id', '=', personId).orderBy('id', 'desc').limit(1).executeTakeFirst(),
    db.selectFrom('rosh_assessments').select(['overall', 'completed_on']).where('person_id', '=', personId).where('superseded', '=', false).executeTakeFirst(),
    caseEnforcement(db, personId, today),
    userName(db, d.proposed_by), userName(db, d.countersigned_by), pduName(db, personId),
  ]);
  const startDate = sentence?.sentence_type === 'custody' ? sentence.release_on ?? sentence.sentenced_on : sentence?.sentenced_on ?? d.failure_on;
  return renderPdf(decisionReport({
    kind: d.kind, pdu,
    person: { name: `${person.first_name} ${person.last_name}`, crn: person.crn, dateOfBirth: person.date_of_birth },
    order: {
      name: ORDER_NAMES[sentence?.sentence_type ?? ''] ?? 'order', sentencedOn: sentence?.sentenced_on ?? d.failure_on, startDate, expectedEndOn: sentence?.expected_end_on ?? '',
      requirements: requirements.map((r) => `${r.name}: from ${r.expected_start_on}${r.ended_on ? `, ended ${r.ended_on}` : ''}`),
    },
    tier: tier?.tier ?? null,
    rosh: rosh ? { overall: rosh.overall, completedOn: rosh.completed_on } : null,
    failures: info.evaluation.failures.filter((f) => f.date >= startDate).map((f) => ({ date: f.date, what: `${f.typeName}: ${OUTCOME_TEXT[f.outcome] ?? f.outcome}` })),
    warnings: info.warnings.map((w) => ({ issuedOn: w.issued_on, failureOn: w.failure_on, by: w.issued_by_name })),
    failureOn: d.failure_on, reasons: d.reasons, recallType: d.recall_type, proposedBy: proposer, proposedOn: d.proposed_at.toISOString().slice(0, 10),
    countersigned: d.status === 'countersigned' && d.countersigned_at ? { by: signer, on: d.countersigned_at.toISOString().slice(0, 10), reasons: d.countersign_reasons } : null,
    deadlineOn: d.deadline_on, laidOn: d.laid_on,
    outcome: d.outcome && d.concluded_on ? { text: OUTCOME_NAMES[d.outcome], on: d.concluded_on, notes: d.outcome_notes } : null,
  }));
}

/** The practitioner's open actions across their cases, and a senior officer's team proposals awaiting countersignature (not their own). */
export async function queueFor(db: Db, user: CurrentUser) {
  const actions = await db.selectFrom('enforcement_actions as a').innerJoin('case_allocations as ca', (j) => j.onRef('ca.person_id', '=', 'a.person_id').on('ca.ended_at', 'is', null))
    .innerJoin('people', 'people.id', 'a.person_id')
    .select(['a.id', 'a.person_id', 'a.failure_on', 'a.kind', 'a.due_on', 'a.reason', 'people.crn', 'people.first_name', 'people.last_name'])
    .select(sql<boolean>`${accessListAllows(user)}`.as('allowed'))
    .select((eb) => eb.exists(eb.selectFrom('enforcement_decisions as d').select('d.id').whereRef('d.action_id', '=', 'a.id').where('d.status', '=', 'proposed')).as('awaiting'))
    .where('a.status', '=', 'open').where('ca.practitioner_id', '=', user.id).where(inScope(user))
    .orderBy('a.due_on', sql`asc nulls last`).orderBy('a.failure_on').limit(500).execute();
  const proposals = user.teamId ? await db.selectFrom('enforcement_decisions as d').innerJoin('case_allocations as ca', (j) => j.onRef('ca.person_id', '=', 'd.person_id').on('ca.ended_at', 'is', null))
    .innerJoin('people', 'people.id', 'd.person_id').innerJoin('users as u', 'u.id', 'd.proposed_by')
    .select(['d.id', 'd.kind', 'd.failure_on', 'd.proposed_at', 'd.recall_type', 'people.crn', 'people.first_name', 'people.last_name', 'u.display_name as proposed_by_name'])
    .select(sql<boolean>`${accessListAllows(user)}`.as('allowed'))
    .where('d.status', '=', 'proposed').where('ca.team_id', '=', user.teamId).where('d.proposed_by', '<>', user.id).where(inScope(user))
    .orderBy('d.proposed_at').execute() : [];
  return { actions, proposals };
}

export const validDate = isIsoDate;
export { MAX_TEXT };
