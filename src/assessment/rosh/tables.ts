import type { Generated } from 'kysely';
import type { RoshLevel } from './rules.ts';

/** One row per completed RoSH assessment: each is a version, kept as it was; the newest is not superseded. */
export interface RoshAssessmentsTable {
  id: Generated<number>;
  person_id: number;
  version: number;
  risk_to_children: RoshLevel;
  risk_to_public: RoshLevel;
  risk_to_known_adult: RoshLevel;
  risk_to_staff: RoshLevel;
  /** Null when not applicable: the person is not in custody. */
  risk_to_prisoners: RoshLevel | null;
  overall: RoshLevel;
  nature_of_risk: string;
  who_is_at_risk: string;
  when_risk_greatest: string;
  increases_risk: string;
  reduces_risk: string;
  completed_on: string;
  review_due_on: string;
  completed_by: number | null;
  completed_at: Generated<Date>;
  superseded: Generated<boolean>;
}

export interface RoshTables {
  rosh_assessments: RoshAssessmentsTable;
}
