import type { RequirementRule } from './requirements.ts';

/** For tests: the requirement_types rows migration 0009 holds (sentencing.db.test.ts checks they match). */
const base = { min_units: null, max_units: null, max_months: null, complete_within_months: null, needs_consent: false, monitoring: 'none' as const, max_age_at_sentence: null, min_hours_per_day: null, max_hours_per_day: null, max_hours_per_week: null, unit: null };
export const RULES: Record<string, RequirementRule> = {
  unpaid_work: { ...base, code: 'unpaid_work', name: 'Unpaid work', unit: 'hours', min_units: 40, max_units: 300, complete_within_months: 12 },
  rehabilitation_activity: { ...base, code: 'rehabilitation_activity', name: 'Rehabilitation activity (RAR)', unit: 'days', min_units: 1, max_units: 120 },
  accredited_programme: { ...base, code: 'accredited_programme', name: 'Accredited programme', unit: 'sessions', min_units: 1, max_units: 120 },
  drug_rehabilitation: { ...base, code: 'drug_rehabilitation', name: 'Drug rehabilitation (DRR)', needs_consent: true },
  alcohol_treatment: { ...base, code: 'alcohol_treatment', name: 'Alcohol treatment (ATR)', needs_consent: true },
  mental_health_treatment: { ...base, code: 'mental_health_treatment', name: 'Mental health treatment (MHTR)', needs_consent: true },
  curfew: { ...base, code: 'curfew', name: 'Curfew', max_months: 24, monitoring: 'default', min_hours_per_day: 2, max_hours_per_day: 20, max_hours_per_week: 112 },
  exclusion: { ...base, code: 'exclusion', name: 'Exclusion', max_months: 24, monitoring: 'default' },
  residence: { ...base, code: 'residence', name: 'Residence' },
  prohibited_activity: { ...base, code: 'prohibited_activity', name: 'Prohibited activity' },
  alcohol_abstinence: { ...base, code: 'alcohol_abstinence', name: 'Alcohol abstinence and monitoring', unit: 'days', min_units: 1, max_units: 120, monitoring: 'required' },
  attendance_centre: { ...base, code: 'attendance_centre', name: 'Attendance centre', unit: 'hours', min_units: 12, max_units: 36, max_age_at_sentence: 24 },
};
export const PROGRAMMES = [{ code: 'TSP', name: 'Thinking Skills Programme', sessions_typical: 19, weeks_typical: 10 }, { code: 'BBR', name: 'Building Better Relationships', sessions_typical: 30, weeks_typical: 24 }];
export const LICENCE_CONDITIONS = [
  { code: 'WELL_BEHAVED', name: 'Be of good behaviour', standard: true, detail_label: null },
  { code: 'NO_OFFENCE', name: 'Not commit any offence', standard: true, detail_label: null },
  { code: 'NON_CONTACT', name: 'Not to contact a named person', standard: false, detail_label: 'Who the person may not contact' },
  { code: 'DRUG_TESTING', name: 'Attend drug testing', standard: false, detail_label: null },
];
