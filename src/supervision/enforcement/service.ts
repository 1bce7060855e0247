/**
 * What other areas ask of enforcement. Contacts calls reviewEnforcement in the same transaction after recording
 * or correcting an outcome; caseload reads enforcementStatusOf for My cases. The rules are rules.ts (pure).
 */
import { sql } from 'kysely';
import type { Db } from '../../database.ts';
import { inBatches } from '../../platform/db/batches.ts';
import { breachDeadline } from './deadline.ts';
import { DEFAULT_SETTINGS, evaluate, warningCoversUntil, type EnforcementSettings, type EvaluateInput, type OrderType, type RuleAction } from './rules.ts';

export interface Settings extends EnforcementSettings { deadlineNearWorkingDays: number }

/** The policy figures as managers have set them (enforcement_settings), defaults where a row is missing. */
export async function enforcementSettings(db: Db): Promise<Settings> {
  const rows = await db.selectFrom('enforcement_settings').select(['key', 'value']).execute();
  const value = (key: string, fallback: number) => rows.find((r) => r.key === key)?.value ?? fallback;
  return {
    warningPeriodMonths: value('warning_period_months', DEFAULT_SETTINGS.warningPeriodMonths),
    breachDeadlineWorkingDays: value('breach_deadline_working_days', DEFAULT_SETTINGS.breachDeadlineWorkingDays),
    deadlineNearWorkingDays: value('deadline_near_working_days', 3),
  };
}

export interface CurrentOrder { sentenceId: number; orderType: OrderType; startDate: string; sentenceType: string; sentencedOn: string }

/** The order enforcement applies to: the latest active sentence; custody only once released (on licence). */
export async function currentOrders(db: Db, personIds: readonly number[], today: string): Promise<Map<number, CurrentOrder>> {
  const rows = await inBatches(personIds, (ids) => db.selectFrom('sentences')
    .select(['id', 'person_id', 'sentence_type', 'sentenced_on', 'release_on'])
    .where('person_id', 'in', ids).where('status', '=', 'active').orderBy('sentenced_on').orderBy('id').execute());
  const orders = new Map<number, CurrentOrder>();
  for (const row of rows) {
    if (row.sentence_type === 'custody' && (!row.release_on || row.release_on > today)) continue;
    orders.set(row.person_id, {
      sentenceId: row.id, sentenceType: row.sentence_type, sentencedOn: row.sentenced_on,
      orderType: row.sentence_type === 'custody' ? 'licence' : row.sentence_type,
      startDate: row.sentence_type === 'custody' ? row.release_on! : row.sentenced_on,
    });
  }
  return orders;
}

export interface Failure { date: string; contactId: number; typeName: string; outcome: string }

/** Outcomes of contacts that count for compliance, by local date: failures and what is not a failure. */
export async function complianceEvents(db: Db, personIds: readonly number[]) {
  const rows = await inBatches(personIds, (ids) => db.selectFrom('current_contacts as c').innerJoin('contact_types as t', 't.code', 'c.type_code')
    .select(['c.person_id', 'c.contact_id', 'c.outcome', 't.name as type_name'])
    .select(sql<string>`to_char(c.starts_at at time zone 'Europe/London', 'YYYY-MM-DD')`.as('date'))
    .where('c.person_id', 'in', ids).where('c.counts_for_compliance', '=', true)
    .where('c.outcome', 'in', ['attended_complied', 'attended_failed_to_comply', 'acceptable_absence', 'unacceptable_absence'])
    .orderBy('c.starts_at').orderBy('c.contact_id').execute());
  const byPerson = new Map<number, { events: EvaluateInput['events']; failures: Failure[] }>();
  for (const row of rows) {
    const entry = byPerson.get(row.person_id) ?? { events: [], failures: [] };
    const failed = row.outcome === 'unacceptable_absence' || row.outcome === 'attended_failed_to_comply';
    entry.events.push({ date: row.date, kind: failed ? 'unacceptable_failure' : row.outcome === 'acceptable_absence' ? 'acceptable_absence' : 'complied' });
    if (failed) entry.failures.push({ date: row.date, contactId: row.contact_id, typeName: row.type_name, outcome: row.outcome! });
    byPerson.set(row.person_id, entry);
  }
  return byPerson;
}

export interface CaseEvaluation {
  order: CurrentOrder | null;
  failures: Failure[];
  actions: (RuleAction & { contactId: number | null; dueOn: string | null })[];
}

