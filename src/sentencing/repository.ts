import { sql, type Expression } from 'kysely';
import type { CurrentSentence } from '../assessment/tiering/rules.ts';
import type { Db } from '../database.ts';
import { byPerson, inBatches } from '../platform/db/batches.ts';
import { forecastKey, requirementDates } from './requirements.ts';
import { followUpStart, keyDates, unsupervised, type EndOfSentence, type NewConviction, type NewSentence } from './rules.ts';

export const offences = (db: Db) => db.selectFrom('offences').selectAll().orderBy('description').execute();
export const requirementTypes = (db: Db) => db.selectFrom('requirement_types').selectAll().orderBy('name').execute();
export const programmes = (db: Db) => db.selectFrom('accredited_programmes').selectAll().orderBy('name').execute();
export const licenceConditionTypes = (db: Db) => db.selectFrom('licence_condition_types').selectAll().orderBy('ordinal').execute();
/** The reference lists a conviction and its sentence are recorded from. */
export const convictionReferences = async (db: Db) => {
  const [o, r, p, l] = await Promise.all([offences(db), requirementTypes(db), programmes(db), licenceConditionTypes(db)]);
  return { offences: o, requirementTypes: r, programmes: p, licenceConditionTypes: l };
};
export type References = Awaited<ReturnType<typeof convictionReferences>>;

/** A person's events, newest first, each with its offences, sentence, requirements and licence conditions. */
export async function eventsFor(db: Db, personId: number) {
  const [events, offenceRows, sentences, requirements, conditions] = await Promise.all([
    db.selectFrom('events as e').leftJoin('users as u', 'u.id', 'e.created_by')
      .select(['e.id', 'e.event_number', 'e.conviction_date', 'e.court', 'e.outcome', 'e.next_hearing_on', 'u.display_name as created_by_name'])
      .where('e.person_id', '=', personId).orderBy('e.conviction_date', 'desc').orderBy('e.id', 'desc').execute(),
    db.selectFrom('event_offences as eo').innerJoin('offences as o', 'o.code', 'eo.offence_code')
      .select(['eo.event_id', 'eo.offence_code', 'eo.offence_date', 'eo.main', 'o.description', 'o.ogrs3_category'])
      .where('eo.person_id', '=', personId).orderBy('eo.main', 'desc').orderBy('eo.id').execute(),
    db.selectFrom('sentences').selectAll().where('person_id', '=', personId).execute(),
    db.selectFrom('requirements as r').innerJoin('requirement_types as t', 't.code', 'r.requirement_type')
      .leftJoin('accredited_programmes as p', 'p.code', 'r.programme_code')
      .select(['r.id', 'r.sentence_id', 'r.requirement_type', 't.name', 't.restrictive', 't.unit', 't.complete_within_months', 'r.expected_start_on', 'r.expected_end_on', 'r.ended_on',
        'r.units', 'r.programme_code', 'p.name as programme_name', 'r.details'])
      .where('r.person_id', '=', personId).orderBy('t.name').execute(),
    db.selectFrom('licence_conditions as c').innerJoin('licence_condition_types as t', 't.code', 'c.condition_code')
      .select(['c.sentence_id', 'c.condition_code', 't.name', 't.standard', 'c.detail'])
      .where('c.person_id', '=', personId).orderBy('t.ordinal').execute(),
  ]);
  return events.map((event) => {
    const sentence = sentences.find((s) => s.event_id === event.id) ?? null;
    return {
      ...event,
      offences: offenceRows.filter((o) => o.event_id === event.id),
      sentence,
      requirements: sentence ? requirements.filter((r) => r.sentence_id === sentence.id) : [],
      licenceConditions: sentence ? conditions.filter((c) => c.sentence_id === sentence.id) : [],
    };
  });
}
export type EventRow = Awaited<ReturnType<typeof eventsFor>>[number];

export interface ConvictionToRecord {
  personId: number;
  conviction: NewConviction;
  /** A past conviction whose sentence has already ended (loaded from another system, or demonstration data). */
  ended?: EndOfSentence;
  /** Requirements' expected starts by forecast key (see forecastKey); otherwise the date of sentence. */
  starts?: ReadonlyMap<string, string>;
}

