import { sql } from 'kysely';
import { accessListAllows, inScope } from '../access/visibility.ts';
import { latestNeeds } from '../assessment/needs/repository.ts';
import { needLevel, NEED_LEVEL_LABELS } from '../assessment/needs/rules.ts';
import { SECTIONS as NEED_SECTIONS } from '../assessment/needs/sections.ts';
import { PREDICTOR_INFO } from '../assessment/risk-presenter.ts';
import { latestRosh, roshVersion } from '../assessment/rosh/repository.ts';
import { GROUPS, LEVEL_NAMES } from '../assessment/rosh/rules.ts';
import { latestScores, PREDICTORS } from '../assessment/scores/repository.ts';
import { tierHistory } from '../assessment/tier/repository.ts';
import type { CurrentUser } from '../auth/current-user.ts';
import type { Db } from '../database.ts';
import { activeFlagsFor } from '../registrations/repository.ts';
import type { Draft, RiskSnapshot } from './content.ts';
import type { ReportStatus, ReportType } from './status.ts';

const isoDate = (value: Date | string) => new Date(value).toISOString().slice(0, 10);
const BAND_NAMES: Record<string, string> = { low: 'Low', medium: 'Medium', high: 'High', very_high: 'Very high' };

/** The accredited programmes a proposal can name (reference data of the sentencing area). */
export async function accreditedProgrammes(db: Db): Promise<{ code: string; name: string }[]> {
  const result = await sql<{ code: string; name: string }>`select code, name from accredited_programmes order by name`.execute(db);
  return result.rows;
}
export const requirementTypeRefs = (db: Db) => db.selectFrom('requirement_types').select(['code', 'name']).orderBy('name').execute();
export const references = async (db: Db) => ({ requirementTypes: await requirementTypeRefs(db), programmes: await accreditedProgrammes(db) });

export interface NewReport { eventId: number; type: ReportType; court: string; hearingOn: string; dueOn: string; courtNotes: string }

/** Records a court's request in the requesting officer's team queue. Two writes: call inside a transaction. */
export async function requestReport(db: Db, personId: number, report: NewReport, user: { id: number; teamId: number }) {
  const row = await db.insertInto('pre_sentence_reports').values({
    person_id: personId, event_id: report.eventId, team_id: user.teamId, report_type: report.type, court: report.court,
    hearing_on: report.hearingOn, due_on: report.dueOn, court_notes: report.courtNotes, requested_by: user.id,
  }).returning('id').executeTakeFirstOrThrow();
  await recordHistory(db, { personId, reportId: row.id, action: 'request', from: null, to: 'requested', detail: '', userId: user.id });
  return row.id;
}

export async function recordHistory(db: Db, h: { personId: number; reportId: number; action: string; from: ReportStatus | null; to: ReportStatus; detail: string; userId: number | null }) {
  await db.insertInto('pre_sentence_report_history').values({
    person_id: h.personId, report_id: h.reportId, action: h.action, from_status: h.from, to_status: h.to, detail: h.detail, by_user: h.userId,
  }).execute();
}

const reportColumns = (db: Db) => db.selectFrom('pre_sentence_reports as r')
  .innerJoin('events as e', 'e.id', 'r.event_id')
  .innerJoin('teams as t', 't.id', 'r.team_id')
  .leftJoin('users as a', 'a.id', 'r.assigned_to')
  .leftJoin('users as q', 'q.id', 'r.requested_by')
  .select([
    'r.id', 'r.person_id', 'r.event_id', 'r.team_id', 'r.report_type', 'r.court', 'r.hearing_on', 'r.due_on', 'r.court_notes', 'r.status',
    'r.assigned_to', 'r.draft', 'r.draft_updated_at', 'r.status_reason', 'r.requested_at', 'e.event_number', 't.name as team_name',
    'a.display_name as assigned_to_name', 'q.display_name as requested_by_name',
  ]);

const versionColumns = (db: Db) => db.selectFrom('pre_sentence_report_versions as v')
  .innerJoin('users as w', 'w.id', 'v.submitted_by')
  .innerJoin('users as au', 'au.id', 'v.author_id')
  .leftJoin('users as c', 'c.id', 'v.countersigned_by')
  .select(['v.id', 'v.report_id', 'v.version', 'v.submitted_at', 'v.author_id', 'v.countersigned_on', 'v.countersigned_by', 'w.display_name as submitted_by_name', 'au.display_name as author_name', 'c.display_name as countersigned_by_name']);
export type VersionRow = Awaited<ReturnType<ReturnType<typeof versionColumns>['execute']>>[number];

