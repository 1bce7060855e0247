/**
 * A transfer's life as a state machine, pure: which decision may be taken in which status, by whom,
 * and who may ask for a transfer at all. The pages and the API refuse the same things with the same words.
 *
 *   requested --accept (receiving manager, allocates in the same step)--> accepted
 *             --reject (receiving manager, with a reason)---------------> rejected
 *             --cancel (the requester, or a manager of the sending team)-> cancelled
 * Accepted, rejected and cancelled are final. Until accepted the case stays where it is.
 */
import type { TransferStatus } from './tables.ts';

export type TransferDecision = 'accept' | 'reject' | 'cancel';
export const DECISIONS: readonly TransferDecision[] = ['accept', 'reject', 'cancel'];

export const STATUS_NAMES: Record<TransferStatus, string> = {
  requested: 'Requested', accepted: 'Accepted', rejected: 'Rejected', cancelled: 'Cancelled',
};
export const STATUS_TAGS: Record<TransferStatus, string> = {
  requested: 'govuk-tag--blue', accepted: 'govuk-tag--green', rejected: 'govuk-tag--red', cancelled: 'govuk-tag--grey',
};

const RESULT: Record<TransferDecision, TransferStatus> = { accept: 'accepted', reject: 'rejected', cancel: 'cancelled' };

/** Who is acting: their id, team and whether their role allocates cases (cases:allocate). */
export interface Actor { id: number; teamId: number | null; canAllocate: boolean }
export interface TransferParties { status: TransferStatus; fromTeamId: number; toTeamId: number; requestedBy: number }

export type Outcome<T> = { ok: true; value: T } | { ok: false; status: 403 | 409; message: string };
const refuse = (status: 403 | 409, message: string) => ({ ok: false as const, status, message });

/** Whether this actor may take this decision on this transfer now, and the status it leads to. */
export function decide(transfer: TransferParties, decision: TransferDecision, actor: Actor): Outcome<TransferStatus> {
  if (transfer.status !== 'requested') {
    return refuse(409, `This transfer has already been ${STATUS_NAMES[transfer.status].toLowerCase()}: it cannot be changed.`);
  }
  if (decision === 'cancel') {
    const sendingManager = actor.canAllocate && actor.teamId === transfer.fromTeamId;
    if (actor.id !== transfer.requestedBy && !sendingManager) {
      return refuse(403, 'Only the person who requested the transfer, or a manager of the team sending the case, can cancel it.');
    }
  } else if (!actor.canAllocate || actor.teamId !== transfer.toTeamId) {
    return refuse(403, 'Only a manager of the receiving team can accept or reject this transfer.');
  }
  return { ok: true, value: RESULT[decision] };
}

/** The decisions this actor could take on this transfer now (for showing buttons). */
export const decisionsFor = (transfer: TransferParties, actor: Actor): TransferDecision[] =>
  DECISIONS.filter((d) => decide(transfer, d, actor).ok);

/** A rejection must say why; accepting and cancelling may add a note. */
export const reasonRequired = (decision: TransferDecision) => decision === 'reject';

/** Where the case is now. Null when it has no current allocation. */
export interface Holding { teamId: number; practitionerId: number | null }

/**
 * Who may ask for a transfer: a manager (cases:allocate) of the team holding the case, or the
 * practitioner holding it (they know first when a person moves). Not while another transfer is open.
 */
export function mayRequest(actor: Actor & { canReadCases: boolean }, holding: Holding | null, openTransfer: boolean): Outcome<true> {
  if (!holding) return refuse(409, 'This case is not allocated to a team yet: allocate it from the team\'s allocation queue instead.');
  const manager = actor.canAllocate && actor.teamId === holding.teamId;
  const holder = actor.canReadCases && holding.practitionerId !== null && actor.id === holding.practitionerId;
  if (!manager && !holder) return refuse(403, 'Only the practitioner holding this case, or a manager of their team, can request its transfer.');
  if (openTransfer) return refuse(409, 'A transfer of this case is already waiting for a decision: cancel it, or wait for the receiving team to decide.');
  return { ok: true, value: true };
}
