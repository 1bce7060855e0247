/**
 * What other areas ask of enforcement. Contacts calls reviewEnforcement in the same transaction after recording
 * or correcting an outcome; caseload reads statusFactsOf and statusFrom for My cases. The rules are rules.ts (pure).
 */
import { sql, type Expression } from 'kysely';
import type { Db } from '../../database.ts';
import { inBatches } from '../../platform/db/batches.ts';
import { prepared } from '../../platform/db/prepared.ts';
import { breachDeadline } from './deadline.ts';
import { DEFAULT_SETTINGS, evaluate, warningCoversUntil, type EnforcementSettings, type OrderType, type RuleAction } from './rules.ts';

export interface Settings extends EnforcementSettings { deadlineNearWorkingDays: number }

/** The policy figures as managers have set them (enforcement_settings), defaults where a row is missing. */
// Prepared (platform/db/prepared.ts): read on every My cases page and enforcement decision, planned once per connection.
const settingRows = prepared((db: Db) => db.selectFrom('enforcement_settings').select(['key', 'value']));

export async function enforcementSettings(db: Db): Promise<Settings> {
  const rows = await settingRows(db);
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

const FAILED = ['unacceptable_absence', 'attended_failed_to_comply'] as const;

/**
 * Each person's failures to comply (current versions of contacts that count), by local date, oldest first.
 * The rules count nothing else (a complied contact or an acceptable absence calls for no action), so only
 * failures are read, through the partial index contacts_failures: a handful of rows, never the whole history.
 */
export async function failuresOf(db: Db, personIds: readonly number[]): Promise<Map<number, Failure[]>> {
  const rows = await inBatches(personIds, (ids) => db.selectFrom('current_contacts as c').innerJoin('contact_types as t', 't.code', 'c.type_code')
    .select(['c.person_id', 'c.contact_id', 'c.outcome', 't.name as type_name'])
    .select(sql<string>`to_char(c.starts_at at time zone 'Europe/London', 'YYYY-MM-DD')`.as('date'))
    .where('c.person_id', 'in', ids).where('c.counts_for_compliance', '=', true).where('c.outcome', 'in', [...FAILED])
    .orderBy('c.starts_at').orderBy('c.contact_id').execute());
  const byPerson = new Map<number, Failure[]>();
  for (const row of rows) {
    const list = byPerson.get(row.person_id) ?? [];
    list.push({ date: row.date, contactId: row.contact_id, typeName: row.type_name, outcome: row.outcome! });
    byPerson.set(row.person_id, list);
  }
  return byPerson;
}

/** Whether a version of a contact is a failure to comply: only these can change what enforcement calls for. */
export const isFailure = (version: { counts_for_compliance: boolean; outcome: string | null }) =>
  version.counts_for_compliance && (FAILED as readonly string[]).includes(version.outcome ?? '');

export interface CaseEvaluation {
  order: CurrentOrder | null;
  failures: Failure[];
  actions: (RuleAction & { contactId: number | null; dueOn: string | null })[];
}

/** Runs the rules over each person's history, warnings given and breaches started: what the record calls for now. */
export async function evaluateCases(db: Db, personIds: readonly number[], today: string, settings?: Settings): Promise<Map<number, CaseEvaluation>> {
  const [s, orders, failuresByPerson, warnings, breaches] = await Promise.all([
    settings ?? enforcementSettings(db),
    currentOrders(db, personIds, today),
    failuresOf(db, personIds),
    inBatches(personIds, (ids) => db.selectFrom('warning_letters').select(['person_id', 'issued_on', 'failure_on']).where('person_id', 'in', ids).execute()),
    inBatches(personIds, (ids) => db.selectFrom('enforcement_decisions').select(['person_id', 'failure_on', 'concluded_on'])
      .where('person_id', 'in', ids).where('kind', '=', 'breach').where('status', '=', 'countersigned').execute()),
  ]);
  const result = new Map<number, CaseEvaluation>();
  for (const personId of personIds) {
    const order = orders.get(personId) ?? null;
    const history = failuresByPerson.get(personId) ?? [];
    const failures = order ? history.filter((f) => f.date >= order.startDate) : [];
    const actions = order ? evaluate({
      orderType: order.orderType, startDate: order.startDate, events: history.map((f) => ({ date: f.date, kind: 'unacceptable_failure' as const })), settings: s,
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
 * Re-reads the person's failures to comply (current versions) and applies the enforcement rules: a new failure
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

/** What a person's status is made from: open actions, decisions not returned, warnings given, returns to compliance. */
export interface StatusFacts {
  actions: { kind: string; due_on: string | null }[];
  decisions: { kind: string; status: string; deadline_on: string | null; laid_on: string | null; concluded_on: string | null }[];
  warnings: string[];
  returns: string[];
}

/** The facts for one person id expression, as four JSON arrays each read through its person index. */
export const statusFactsOf = (personId: Expression<number>) => ({
  actions: sql<StatusFacts['actions']>`(select coalesce(json_agg(json_build_object('kind', a.kind, 'due_on', a.due_on)), '[]') from enforcement_actions a
    where a.person_id = ${personId} and a.status = 'open')`,
  decisions: sql<StatusFacts['decisions']>`(select coalesce(json_agg(json_build_object('kind', d.kind, 'status', d.status, 'deadline_on', d.deadline_on,
    'laid_on', d.laid_on, 'concluded_on', d.concluded_on)), '[]') from enforcement_decisions d where d.person_id = ${personId} and d.status <> 'returned')`,
  warnings: sql<string[]>`(select coalesce(json_agg(w.issued_on), '[]') from warning_letters w where w.person_id = ${personId})`,
  returns: sql<string[]>`(select coalesce(json_agg(r.returned_on), '[]') from compliance_returns r where r.person_id = ${personId})`,
});

/**
 * A person's enforcement status for lists (My cases): in breach (a countersigned breach not yet concluded,
 * with the deadline for laying it until it is laid), breach action due, recall review, on a warning (one to
 * give, or one given within the warning period since the last return to compliance or concluded breach), or compliant.
 */
export function statusFrom(facts: StatusFacts, warningPeriodMonths: number, today: string): StatusOf {
  const { actions: open, decisions: mine } = facts;
  const live = mine.filter((d) => !d.concluded_on);
  const inBreach = live.find((d) => d.kind === 'breach' && d.status === 'countersigned');
  const due = open.filter((a) => a.kind === 'breach').map((a) => a.due_on).filter((d): d is string => !!d).sort()[0];
  const restart = [...facts.returns, ...mine.flatMap((d) => (d.concluded_on ? [d.concluded_on] : []))].sort().at(-1) ?? '';
  const warned = facts.warnings.some((issued) => issued > restart && today <= warningCoversUntil(issued, warningPeriodMonths));
  const status: StatusOf = { status: 'compliant', deadlineOn: null, openActions: open.length };
  if (inBreach) return { ...status, status: 'in_breach', deadlineOn: inBreach.laid_on ? null : inBreach.deadline_on };
  if (due || live.some((d) => d.kind === 'breach')) return { ...status, status: 'breach_due', deadlineOn: due ?? null };
  if (open.some((a) => a.kind === 'recall_review') || live.some((d) => d.kind === 'recall')) return { ...status, status: 'recall_review' };
  if (open.some((a) => a.kind === 'warning') || warned) return { ...status, status: 'warning' };
  return status;
}

/** Each person's enforcement status: one query for the lot. */
export async function enforcementStatusOf(db: Db, personIds: readonly number[], today: string): Promise<Map<number, StatusOf>> {
  const settings = await enforcementSettings(db);
  const facts = statusFactsOf(sql.ref('people.id'));
  const rows = await inBatches(personIds, (ids) => db.selectFrom('people')
    .select(['people.id', facts.actions.as('actions'), facts.decisions.as('decisions'), facts.warnings.as('warnings'), facts.returns.as('returns')])
    .where('people.id', 'in', ids).execute());
  const byId = new Map(rows.map((r) => [Number(r.id), r]));
  const none: StatusFacts = { actions: [], decisions: [], warnings: [], returns: [] };
  return new Map(personIds.map((id) => [id, statusFrom(byId.get(id) ?? none, settings.warningPeriodMonths, today)]));
}