/**
 * Records convictions with their offences and, when sentenced, their sentences, many at a time (each
 * person's events are numbered in order). Several writes: call inside a transaction. The people's rows
 * are locked first, so two saves for one person at once take different event numbers.
 */
export async function addConvictions(db: Db, items: readonly ConvictionToRecord[], userId: number | null) {
  const people = [...new Set(items.map((item) => item.personId))].sort((a, b) => a - b);
  const last = new Map<number, number>();
  await inBatches(people, async (ids) => {
    await db.selectFrom('people').select('id').where('id', 'in', ids).orderBy('id').forUpdate().execute();
    const rows = await db.selectFrom('events').select(['person_id', (eb) => eb.fn.max('event_number').as('n')]).where('person_id', 'in', ids).groupBy('person_id').execute();
    for (const row of rows) last.set(row.person_id, Number(row.n));
  });
  const numbered = items.map((item) => {
    const eventNumber = (last.get(item.personId) ?? 0) + 1;
    last.set(item.personId, eventNumber);
    return { ...item, eventNumber };
  });
  const key = (personId: number, eventNumber: number) => `${personId}:${eventNumber}`;
  const eventIds = new Map((await inBatches(numbered, (batch) => db.insertInto('events').values(batch.map(({ personId, eventNumber, conviction: c }) => ({
    person_id: personId, event_number: eventNumber, conviction_date: c.convictionDate, court: c.court, outcome: c.outcome, next_hearing_on: c.nextHearingOn, created_by: userId,
  }))).returning(['id', 'person_id', 'event_number']).execute())).map((row) => [key(row.person_id, row.event_number), row.id]));
  const events = numbered.map((item) => ({ ...item, eventId: eventIds.get(key(item.personId, item.eventNumber))! }));

  await inBatches(events.flatMap(({ personId, eventId, conviction }) => [
    { person_id: personId, event_id: eventId, offence_code: conviction.mainOffence.code, offence_date: conviction.mainOffence.offenceDate, main: true },
    ...conviction.additionalOffences.map((o) => ({ person_id: personId, event_id: eventId, offence_code: o.code, offence_date: o.offenceDate, main: false })),
  ]), (batch) => db.insertInto('event_offences').values(batch).execute());
  const sentenced = await addSentences(db, events.flatMap(({ personId, eventId, conviction, ended, starts }) =>
    conviction.sentence ? [{ personId, eventId, sentence: conviction.sentence, ended, starts }] : []), userId);
  return events.map((event) => ({ id: event.eventId, person_id: event.personId, event_number: event.eventNumber, sentence: sentenced.get(event.eventId) ?? null }));
}

/** One conviction: see addConvictions. */
export async function addConviction(db: Db, personId: number, conviction: NewConviction, userId: number | null, starts?: ReadonlyMap<string, string>) {
  const [event] = await addConvictions(db, [{ personId, conviction, starts }], userId);
  return event!;
}

export interface SentenceToRecord { personId: number; eventId: number; sentence: NewSentence; ended?: EndOfSentence; starts?: ReadonlyMap<string, string> }

/**
 * Sentences for events, with their requirements (expected starts from `starts`, else the date of
 * sentence; ends from requirementDates) and licence conditions. Returns, by event id, the sentence id
 * and its requirements. Several writes: call inside a transaction.
 */
