import { recalculateTier } from '../assessment/tier/recalculate.ts';
import type { Db } from '../database.ts';
import { caseArrivesForSentence } from '../workforce/allocation/arrivals.ts';
import { forecastsAt, joinQueues, leaveQueuesForSentence, pduForPerson } from './forecast/service.ts';
import { addConviction, addSentences, endSentence } from './repository.ts';
import { forecastKey } from './requirements.ts';
import type { EndOfSentence, NewConviction, NewSentence } from './rules.ts';

const latestTier = async (db: Db, personId: number) =>
  (await db.selectFrom('tier_calculations').select('tier').where('person_id', '=', personId).orderBy('id', 'desc').limit(1).executeTakeFirst())?.tier ?? null;

/** The person's PDU and the start-date forecasts there for a sentence's requirements (none without a PDU). */
async function forecastsFor(db: Db, personId: number, sentence: NewSentence | null, today: string) {
  const keys = [...new Set((sentence?.requirements ?? []).map(forecastKey).filter((key): key is string => key !== null))];
  const pdu = keys.length ? await pduForPerson(db, personId) : null;
  const forecasts = pdu ? await forecastsAt(db, pdu.id, today, keys) : new Map();
  const starts = new Map<string, string>();
  for (const [key, forecast] of forecasts) if (forecast.available && forecast.earliestStartOn) starts.set(key, forecast.earliestStartOn);
  return { pdu, starts };
}

/** A made order's requirements join their queues at the person's PDU, from the date of sentence. */
async function join(db: Db, personId: number, pdu: { id: number } | null, sentence: NewSentence, made: { id: number; requirement_type: string; programme_code: string | null }[]) {
  if (!pdu) return;
  const items = made.filter((r) => forecastKey({ type: r.requirement_type, programme: r.programme_code }) !== null).map((r) => ({
    personId, requirementId: r.id, requirementType: r.requirement_type, programme: r.programme_code, pduId: pdu.id, joinedOn: sentence.sentencedOn,
  }));
  if (items.length) await joinQueues(db, items);
}

/**
 * Saves a validated conviction (with its sentence, or awaiting one) and recalculates the case's scores
 * and tier in the same transaction; a sentence's requirements start when the forecast says and join
 * their queues. Returns the event and the new tier.
 */
export async function recordConviction(db: Db, personId: number, conviction: NewConviction, userId: number, today: string) {
  return db.transaction().execute(async (trx) => {
    const { pdu, starts } = await forecastsFor(trx, personId, conviction.sentence, today);
    const event = await addConviction(trx, personId, conviction, userId, starts);
    if (conviction.sentence && event.sentence) await join(trx, personId, pdu, conviction.sentence, event.sentence.requirements);
    await recalculateTier(trx, personId, conviction.sentence ? 'Conviction and sentence recorded' : 'Conviction recorded, awaiting sentence', userId);
    if (conviction.sentence) await caseArrivesForSentence(trx, personId, conviction.sentence.type, userId); // the allocation queue
    return { event, tier: await latestTier(trx, personId) };
  });
}

/** The sentence for an event that was awaiting it: as recordConviction. Fails with 'sentenced' if the event has one already. */
export async function recordSentence(db: Db, personId: number, event: { id: number; event_number: number }, sentence: NewSentence, userId: number, today: string) {
  return db.transaction().execute(async (trx) => {
    // Locks the person's row so two saves for one event take turns; the unique event_id then refuses the second.
    await trx.selectFrom('people').select('id').where('id', '=', personId).forUpdate().execute();
    const existing = await trx.selectFrom('sentences').select('id').where('event_id', '=', event.id).executeTakeFirst();
    if (existing) return { status: 'sentenced' as const };
    const { pdu, starts } = await forecastsFor(trx, personId, sentence, today);
    const made = (await addSentences(trx, [{ personId, eventId: event.id, sentence, starts }], userId)).get(event.id)!;
    await join(trx, personId, pdu, sentence, made.requirements);
    await recalculateTier(trx, personId, `Sentence recorded (event ${event.event_number})`, userId);
    await caseArrivesForSentence(trx, personId, sentence.type, userId); // the allocation queue
    return { status: 'saved' as const, sentenceId: made.id, tier: await latestTier(trx, personId) };
  });
}

/** Ends an order or licence: its requirements end, leave their queues, and the tier follows, in one transaction. */
export async function endOrder(db: Db, personId: number, sentence: { id: number; event_number: number }, ending: EndOfSentence, userId: number) {
  await db.transaction().execute(async (trx) => {
    await endSentence(trx, sentence.id, ending, userId);
    await leaveQueuesForSentence(trx, sentence.id, ending.status, ending.endedOn);
    await recalculateTier(trx, personId, `Sentence ended (event ${sentence.event_number})`, userId);
  });
}
