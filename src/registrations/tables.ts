import type { Generated } from 'kysely';

export type FlagColour = 'red' | 'orange' | 'yellow' | 'purple' | 'blue' | 'grey';
export interface RegistrationTypesTable {
  code: string; name: string; colour: FlagColour; review_months: number; levels: string[];
  complexity_factor: string | null; description: string;
}
export interface RegistrationsTable {
  id: Generated<number>;
  person_id: number;
  type_code: string;
  level: string | null;
  notes: string;
  registered_on: string;
  next_review_on: string | null;
  registered_by: number | null;
  deregistered_on: string | null;
  deregistration_reason: string | null;
  deregistered_by: number | null;
  created_at: Generated<Date>;
}
export interface RegistrationReviewsTable {
  id: Generated<number>;
  person_id: number;
  registration_id: number;
  reviewed_on: string;
  notes: string;
  next_review_on: string | null;
  reviewed_by: number | null;
  created_at: Generated<Date>;
}
export interface RegistrationTables {
  registration_types: RegistrationTypesTable;
  registrations: RegistrationsTable;
  registration_reviews: RegistrationReviewsTable;
}
