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
import type { ContactTables } from './supervision/contacts/tables.ts';
import type { EnforcementTables } from './supervision/enforcement/tables.ts';
import type { PlanTables } from './supervision/plans/tables.ts';
import type { ReminderTables } from './supervision/reminders/tables.ts';
import type { TimeTables } from './supervision/time/tables.ts';
import type { CaseloadTables } from './supervision/caseload/tables.ts';
import type { AllegedBreachTables } from './supervision/alleged-breaches/tables.ts';

/** The whole schema as one type: each capability declares the tables it owns. */
export type Database = OrgTables & AuthTables & PeopleTables & AccessTables & AuditTables & RegistrationTables
  & AssessmentTables & RoshTables & NeedsTables & SentencingTables & ForecastTables & ReportTables & WorkloadTables & AllocationTables
  & StaffTables & TransferTables
  & ContactTables & EnforcementTables & PlanTables & ReminderTables & TimeTables & CaseloadTables & AllegedBreachTables;
export type Db = Kysely<Database>;
