/** Tables owned by transfers (migration 0017). */
import type { Generated } from 'kysely';

export type TransferStatus = 'requested' | 'accepted' | 'rejected' | 'cancelled';
export type AppointmentsChoice = 'reassign' | 'keep';

export interface CaseTransfersTable {
  id: Generated<number>;
  person_id: number;
  from_team_id: number;
  from_practitioner_id: number | null;
  to_team_id: number;
  to_practitioner_id: number | null;
  reason: string;
  appointments: AppointmentsChoice;
  status: Generated<TransferStatus>;
  requested_by: number;
  requested_at: Generated<Date>;
  decided_by: number | null;
  decided_at: Date | null;
  decision_reason: string | null;
  allocation_decision_id: number | null;
}

export interface TransferTables {
  case_transfers: CaseTransfersTable;
}
