/** New cases arriving in a team's allocation queue: called by sentencing in the transaction that records a sentence. */
import type { Db } from '../../database.ts';
import { openAllocationRequest } from './service.ts';

/**
 * A sentence recorded (community or suspended order: from court; custody: from custody) opens a request
 * for the case's team: its current case_allocations team, else the recording user's team. With neither
 * (say, an administrator recording for an unallocated case) nothing is opened: there is no queue to put
 * it in. Nothing is opened when the person already has a request awaiting, nor when a practitioner already
 * holds the case: a new order for someone under supervision stays with them (continuity); moving it is a transfer.
 */
export async function caseArrivesForSentence(trx: Db, personId: number, sentenceType: string, userId: number): Promise<number | null> {
  const current = await trx.selectFrom('case_allocations').select(['team_id', 'practitioner_id']).where('person_id', '=', personId).where('ended_at', 'is', null).executeTakeFirst();
  if (current?.practitioner_id) return null;
  const teamId = current?.team_id ?? (await trx.selectFrom('users').select('team_id').where('id', '=', userId).executeTakeFirst())?.team_id ?? null;
  if (teamId === null) return null;
  return openAllocationRequest(trx, personId, teamId, sentenceType === 'custody' ? 'custody' : 'court');
}
