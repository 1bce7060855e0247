import type { Migration } from 'kysely';
import * as platform from './0001_platform.ts';
import * as audit from './0002_audit.ts';
import * as referenceData from './0003_reference_data.ts';
import * as registrations from './0004_registrations.ts';
import * as assessment from './0005_assessment.ts';
import * as rosh from './0006_rosh.ts';
import * as needs from './0007_needs.ts';
import * as sentencing from './0008_sentencing.ts';
import * as requirementDetails from './0009_requirement_details.ts';
import * as deliveryCapacity from './0010_delivery_capacity.ts';
import * as preSentenceReports from './0011_pre_sentence_reports.ts';
import * as workload from './0012_workload.ts';
import * as allocation from './0013_allocation.ts';
import * as organisation from './0014_organisation.ts';
import * as workloadSettings from './0015_workload_settings.ts';
import * as allocationQueue from './0016_allocation_queue.ts';
import * as transfers from './0017_transfers.ts';
import * as contactsMigration from './0018_contacts.ts';
import * as enforcementMigration from './0019_enforcement.ts';
import * as sentencePlansMigration from './0020_sentence_plans.ts';
import * as remindersMigration from './0021_reminders.ts';
import * as timeWithPeopleMigration from './0022_time_with_people.ts';
import * as contactLevelsMigration from './0023_contact_levels.ts';
import * as allegedBreachesMigration from './0024_alleged_breaches.ts';
import * as supervisionIndexesMigration from './0025_supervision_indexes.ts';
import * as nationalReadsMigration from './0026_national_reads.ts';
import * as surnameDistanceMigration from './0027_surname_distance.ts';
import * as aliasRegionMigration from './0028_alias_region.ts';
import * as auditChainPlanMigration from './0029_audit_chain_plan.ts';
import * as closeSurnamesMigration from './0030_close_surnames.ts';
import * as surnameOrderMigration from './0031_surname_order.ts';
import * as surnameCoveringMigration from './0032_surname_covering.ts';
import * as aliasSurnameCoveringMigration from './0033_alias_surname_covering.ts';

/** Numbered schema changes, applied in key order. Add new ones at the end; never edit an applied one. */
export const migrations: Record<string, Migration> = {
  '0001_platform': platform,
  '0002_audit': audit,
  '0003_reference_data': referenceData,
  '0004_registrations': registrations,
  '0005_assessment': assessment,
  '0006_rosh': rosh,
  '0007_needs': needs,
  '0008_sentencing': sentencing,
  '0009_requirement_details': requirementDetails,
  '0010_delivery_capacity': deliveryCapacity,
  '0011_pre_sentence_reports': preSentenceReports,
  '0012_workload': workload,
  '0013_allocation': allocation,
  '0014_organisation': organisation,
  '0015_workload_settings': workloadSettings,
  '0016_allocation_queue': allocationQueue,
  '0017_transfers': transfers,
  '0018_contacts': contactsMigration,
  '0019_enforcement': enforcementMigration,
  '0020_sentence_plans': sentencePlansMigration,
  '0021_reminders': remindersMigration,
  '0022_time_with_people': timeWithPeopleMigration,
  '0023_contact_levels': contactLevelsMigration,
  '0024_alleged_breaches': allegedBreachesMigration,
  '0025_supervision_indexes': supervisionIndexesMigration,
  '0026_national_reads': nationalReadsMigration,
  '0027_surname_distance': surnameDistanceMigration,
  '0028_alias_region': aliasRegionMigration,
  '0029_audit_chain_plan': auditChainPlanMigration,
  '0030_close_surnames': closeSurnamesMigration,
  '0031_surname_order': surnameOrderMigration,
  '0032_surname_covering': surnameCoveringMigration,
  '0033_alias_surname_covering': aliasSurnameCoveringMigration,
};
