/** Tables owned by staff and organisation (migration 0014). */
import type { Generated } from 'kysely';

export interface OfficesTable {
  id: Generated<number>;
  pdu_id: number;
  code: string;
  name: string;
  address: Generated<string>;
  postcode: Generated<string>;
  active: Generated<boolean>;
}
export interface TeamOfficesTable { team_id: number; office_id: number }
export interface ReferenceTable { code: string; name: string; position: number }
export interface ReductionReasonsTable extends ReferenceTable { active: Generated<boolean> }

export interface StaffTables {
  offices: OfficesTable;
  team_offices: TeamOfficesTable;
  staff_grades: ReferenceTable;
  specialisms: ReferenceTable;
  qualifications: ReferenceTable;
  reduction_reasons: ReductionReasonsTable;
  // Columns migration 0014 adds to workload's tables (the types merge with workload's declarations).
  staff_profiles: { base_office_id: number | null };
  workload_reductions: { reason_code: string | null; detail: string | null };
}
