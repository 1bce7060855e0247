/** Convictions (events), sentences given and sentences ended. */
import { humanise, dayStart, within, type Source, type TimelineEntry } from './types.ts';

const TYPES: Record<string, string> = { community_order: 'Community order', suspended_sentence_order: 'Suspended sentence order', custody: 'Custody' };

export const sentenceEntries: Source = async (db, personId, w) => {
  const [events, sentences, ended] = await Promise.all([
    db.selectFrom('events').select(['id', 'event_number', 'court', dayStart('conviction_date').as('at')]).where('person_id', '=', personId)
      .where(within(dayStart('conviction_date'), w)).orderBy('at', 'desc').limit(w.limit).execute(),
    db.selectFrom('sentences').select(['id', 'sentence_type', 'length_months', dayStart('sentenced_on').as('at')]).where('person_id', '=', personId)
      .where(within(dayStart('sentenced_on'), w)).orderBy('at', 'desc').limit(w.limit).execute(),
    db.selectFrom('sentences').select(['id', 'sentence_type', 'status', 'end_reason', dayStart('ended_on').as('at')]).where('person_id', '=', personId)
      .where('ended_on', 'is not', null).where(within(dayStart('ended_on'), w)).orderBy('at', 'desc').limit(w.limit).execute(),
  ]);
  return [
    ...events.map((e): TimelineEntry => ({ kind: 'sentences', at: e.at, dateOnly: true, title: `Convicted (event ${e.event_number})`, lines: [`At ${e.court}`] })),
    ...sentences.map((s): TimelineEntry => ({ kind: 'sentences', at: s.at, dateOnly: true, title: `Sentenced: ${TYPES[s.sentence_type] ?? humanise(s.sentence_type)}, ${s.length_months} months`, lines: [] })),
    ...ended.map((s): TimelineEntry => ({ kind: 'sentences', at: s.at, dateOnly: true, title: `${TYPES[s.sentence_type] ?? humanise(s.sentence_type)} ended: ${humanise(s.status)}`, lines: s.end_reason ? [s.end_reason] : [] })),
  ];
};
