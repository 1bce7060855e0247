import type { Generated, ColumnType } from 'kysely';

export interface IssuedCrnsTable { crn: string; issued_at: Generated<Date> }
export interface PeopleTable {
  id: Generated<number>;
  crn: string;
  first_name: string;
  middle_names: string | null;
  last_name: string;
  preferred_name: string | null;
  date_of_birth: string;
  pnc: string | null;
  cro: string | null;
  nomis_number: string | null;
  ni_number: string | null;
  email: string | null;
  phone: string | null;
  sex: string;
  gender_identity: string | null;
  ethnicity: string | null;
  religion: string | null;
  sexual_orientation: string | null;
  disability: string | null;
  region_id: number;
  created_at: Generated<Date>;
  created_by: number | null;
  updated_at: Generated<Date>;
}
export interface PersonAliasesTable {
  id: Generated<number>;
  person_id: number;
  first_name: string;
  last_name: string;
  date_of_birth: string | null;
  /** The person's region, set and kept in step by triggers (migration 0028): what name search reads by. */
  region_id: ColumnType<number, never, never>;
}
export interface PersonAddressesTable {
  id: Generated<number>;
  person_id: number;
  status: 'main' | 'secondary' | 'previous';
  line1: string;
  line2: string | null;
  town: string | null;
  postcode: string | null;
  no_fixed_abode: Generated<boolean>;
  start_date: string | null;
  end_date: string | null;
}
export interface CaseAllocationsTable {
  id: Generated<number>;
  person_id: number;
  team_id: number;
  practitioner_id: number | null;
  started_at: Generated<Date>;
  ended_at: Date | null;
}
export interface PeopleTables {
  issued_crns: IssuedCrnsTable;
  people: PeopleTable;
  person_aliases: PersonAliasesTable;
  person_addresses: PersonAddressesTable;
  case_allocations: CaseAllocationsTable;
}