/** Runs the rules over each person's history, warnings given and breaches started: what the record calls for now. */
export async function evaluateCases(db: Db, personIds: readonly number[], today: string, settings?: Settings): Promise<Map<number, CaseEvaluation>> {
  const s = settings ?? await enforcementSettings(db);
  const [orders, events, warnings, breaches] = await Promise.all([
    currentOrders(db, personIds, today),
    complianceEvents(db, personIds),
    inBatches(personIds, (ids) => db.selectFrom('warning_letters').select(['person_id', 'issued_on', 'failure_on']).where('person_id', 'in', ids).execute()),
    inBatches(personIds, (ids) => db.selectFrom('enforcement_decisions').select(['person_id', 'failure_on', 'concluded_on'])
      .where('person_id', 'in', ids).where('kind', '=', 'breach').where('status', '=', 'countersigned').execute()),
  ]);
  const result = new Map<number, CaseEvaluation>();
  for (const personId of personIds) {
    const order = orders.get(personId) ?? null;
    const history = events.get(personId) ?? { events: [], failures: [] };
    const failures = order ? history.failures.filter((f) => f.date >= order.startDate) : [];
    const actions = order ? evaluate({
      orderType: order.orderType, startDate: order.startDate, events: history.events, settings: s,
      warnings: warnings.filter((w) => w.person_id === personId).map((w) => ({ date: w.issued_on, answers: w.failure_on })),
      breaches: breaches.filter((b) => b.person_id === personId).map((b) => ({ startedOn: b.failure_on, concludedOn: b.concluded_on })),
    }) : [];
    result.set(personId, {
      order, failures,
      actions: actions.map((a) => ({
        ...a, contactId: failures.find((f) => f.date === a.date)?.contactId ?? null,
        dueOn: a.action === 'breach' ? breachDeadline(a.date, s.breachDeadlineWorkingDays) : null,
      })),
    });
  }
  return result;
}

const ACTION_TEXT: Record<RuleAction['action'], string> = {
  warning: 'give a warning', breach: 'breach action is due', further_failure: 'a further failure to add to the breach', recall_review: 'a recall review is needed',
};

/**
 * Brings the people's open actions into line with the rules: opens an action for each failure that needs one
 * and has none (one per failure date, so reviewing again changes nothing), re-reads an open action whose
 * meaning changed, and withdraws an open action whose failure was corrected away. Actions already taken stay.
 * Notifies the practitioner of each new action. Never decides a breach or recall: a person does.
 */
export async function reviewEnforcementFor(db: Db, personIds: readonly number[], byUserId: number | null, options: { notify?: boolean; today?: string } = {}) {
  if (!personIds.length) return { opened: 0, withdrawn: 0 };
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const [evaluations, existing] = await Promise.all([
    evaluateCases(db, personIds, today),
    inBatches(personIds, (ids) => db.selectFrom('enforcement_actions').select(['id', 'person_id', 'failure_on', 'kind', 'status', 'reason'])
      .where('person_id', 'in', ids).where('status', '<>', 'withdrawn').execute()),
  ]);
  const toOpen: { person_id: number; sentence_id: number | null; failure_on: string; contact_id: number | null; kind: RuleAction['action']; reason: string; due_on: string | null }[] = [];
  const toWithdraw: number[] = [];
  const notices: { personId: number; text: string }[] = [];
  for (const [personId, evaluation] of evaluations) {
    const mine = existing.filter((a) => a.person_id === personId);
    for (const action of evaluation.actions) {
      const current = mine.find((a) => a.failure_on === action.date);
      if (!current) {
        toOpen.push({ person_id: personId, sentence_id: evaluation.order?.sentenceId ?? null, failure_on: action.date, contact_id: action.contactId, kind: action.action, reason: action.reason, due_on: action.dueOn });
        notices.push({ personId, text: `failure to comply on ${action.date.split('-').reverse().join('/')}: ${ACTION_TEXT[action.action]}` });
      } else if (current.status === 'open' && (current.kind !== action.action || current.reason !== action.reason)) {
        await db.updateTable('enforcement_actions').set({ kind: action.action, reason: action.reason, due_on: action.dueOn }).where('id', '=', current.id).execute();
      }
    }
    const dates = new Set(evaluation.actions.map((a) => a.date));
    for (const action of mine) if (action.status === 'open' && !dates.has(action.failure_on)) toWithdraw.push(action.id);
  }
  if (toOpen.length) {
    for (let i = 0; i < toOpen.length; i += 1000) {
      await db.insertInto('enforcement_actions').values(toOpen.slice(i, i + 1000))
        .onConflict((oc) => oc.columns(['person_id', 'failure_on']).where('status', '<>', 'withdrawn').doNothing()).execute();
    }
  }
  if (toWithdraw.length) {
    await db.updateTable('enforcement_actions').set({
      status: 'withdrawn', taken_by: byUserId, taken_at: new Date(),
      resolution: 'Withdrawn: the outcome was corrected and is no longer a failure to comply (or no longer needs this action).',
    }).where('id', 'in', toWithdraw).where('status', '=', 'open').execute();
  }
  if (options.notify !== false && notices.length) await notifyPractitioners(db, notices);
  return { opened: toOpen.length, withdrawn: toWithdraw.length };
}

