import type { Kysely } from 'kysely';
import type { AccessTables } from './access/tables.ts';
import type { AuditTables } from './audit/tables.ts';
import type { AuthTables } from './auth/tables.ts';
import type { OrgTables } from './org/tables.ts';
import type { PeopleTables } from './people/tables.ts';
import type { AssessmentTables } from './assessment/tables.ts';
import type { NeedsTables } from './assessment/needs/tables.ts';
import type { RoshTables } from './assessment/rosh/tables.ts';
import type { RegistrationTables } from './registrations/tables.ts';
import type { SentencingTables } from './sentencing/tables.ts';
import type { ForecastTables } from './sentencing/forecast/tables.ts';
import type { ReportTables } from './reports/tables.ts';
import type { WorkloadTables } from './workforce/workload/tables.ts';
import type { AllocationTables } from './workforce/allocation/tables.ts';
import type { StaffTables } from './workforce/staff/tables.ts';
import type { TransferTables } from './workforce/transfers/tables.ts';

/** The whole schema as one type: each capability declares the tables it owns. */
export type Database = OrgTables & AuthTables & PeopleTables & AccessTables & AuditTables & RegistrationTables
  & AssessmentTables & RoshTables & NeedsTables & SentencingTables & ForecastTables & ReportTables & WorkloadTables & AllocationTables
  & StaffTables & TransferTables;
export type Db = Kysely<Database>;
