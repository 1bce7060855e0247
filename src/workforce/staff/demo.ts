import type { Db } from '../../database.ts';
import { DEMO_OFFICES, DEMO_TEAM_OFFICES, DEMO_USERS } from '../../demo/organisation.ts';
import type { Random } from '../../demo/random.ts';
import { addDays, addMonths } from '../../platform/http/dates.ts';

interface DemoProfile { hours?: number; qualifiedYearsAgo?: number; qualifiedMonthsAgo?: number; qualifications?: string[]; specialisms?: string[]; office?: string }

// Each person's details; anyone not named gets full time hours, their team's office and no specialism.
const PROFILES: Record<string, DemoProfile> = {
  'sam.spo': { qualifiedYearsAgo: 14, qualifications: ['dipps'], specialisms: ['public_protection'] },
  'jo.po': { qualifiedYearsAgo: 6, qualifications: ['pqf_l6', 'sara'], specialisms: ['domestic_abuse'] },
  'lee.po': { qualifiedYearsAgo: 9, qualifications: ['pqf_l6'], specialisms: ['public_protection', 'terrorism'] },
  'amira.po': { hours: 22.5, qualifiedYearsAgo: 4, qualifications: ['pqip'], specialisms: ['women', 'mental_health'] },
  'kim.pso': { hours: 30, qualifications: ['pqf_l5'], specialisms: ['young_adults'] },
  'fiona.po': { qualifiedYearsAgo: 11, qualifications: ['dipps', 'arms'], specialisms: ['sexual_offending'], office: 'NE-NCL-BYK' },
  'chris.court': { qualifications: ['vq3'], specialisms: ['court'] },
  'priya.spo': { qualifiedYearsAgo: 12, qualifications: ['dipps'], specialisms: ['public_protection'] },
  'dan.po': { qualifiedYearsAgo: 7, qualifications: ['pqf_l6', 'sara'], specialisms: ['domestic_abuse', 'public_protection'] },
  'ellie.po': { qualifiedMonthsAgo: 4, qualifications: ['pqip'], specialisms: ['women'] },
  'tom.pqip': { qualifications: [], specialisms: [] },
  'ruth.pso': { hours: 22.5, qualifications: ['pqf_l5'], specialisms: ['iom'] },
  'mark.spo': { qualifiedYearsAgo: 16, qualifications: ['cqsw'], specialisms: ['public_protection'] },
  'grace.po': { qualifiedYearsAgo: 5, qualifications: ['pqip', 'sara'], specialisms: ['domestic_abuse'], office: 'NE-DUR-CHS' },
  'ian.po': { qualifiedYearsAgo: 8, qualifications: ['pqf_l6'], specialisms: ['young_adults'] },
  'sue.po': { qualifiedYearsAgo: 10, qualifications: ['dipps'], specialisms: ['public_protection', 'sexual_offending'] },
  'wes.pso': { qualifications: ['vq3'], specialisms: ['young_adults'] },
  'gary.po': { hours: 30, qualifiedYearsAgo: 3, qualifications: ['pqip', 'arms'], specialisms: ['sexual_offending'], office: 'NE-DUR-CHS' },
  'mo.court': { qualifications: ['pqf_l5'], specialisms: ['court'] },
  'helen.spo': { qualifiedYearsAgo: 13, qualifications: ['dipps'], specialisms: ['domestic_abuse'] },
  'raj.po': { qualifiedYearsAgo: 6, qualifications: ['pqf_l6'], specialisms: ['public_protection'] },
  'beth.po': { hours: 30, qualifiedYearsAgo: 2, qualifications: ['pqip'], specialisms: ['women'] },
  'paul.po': { qualifiedYearsAgo: 9, qualifications: ['pqf_l6', 'sara'], specialisms: ['domestic_abuse'] },
  'nat.pso': { hours: 22.5, qualifications: ['pqf_l5'], specialisms: [] },
  'omar.po': { qualifiedYearsAgo: 3, qualifications: ['pqip'], specialisms: ['young_adults'] },
  'rachel.po': { hours: 30, qualifiedYearsAgo: 8, qualifications: ['pqf_l6', 'sara'], specialisms: ['domestic_abuse'] },
  'hannah.po': { qualifiedYearsAgo: 5, qualifications: ['pqip'], specialisms: ['public_protection'] },
  'leanne.pso': { hours: 30, qualifications: ['pqf_l5'], specialisms: ['women'] },
  'claire.po': { qualifiedYearsAgo: 12, qualifications: ['dipps', 'arms'], specialisms: ['sexual_offending', 'public_protection'] },
  'emma.po': { hours: 22.5, qualifiedYearsAgo: 6, qualifications: ['pqf_l6'], specialisms: ['women'] },
  'holly.pso': { qualifications: ['vq3'], specialisms: ['iom'] },
  'jess.po': { qualifiedYearsAgo: 4, qualifications: ['pqip', 'sara'], specialisms: ['domestic_abuse'] },
  'laura.po': { hours: 30, qualifiedYearsAgo: 9, qualifications: ['pqf_l6'], specialisms: ['women'] },
  'pete.po': { qualifiedYearsAgo: 15, qualifications: ['cqsw'], specialisms: ['public_protection'] },
  'tara.po': { qualifiedMonthsAgo: 7, qualifications: ['pqip'], specialisms: ['young_adults'] },
};