/** A case's reports, newest first, each with its versions (without their PDFs). */
export async function reportsFor(db: Db, personId: number) {
  const [reports, versions] = await Promise.all([
    reportColumns(db).where('r.person_id', '=', personId).orderBy('r.id', 'desc').execute(),
    versionColumns(db).where('v.person_id', '=', personId).orderBy('v.version').execute(),
  ]);
  return reports.map((report) => ({ ...report, versions: versions.filter((v) => v.report_id === report.id) }));
}
export type ReportRow = Awaited<ReturnType<typeof reportsFor>>[number];

/** One report of this case (another case's report is not found), with its versions and history. */
export async function reportFor(db: Db, personId: number, id: number) {
  const report = await reportColumns(db).where('r.person_id', '=', personId).where('r.id', '=', id).executeTakeFirst();
  if (!report) return null;
  const [versions, history] = await Promise.all([
    versionColumns(db).where('v.report_id', '=', id).orderBy('v.version').execute(),
    db.selectFrom('pre_sentence_report_history as h').leftJoin('users as u', 'u.id', 'h.by_user')
      .select(['h.action', 'h.from_status', 'h.to_status', 'h.detail', 'h.at', 'u.display_name']).where('h.report_id', '=', id).orderBy('h.id').execute(),
  ]);
  return { ...report, versions, history };
}
export type ReportDetail = NonNullable<Awaited<ReturnType<typeof reportFor>>>;

/** The frozen content of one version, for the API and a countersignature. */
export const versionContent = (db: Db, reportId: number, version: number) => db.selectFrom('pre_sentence_report_versions')
  .select(['sections', 'risk', 'proposal', 'author_id', 'submitted_at']).where('report_id', '=', reportId).where('version', '=', version).executeTakeFirst();

export const versionPdf = async (db: Db, personId: number, reportId: number, version: number) => (await db.selectFrom('pre_sentence_report_versions')
  .select('pdf').where('person_id', '=', personId).where('report_id', '=', reportId).where('version', '=', version).executeTakeFirst())?.pdf ?? null;

/**
 * Moves a report from one status to another, only if it is still in `from` (two officers acting at once:
 * the second is told it has changed). Records the change. Call inside a transaction.
 */
export async function moveReport(db: Db, report: { id: number; person_id: number }, change: {
  action: string; from: ReportStatus; to: ReportStatus; detail?: string; userId: number;
  set?: { assigned_to?: number; status_reason?: string | null; draft?: Draft };
}): Promise<boolean> {
  const { draft, ...rest } = change.set ?? {};
  const updated = await db.updateTable('pre_sentence_reports')
    .set({ status: change.to, ...rest, ...(draft ? { draft: JSON.stringify(draft), draft_updated_at: new Date(), draft_updated_by: change.userId } : {}) })
    .where('id', '=', report.id).where('status', '=', change.from).returning('id').executeTakeFirst();
  if (!updated) return false;
  if (change.action !== 'save' || change.from !== change.to) {
    await recordHistory(db, { personId: report.person_id, reportId: report.id, action: change.action, from: change.from, to: change.to, detail: change.detail ?? '', userId: change.userId });
  }
  return true;
}

/** Adds the report's next version (numbered under a lock on the report's row). Call inside a transaction. */
export async function addVersion(db: Db, report: { id: number; person_id: number }, v: {
  sections: unknown; risk: RiskSnapshot; proposal: unknown; pdf: Buffer; authorId: number; submittedBy: number; countersignedBy?: number; countersignedOn?: string;
}): Promise<number> {
  await db.selectFrom('pre_sentence_reports').select('id').where('id', '=', report.id).forUpdate().execute();
  const last = await db.selectFrom('pre_sentence_report_versions').select((eb) => eb.fn.max('version').as('n')).where('report_id', '=', report.id).executeTakeFirst();
  const version = Number(last?.n ?? 0) + 1;
  await db.insertInto('pre_sentence_report_versions').values({
    person_id: report.person_id, report_id: report.id, version, sections: JSON.stringify(v.sections), risk: JSON.stringify(v.risk), proposal: JSON.stringify(v.proposal),
    pdf: v.pdf, author_id: v.authorId, submitted_by: v.submittedBy, countersigned_by: v.countersignedBy ?? null, countersigned_on: v.countersignedOn ?? null,
  }).execute();
  return version;
}

/** Active users of a team whose role may write reports: whom a report can be assigned to. */
export async function assignableUsers(db: Db, teamId: number) {
  return db.selectFrom('users as u').innerJoin('role_permissions as p', 'p.role_code', 'u.role_code')
    .select(['u.id', 'u.display_name', 'u.grade']).where('u.team_id', '=', teamId).where('u.active', '=', true)
    .where('p.permission', '=', 'reports:write').orderBy('u.display_name').execute();
}