async function notifyPractitioners(db: Db, notices: { personId: number; text: string }[]) {
  const ids = [...new Set(notices.map((n) => n.personId))];
  const holders = await db.selectFrom('case_allocations as a').innerJoin('people as p', 'p.id', 'a.person_id')
    .select(['a.person_id', 'a.practitioner_id', 'p.crn']).where('a.person_id', 'in', ids).where('a.ended_at', 'is', null).execute();
  const rows = notices.flatMap((n) => {
    const holder = holders.find((h) => h.person_id === n.personId);
    if (!holder?.practitioner_id) return [];
    return [{ person_id: n.personId, user_id: holder.practitioner_id, kind: 'enforcement-action', message: `${holder.crn}: ${n.text}.`, link: `/people/${holder.crn}/enforcement` }];
  });
  if (rows.length) await db.insertInto('notifications').values(rows).execute();
}

/**
 * Re-reads the person's contact history (current_contacts) and applies the enforcement rules: a new failure
 * to comply opens the action it calls for (a warning, breach action due, a further failure, a recall
 * review) for the practitioner; a corrected outcome that is no longer a failure withdraws an action not
 * yet taken. Never decides a breach or recall itself: those are a person's decisions.
 */
export async function reviewEnforcement(trx: Db, personId: number, byUserId: number | null): Promise<void> {
  // The person's row is locked so two reviews of one case take turns.
  await sql`select id from people where id = ${personId} for no key update`.execute(trx);
  await reviewEnforcementFor(trx, [personId], byUserId);
}

export type EnforcementStatus = 'compliant' | 'warning' | 'breach_due' | 'in_breach' | 'recall_review';
export interface StatusOf { status: EnforcementStatus; deadlineOn: string | null; openActions: number }

export const STATUS_TEXT: Record<EnforcementStatus, string> = {
  compliant: 'Compliant', warning: 'Warning', breach_due: 'Breach action due', in_breach: 'In breach', recall_review: 'Recall review',
};

/**
 * Each person's enforcement status for lists (My cases): in breach (a countersigned breach not yet concluded,
 * with the deadline for laying it until it is laid), breach action due, recall review, on a warning (one to
 * give, or one given within the warning period since the last return to compliance or concluded breach), or compliant.
 */
export async function enforcementStatusOf(db: Db, personIds: readonly number[], today: string): Promise<Map<number, StatusOf>> {
  const settings = await enforcementSettings(db);
  const [actions, decisions, warnings, returns] = await Promise.all([
    inBatches(personIds, (ids) => db.selectFrom('enforcement_actions').select(['person_id', 'kind', 'due_on']).where('person_id', 'in', ids).where('status', '=', 'open').execute()),
    inBatches(personIds, (ids) => db.selectFrom('enforcement_decisions').select(['person_id', 'kind', 'status', 'deadline_on', 'laid_on', 'concluded_on'])
      .where('person_id', 'in', ids).where('status', '<>', 'returned').execute()),
    inBatches(personIds, (ids) => db.selectFrom('warning_letters').select(['person_id', 'issued_on']).where('person_id', 'in', ids).execute()),
    inBatches(personIds, (ids) => db.selectFrom('compliance_returns').select(['person_id', 'returned_on']).where('person_id', 'in', ids).execute()),
  ]);
  const result = new Map<number, StatusOf>();
  for (const personId of personIds) {
    const open = actions.filter((a) => a.person_id === personId);
    const mine = decisions.filter((d) => d.person_id === personId);
    const live = mine.filter((d) => !d.concluded_on);
    const inBreach = live.find((d) => d.kind === 'breach' && d.status === 'countersigned');
    const due = open.filter((a) => a.kind === 'breach').map((a) => a.due_on).filter((d): d is string => !!d).sort()[0];
    const restart = [...returns.filter((r) => r.person_id === personId).map((r) => r.returned_on), ...mine.flatMap((d) => (d.concluded_on ? [d.concluded_on] : []))].sort().at(-1) ?? '';
    const warned = warnings.some((w) => w.person_id === personId && w.issued_on > restart && today <= warningCoversUntil(w.issued_on, settings.warningPeriodMonths));
    let status: StatusOf = { status: 'compliant', deadlineOn: null, openActions: open.length };
    if (inBreach) status = { ...status, status: 'in_breach', deadlineOn: inBreach.laid_on ? null : inBreach.deadline_on };
    else if (due || live.some((d) => d.kind === 'breach')) status = { ...status, status: 'breach_due', deadlineOn: due ?? null };
    else if (open.some((a) => a.kind === 'recall_review') || live.some((d) => d.kind === 'recall')) status = { ...status, status: 'recall_review' };
    else if (open.some((a) => a.kind === 'warning') || warned) status = { ...status, status: 'warning' };
    result.set(personId, status);
  }
  return result;
}
