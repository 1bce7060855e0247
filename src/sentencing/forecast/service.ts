/**
 * What other areas ask of the start-date forecast: the earliest start of each requirement type at a
 * PDU, with its explanation, and joining or leaving the queue when an order is made or ends.
 * CONTRACT (filled in by the forecast work): signatures here are what the sentence form and the
 * pre-sentence report call.
 */
import type { Db } from '../../database.ts';

export interface Forecast {
  requirementType: string;
  requirementName: string;
  pduCode: string;
  /** Whether the PDU delivers this requirement at all (any capacity recorded). */
  available: boolean;
  /** The earliest date a new order's requirement could start; null when not available. */
  earliestStartOn: string | null;
  /** The person's place if they joined now (1 = first), and how many wait already. */
  position: number;
  waiting: number;
  /** One sentence a sentencer can read, e.g. "3rd of 12 waiting for the next Thinking Skills group starting 12 Jan 2027; 4 places". */
  explanation: string;
  /** The steps behind the date (capacity, queue, rule), for "How this was forecast". */
  reasons: string[];
  /** The start would be later than the legal or policy limit: shown in red. */
  beyondLimit: boolean;
  limitExplanation: string | null;
}

/** The PDU whose capacity applies to a person: their case's current team's PDU, else null. */
export async function pduForPerson(_db: Db, _personId: number): Promise<{ id: number; code: string; name: string } | null> {
  return null;
}

/** Forecasts for requirement types at a PDU as of `today` (all types when `types` is omitted). */
export async function forecastsAt(_db: Db, _pduId: number, _today: string, _types?: readonly string[]): Promise<Map<string, Forecast>> {
  return new Map();
}

/** A made order's requirements join their PDU's queues (call inside the transaction that records the sentence). */
export async function joinQueues(_db: Db, _items: readonly { personId: number; requirementId: number; requirementType: string; pduId: number; joinedOn: string }[]): Promise<void> {}

/** The requirements of an ended sentence leave any queue they are still in. */
export async function leaveQueuesForSentence(_db: Db, _sentenceId: number, _reason: string, _on: string): Promise<void> {}