export async function addSentences(db: Db, items: readonly SentenceToRecord[], userId: number | null) {
  const rules = new Map((await requirementTypes(db)).map((rule) => [rule.code, rule]));
  const dated = items.map((item) => ({ ...item, dates: keyDates(item.sentence) }));
  const sentenceIds = new Map((await inBatches(dated, (batch) => db.insertInto('sentences').values(batch.map(({ personId, eventId, sentence: s, dates, ended }) => ({
    person_id: personId, event_id: eventId, sentence_type: s.type, sentenced_on: s.sentencedOn, length_months: s.lengthMonths,
    custodial_term_months: s.custodialTermMonths, supervision_months: s.supervisionMonths, release_on: s.releaseOn, licence_ends_on: s.licenceEndsOn,
    release_fraction: s.type === 'custody' ? s.releaseFraction ?? 0.5 : null,
    conditional_release_on: dates.licence?.conditionalReleaseOn ?? null, top_up_ends_on: dates.licence?.topUpEndsOn ?? null,
    expected_end_on: dates.expectedEndOn, status: ended?.status ?? 'active', ended_on: ended?.endedOn ?? null, end_reason: ended?.reason ?? null, ended_by: ended ? userId : null,
  }))).returning(['id', 'event_id']).execute())).map((row) => [row.event_id, row.id]));
  const requirementRows = dated.flatMap(({ personId, eventId, sentence, dates, ended, starts }) => sentence.requirements.map((r) => {
    const forecast = forecastKey(r);
    const startOn = [sentence.sentencedOn, (forecast && starts?.get(forecast)) || sentence.sentencedOn].sort().pop()!;
    const rule = rules.get(r.type)!;
    const { endOn } = requirementDates(rule, r, startOn, dates.requirementEndOn);
    return {
      person_id: personId, sentence_id: sentenceIds.get(eventId)!, requirement_type: r.type, units: r.units, programme_code: r.programme,
      details: JSON.stringify(r.details), expected_start_on: startOn > dates.requirementEndOn ? dates.requirementEndOn : startOn, expected_end_on: endOn,
      ended_on: ended ? [ended.endedOn, endOn].sort()[0]! : null,
    };
  }));
  const requirementIds = await inBatches(requirementRows, (batch) => db.insertInto('requirements').values(batch)
    .returning(['id', 'sentence_id', 'requirement_type', 'programme_code', 'expected_start_on']).execute());
  await inBatches(dated.flatMap(({ personId, eventId, sentence }) => sentence.licenceConditions.map((c) => ({
    person_id: personId, sentence_id: sentenceIds.get(eventId)!, condition_code: c.code, detail: c.detail,
  }))), (batch) => db.insertInto('licence_conditions').values(batch).execute());
  return new Map(items.map((item) => {
    const id = sentenceIds.get(item.eventId)!;
    return [item.eventId, { id, requirements: requirementIds.filter((r) => r.sentence_id === id) }];
  }));
}

/** An event of this person by its number, with its sentence's id and status if it has one. */
export async function eventByNumber(db: Db, personId: number, eventNumber: number) {
  return db.selectFrom('events as e').leftJoin('sentences as s', 's.event_id', 'e.id')
    .select(['e.id', 'e.event_number', 'e.conviction_date', 'e.court', 'e.outcome', 'e.next_hearing_on', 's.id as sentence_id'])
    .where('e.person_id', '=', personId).where('e.event_number', '=', eventNumber).executeTakeFirst();
}

/** The active sentence of this person's event number, if there is one. */
export async function activeSentence(db: Db, personId: number, eventNumber: number) {
  return db.selectFrom('sentences as s').innerJoin('events as e', 'e.id', 's.event_id')
    .select(['s.id', 's.sentenced_on', 's.sentence_type', 'e.event_number'])
    .where('s.person_id', '=', personId).where('e.event_number', '=', eventNumber).where('s.status', '=', 'active').executeTakeFirst();
}

/** Ends a sentence and its requirements that are still running. Two writes: call inside a transaction. */
export async function endSentence(db: Db, sentenceId: number, ending: EndOfSentence, userId: number) {
  await db.updateTable('sentences').set({ status: ending.status, ended_on: ending.endedOn, end_reason: ending.reason, ended_by: userId })
    .where('id', '=', sentenceId).where('status', '=', 'active').execute();
  await db.updateTable('requirements').set({ ended_on: ending.endedOn }).where('sentence_id', '=', sentenceId).where('ended_on', 'is', null).execute();
}

/** Where the case stands: under an active sentence, awaiting sentence, or neither (for the case header). */
/** How many of a case's events have an active sentence, await one, or have any: what its status follows. */
export function standingQuery(db: Db, personId: number | Expression<number>) {
  return db.selectFrom('events as e').leftJoin('sentences as s', 's.event_id', 'e.id')
    .select([
      sql<number>`count(*) filter (where s.status = 'active')::int`.as('active'),
      sql<number>`count(*) filter (where s.id is null)::int`.as('awaiting'),
      sql<number>`count(s.id)::int`.as('sentences'),
    ])
    .where('e.person_id', '=', personId);
}
export const sentenceStanding = (db: Db, personId: number) => standingQuery(db, personId).executeTakeFirstOrThrow();