/**
 * Open reports for the queue page: a team's, or those assigned to a user. Unassigned first, then by due
 * date. A case the access list refuses this user shows only its CRN, as in search.
 */
export async function queue(db: Db, user: CurrentUser, where: { teamId: number } | { assignedTo: number }) {
  const allowed = accessListAllows(user);
  let query = db.selectFrom('pre_sentence_reports as r')
    .innerJoin('people', 'people.id', 'r.person_id')
    .leftJoin('users as a', 'a.id', 'r.assigned_to')
    .select(['r.id', 'r.report_type', 'r.court', 'r.hearing_on', 'r.due_on', 'r.status', 'r.assigned_to', 'a.display_name as assigned_to_name', 'people.crn', allowed.as('viewable')])
    .select(sql<string | null>`case when ${allowed} then people.first_name || ' ' || people.last_name end`.as('name'))
    .select(sql<number | null>`(select v.author_id from pre_sentence_report_versions v where v.report_id = r.id order by v.version desc limit 1)`.as('author_id'))
    .where('r.status', 'not in', ['complete', 'cancelled']).where(inScope(user));
  query = 'teamId' in where ? query.where('r.team_id', '=', where.teamId) : query.where('r.assigned_to', '=', where.assignedTo);
  return query.orderBy(sql`r.assigned_to is not null`).orderBy('r.due_on').orderBy('r.id').limit(500).execute();
}
export type QueueRow = Awaited<ReturnType<typeof queue>>[number];

/**
 * The risk as the record holds it now, from the assessment area's own queries: the latest RoSH (overall
 * and per group), OGRS3/OGP/OVP, the tier, active risk flags and the latest needs assessment's needs.
 */
export async function riskSnapshot(db: Db, personId: number, today: string): Promise<RiskSnapshot> {
  const [rosh, scores, tiers, flags, needs] = await Promise.all([
    latestRosh(db, personId).then((latest) => (latest ? roshVersion(db, personId, latest.id) : undefined)),
    latestScores(db, personId),
    tierHistory(db, personId),
    activeFlagsFor(db, [personId]).then((map) => map.get(personId) ?? []),
    latestNeeds(db, personId),
  ]);
  const level = (value: string | null) => (value ? LEVEL_NAMES[value as keyof typeof LEVEL_NAMES] ?? value : 'Not applicable');
  const columns = { riskToChildren: 'risk_to_children', riskToPublic: 'risk_to_public', riskToKnownAdult: 'risk_to_known_adult', riskToStaff: 'risk_to_staff', riskToPrisoners: 'risk_to_prisoners' } as const;
  const tier = tiers[0];
  return {
    asOf: today,
    rosh: rosh ? {
      overall: level(rosh.overall), completedOn: rosh.completed_on, version: rosh.version,
      groups: GROUPS.map((g) => ({ label: `Risk to ${g.phrase}`, level: level(rosh[columns[g.key]]) })),
    } : null,
    scores: PREDICTORS.flatMap((p) => {
      const row = scores[p];
      return row ? [{ name: PREDICTOR_INFO[p].name, score: row.score, oneYearPercent: row.one_year_percent, twoYearPercent: row.two_year_percent, band: BAND_NAMES[row.band] ?? row.band, calculatedOn: isoDate(row.calculated_at) }] : [];
    }),
    tier: tier ? { tier: tier.tier, calculatedOn: isoDate(tier.calculated_at) } : null,
    flags: flags.map((f) => ({ name: f.name, level: f.level, registeredOn: f.registeredOn })),
    needs: needs ? {
      version: needs.version, completedOn: needs.completedOn,
      sections: NEED_SECTIONS.map((s) => ({ label: s.label, score: needs.sectionScores[s.key], max: s.max, level: NEED_LEVEL_LABELS[needLevel(s, needs.sectionScores[s.key])] })),
    } : null,
  };
}

/** What the report's reference block says about the person and the event. */
export async function personFacts(db: Db, personId: number, eventId: number) {
  const [person, offences] = await Promise.all([
    db.selectFrom('people').select(['crn', 'first_name', 'last_name', 'date_of_birth']).where('id', '=', personId).executeTakeFirstOrThrow(),
    db.selectFrom('event_offences as eo').innerJoin('offences as o', 'o.code', 'eo.offence_code').select(['o.description', 'eo.offence_date', 'eo.main'])
      .where('eo.event_id', '=', eventId).orderBy('eo.main', 'desc').orderBy('eo.id').execute(),
  ]);
  return { crn: person.crn, name: `${person.first_name} ${person.last_name}`, dateOfBirth: person.date_of_birth, offences };
}
