import type { Migration } from 'kysely';
import * as platform from './0001_platform.ts';
import * as audit from './0002_audit.ts';
import * as referenceData from './0003_reference_data.ts';
import * as registrations from './0004_registrations.ts';

/** Numbered schema changes, applied in key order. Add new ones at the end; never edit an applied one. */
export const migrations: Record<string, Migration> = {
  '0001_platform': platform,
  '0002_audit': audit,
  '0003_reference_data': referenceData,
  '0004_registrations': registrations,
};