/** Active sentences with their requirements, for many people: what the tier and the unsupervised suffix read. */
export async function currentSentencesForTiers(db: Db, personIds: readonly number[], today = new Date().toISOString().slice(0, 10)) {
  const rows = await inBatches(personIds, (ids) => db.selectFrom('sentences as s')
    .select(['s.id', 's.person_id', 's.sentence_type', 's.sentenced_on', 's.release_on', 's.licence_ends_on', 's.top_up_ends_on', 's.expected_end_on'])
    .select((eb) => sql<{ type: string; restrictive: boolean }[]>`coalesce((
      select json_agg(json_build_object('type', r.requirement_type, 'restrictive', t.restrictive) order by r.requirement_type)
      from requirements r join requirement_types t on t.code = r.requirement_type
      where r.sentence_id = ${eb.ref('s.id')} and r.ended_on is null), '[]')`.as('requirements'))
    .where('s.person_id', 'in', ids).where('s.status', '=', 'active').orderBy('s.id').execute());
  const grouped = byPerson(rows.map((row) => ({ ...row, requirementCount: row.requirements.length })));
  return new Map(personIds.map((id) => {
    const current = grouped.get(id) ?? [];
    return [id, {
      sentences: current.map((row): CurrentSentence => ({ custodial: row.sentence_type === 'custody', requirements: row.requirements })),
      unsupervised: unsupervised(current, today),
    }];
  }));
}

export interface PredictorEvent {
  eventId: number;
  eventNumber: number;
  offenceCategory: string;
  offenceDescription: string;
  convictionDate: string;
  /** Null while the conviction awaits sentence: the predictor then asks for it. */
  followUpStartDate: string | null;
}

/**
 * The current event OGRS3 reads, for many people: each one's latest conviction that is under an active
 * sentence or still awaiting one.
 */
export async function currentEventsForPredictors(db: Db, personIds: readonly number[]): Promise<Map<number, PredictorEvent>> {
  const rows = await inBatches(personIds, (ids) => db.selectFrom('events as e')
    .innerJoin('event_offences as eo', (join) => join.onRef('eo.event_id', '=', 'e.id').on('eo.main', '=', true))
    .innerJoin('offences as o', 'o.code', 'eo.offence_code')
    .leftJoin('sentences as s', 's.event_id', 'e.id')
    .distinctOn('e.person_id')
    .select(['e.person_id', 'e.id', 'e.event_number', 'e.conviction_date', 'o.ogrs3_category', 'o.description', 's.sentence_type', 's.sentenced_on', 's.release_on'])
    .where('e.person_id', 'in', ids)
    .where((eb) => eb.or([eb('s.status', '=', 'active'), eb('s.id', 'is', null)]))
    .orderBy('e.person_id').orderBy('e.conviction_date', 'desc').orderBy('e.id', 'desc').execute());
  return new Map(rows.map((row) => [row.person_id, {
    eventId: row.id,
    eventNumber: row.event_number,
    offenceCategory: row.ogrs3_category as string,
    offenceDescription: row.description,
    convictionDate: row.conviction_date,
    followUpStartDate: row.sentence_type && row.sentenced_on ? followUpStart({ sentence_type: row.sentence_type, sentenced_on: row.sentenced_on, release_on: row.release_on }) : null,
  }]));
}

/** What the record's own events say about the criminal history, to pre-fill it (the PNC may hold more). */
export async function sanctionCounts(db: Db, personId: number) {
  const row = await db.selectFrom('events as e')
    .leftJoin('event_offences as eo', (join) => join.onRef('eo.event_id', '=', 'e.id').on('eo.main', '=', true))
    .leftJoin('offences as o', 'o.code', 'eo.offence_code')
    .select([
      sql<number>`count(*)::int`.as('total'),
      sql<number>`count(*) filter (where o.violent)::int`.as('violent'),
      sql<string | null>`min(e.conviction_date)::text`.as('first_conviction_date'),
    ])
    .where('e.person_id', '=', personId).executeTakeFirstOrThrow();
  return { total: row.total, violent: row.violent, firstConvictionDate: row.first_conviction_date };
}