/** A demo practitioner's contracted hours: the demo load shares cases out in proportion to them. */
export const demoContractedHours = (username: string): number => PROFILES[username]?.hours ?? 37;

/**
 * Demonstration staff details: offices for the two PDUs, part-time hours, qualifications and specialisms,
 * a newly qualified PO with a protected caseload, someone on leave, someone on long-term sickness, a
 * PQiP learner's study time and a union representative's reduction.
 */
export async function seedStaffDemo(db: Db, _random: Random, today: string): Promise<void> {
  const pdus = await db.selectFrom('pdus').select(['id', 'code']).where('code', 'in', [...new Set(DEMO_OFFICES.map((o) => o.pdu))]).execute();
  const pduId = new Map(pdus.map((p) => [p.code, p.id]));
  const offices = await db.insertInto('offices')
    .values(DEMO_OFFICES.map(({ pdu, ...office }) => ({ ...office, pdu_id: pduId.get(pdu)! })))
    .onConflict((oc) => oc.column('code').doNothing()).returning(['id', 'code']).execute();
  const officeId = new Map(offices.map((o) => [o.code, o.id]));

  const teams = await db.selectFrom('teams').select(['id', 'code']).where('code', 'in', Object.keys(DEMO_TEAM_OFFICES)).execute();
  const teamOffice = new Map(teams.map((t) => [t.id, DEMO_TEAM_OFFICES[t.code]!]));
  if (teams.length) await db.insertInto('team_offices').values(teams.map((t) => ({ team_id: t.id, office_id: officeId.get(DEMO_TEAM_OFFICES[t.code]!)! }))).onConflict((oc) => oc.column('team_id').doNothing()).execute();

  const users = await db.selectFrom('users').select(['id', 'username', 'team_id']).where('username', 'in', DEMO_USERS.map((u) => u.username)).execute();
  const id = new Map(users.map((u) => [u.username, u.id]));
  const profiles = users.filter((u) => u.team_id !== null).map((u) => {
    const p = PROFILES[u.username] ?? {};
    const qualifiedOn = p.qualifiedMonthsAgo !== undefined ? addMonths(today, -p.qualifiedMonthsAgo)
      : p.qualifiedYearsAgo !== undefined ? addMonths(today, -12 * p.qualifiedYearsAgo - 2) : null;
    return {
      user_id: u.id, contracted_hours: p.hours ?? 37, qualified_on: qualifiedOn, qualifications: p.qualifications ?? [], specialisms: p.specialisms ?? [],
      base_office_id: officeId.get(p.office ?? teamOffice.get(u.team_id!)!) ?? null,
    };
  });
  if (profiles.length) {
    await db.insertInto('staff_profiles').values(profiles).onConflict((oc) => oc.column('user_id').doUpdateSet((eb) => ({
      contracted_hours: eb.ref('excluded.contracted_hours'), qualified_on: eb.ref('excluded.qualified_on'), qualifications: eb.ref('excluded.qualifications'),
      specialisms: eb.ref('excluded.specialisms'), base_office_id: eb.ref('excluded.base_office_id'),
    }))).execute();
  }

  const absences = [
    { user: 'lee.po', kind: 'leave' as const, starts_on: addDays(today, -6), ends_on: addDays(today, 3) },
    { user: 'ian.po', kind: 'sickness' as const, starts_on: addDays(today, -58), ends_on: addDays(today, 32) },
    { user: 'sam.spo', kind: 'leave' as const, starts_on: addDays(today, 21), ends_on: addDays(today, 25) },
    { user: 'jo.po', kind: 'training' as const, starts_on: addDays(today, 9), ends_on: addDays(today, 10) },
    { user: 'dan.po', kind: 'leave' as const, starts_on: addDays(today, -40), ends_on: addDays(today, -33) },
  ].filter((a) => id.has(a.user));
  if (absences.length) await db.insertInto('staff_absences').values(absences.map(({ user, ...a }) => ({ ...a, user_id: id.get(user)! }))).execute();

  const reasons = new Map((await db.selectFrom('reduction_reasons').select(['code', 'name']).execute()).map((r) => [r.code, r.name]));
  const reductions = [
    // Newly qualified: a protected (reduced) caseload until the first anniversary of qualifying.
    { user: 'ellie.po', hours: 7.4, code: 'protected_caseload', detail: 'First year after qualifying', starts_on: addMonths(today, -4), ends_on: addDays(addMonths(today, 8), -1) },
    { user: 'raj.po', hours: 7.5, code: 'trade_union', detail: 'Napo branch representative', starts_on: addMonths(today, -14), ends_on: null },
    { user: 'tom.pqip', hours: 14.8, code: 'training', detail: 'PQiP study days', starts_on: addMonths(today, -6), ends_on: addMonths(today, 9) },
    { user: 'wes.pso', hours: 15, code: 'phased_return', detail: 'Returning after an operation', starts_on: addDays(today, -10), ends_on: addDays(today, 18) },
  ].filter((r) => id.has(r.user));
  if (reductions.length) {
    await db.insertInto('workload_reductions').values(reductions.map(({ user, code, ...r }) => ({ ...r, user_id: id.get(user)!, reason_code: code, reason: reasons.get(code) ?? code }))).execute();
  }
}
