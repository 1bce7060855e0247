/**
 * Demonstration criminal histories (what a practitioner copies from the PNC): most people with events
 * have one, consistent with their events on the record; the rest show the predictors asking for it.
 */
import type { Db } from '../../database.ts';
import { inBatches } from '../../platform/db/batches.ts';
import type { Random } from '../../demo/random.ts';
import { addDays, addMonths } from '../../platform/http/dates.ts';

export interface DemoCriminalHistory { previous_sanctions: number; previous_convictions: number | null; violent_sanctions: number | null; first_sanction_date: string }

/**
 * A person's criminal history as the PNC would give it, from their own events in order of conviction
 * (with whether each main offence was violent); null for the one in seven without one recorded. Pure.
 */
export function demoCriminalHistory(random: Random, dateOfBirth: string, own: readonly { conviction_date: string; violent: boolean }[]): DemoCriminalHistory | null {
  if (!own.length || !random.chance(0.85)) return null;
  // The PNC usually holds more than this record: cautions and convictions dealt with elsewhere.
  const extra = random.weighted([[0, 25], [1, 20], [2, 15], [4, 15], [7, 12], [12, 8], [20, 5]]);
  const previousSanctions = own.length - 1 + extra;
  const earliest = own[0]!.conviction_date;
  const tenth = addMonths(dateOfBirth, 120);
  const back = extra ? addDays(earliest, -random.int(200, 365 * Math.min(15, extra + 2))) : earliest;
  const violent = own.filter((event) => event.violent).length + Math.round(extra * random.next() * 0.4);
  return {
    previous_sanctions: previousSanctions,
    previous_convictions: random.chance(0.7) ? Math.max(own.length - 1, previousSanctions - random.int(0, Math.min(3, extra))) : null,
    violent_sanctions: random.chance(0.9) ? Math.min(violent, previousSanctions + 1) : null,
    first_sanction_date: back < tenth ? (addMonths(tenth, 60) < earliest ? addMonths(tenth, 60) : earliest) : back,
  };
}

export async function seedCriminalHistoriesDemo(db: Db, people: { id: number; dateOfBirth: string }[], random: Random): Promise<void> {
  const events = await db.selectFrom('events as e')
    .innerJoin('event_offences as eo', (join) => join.onRef('eo.event_id', '=', 'e.id').on('eo.main', '=', true))
    .innerJoin('offences as o', 'o.code', 'eo.offence_code')
    .select(['e.person_id', 'e.conviction_date', 'o.violent']).orderBy('e.conviction_date').execute();
  const byPerson = new Map<number, typeof events>();
  for (const event of events) byPerson.set(event.person_id, [...(byPerson.get(event.person_id) ?? []), event]);
  const rows = people.flatMap((person) => {
    const history = demoCriminalHistory(random, person.dateOfBirth, byPerson.get(person.id) ?? []);
    return history ? [{ person_id: person.id, ...history, recorded_by: null }] : [];
  });
  await inBatches(rows, (batch) => db.insertInto('criminal_histories').values(batch).execute());
}
