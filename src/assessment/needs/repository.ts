import { sql } from 'kysely';
import type { Db } from '../../database.ts';
import { inBatches } from '../../platform/db/batches.ts';
import type { NeedSection } from '../tiering/rules.ts';
import { emptyContent, sectionScores, type AssessmentContent, type CaseFacts } from './rules.ts';
import { ITEM_BY_KEY, SECTIONS } from './sections.ts';

const columns = [
  'a.id', 'a.status', 'a.version', 'a.answers', 'a.sections', 'a.section_scores', 'a.persons_view', 'a.view_declined', 'a.summary',
  'a.completed_on', 'a.updated_at', 'completer.display_name as completed_by_name', 'updater.display_name as updated_by_name',
] as const;

const assessments = (db: Db) => db.selectFrom('needs_assessments as a')
  .leftJoin('users as completer', 'completer.id', 'a.completed_by')
  .leftJoin('users as updater', 'updater.id', 'a.updated_by')
  .select(columns);
type Row = Awaited<ReturnType<ReturnType<typeof assessments>['executeTakeFirstOrThrow']>>;

/** The stored jsonb read back defensively: only items and sections the assessment has, only 0, 1 or 2. */
function toContent(row: Pick<Row, 'answers' | 'sections' | 'persons_view' | 'view_declined' | 'summary'>): AssessmentContent {
  const content = emptyContent();
  for (const [key, value] of Object.entries(row.answers ?? {})) {
    if (ITEM_BY_KEY.has(key) && (value === 0 || value === 1 || value === 2)) content.answers[key] = value;
  }
  for (const section of SECTIONS) {
    const stored = row.sections?.[section.key];
    if (stored) content.sections[section.key] = { harm: stored.harm === true, reoffending: stored.reoffending === true, note: typeof stored.note === 'string' ? stored.note : '' };
  }
  return { ...content, personsView: row.persons_view, viewDeclined: row.view_declined, summary: row.summary };
}

export interface StoredAssessment {
  id: number;
  status: 'draft' | 'completed';
  version: number | null;
  content: AssessmentContent;
  completedOn: string | null;
  completedBy: string | null;
  updatedAt: Date;
  updatedBy: string | null;
}
const toStored = (row: Row): StoredAssessment => ({
  id: row.id, status: row.status, version: row.version, content: toContent(row), completedOn: row.completed_on,
  completedBy: row.completed_by_name, updatedAt: row.updated_at, updatedBy: row.updated_by_name,
});

const completed = (db: Db, personId: number) => assessments(db).where('a.person_id', '=', personId).where('a.status', '=', 'completed');

export interface LatestNeeds { id: number; version: number; completedOn: string; sectionScores: Record<NeedSection, number>; answers: Record<string, 0 | 1 | 2> }

/** Each person's latest completed version, for the tier and the predictors: answers keyed by item (yes/no items: 0 no, 2 yes). */
export async function latestNeedsFor(db: Db, personIds: readonly number[]): Promise<Map<number, LatestNeeds>> {
  const rows = await inBatches(personIds, (ids) => db.selectFrom('needs_assessments as a')
    .distinctOn('a.person_id').select(['a.person_id', 'a.id', 'a.version', 'a.completed_on', 'a.answers', 'a.sections', 'a.persons_view', 'a.view_declined', 'a.summary'])
    .where('a.person_id', 'in', ids).where('a.status', '=', 'completed').orderBy('a.person_id').orderBy('a.version', 'desc').execute());
  return new Map(rows.map((row) => {
    const content = toContent(row);
    return [row.person_id, { id: row.id, version: row.version!, completedOn: row.completed_on!, sectionScores: sectionScores(content.answers), answers: content.answers }];
  }));
}
export const latestNeeds = async (db: Db, personId: number) => (await latestNeedsFor(db, [personId])).get(personId) ?? null;

export async function latestCompleted(db: Db, personId: number): Promise<StoredAssessment | null> {
  const row = await completed(db, personId).orderBy('a.version', 'desc').limit(1).executeTakeFirst();
  return row ? toStored(row) : null;
}

/** The completed version before this one (null for the first). */
export async function versionBefore(db: Db, personId: number, version: number): Promise<StoredAssessment | null> {
  const row = await completed(db, personId).where('a.version', '<', version).orderBy('a.version', 'desc').limit(1).executeTakeFirst();
  return row ? toStored(row) : null;
}

export async function completedVersion(db: Db, personId: number, id: number): Promise<StoredAssessment | null> {
  const row = await completed(db, personId).where('a.id', '=', id).executeTakeFirst();
  return row ? toStored(row) : null;
}

export async function draftFor(db: Db, personId: number): Promise<StoredAssessment | null> {
  const row = await assessments(db).where('a.person_id', '=', personId).where('a.status', '=', 'draft').executeTakeFirst();
  return row ? toStored(row) : null;
}

/** Every completed version, oldest first, with its section scores: the history and the chart. */
export async function needsHistory(db: Db, personId: number) {
  const rows = await completed(db, personId).orderBy('a.version').execute();
  return rows.map((row) => ({ id: row.id, version: row.version!, completedOn: row.completed_on!, completedBy: row.completed_by_name, scores: sectionScores(toContent(row).answers) }));
}
export type NeedsHistory = Awaited<ReturnType<typeof needsHistory>>;

/** What the case record holds that the assessment would otherwise ask: the current main address. */
export async function caseFacts(db: Db, personId: number): Promise<CaseFacts> {
  const main = await db.selectFrom('person_addresses').select('no_fixed_abode').where('person_id', '=', personId)
    .where('status', '=', 'main').where('end_date', 'is', null).orderBy('id', 'desc').limit(1).executeTakeFirst();
  return { noFixedAbode: main ? main.no_fixed_abode : null };
}

/** An assessment's content as its columns (the national dataset's loader writes them too). */
export const contentColumns = (content: AssessmentContent) => ({
  answers: JSON.stringify(content.answers),
  sections: JSON.stringify(content.sections),
  persons_view: content.personsView,
  view_declined: content.viewDeclined,
  summary: content.summary,
});

/** Creates the person's draft or overwrites it: one draft per person, even with two saves at once. */
export async function saveDraft(db: Db, personId: number, content: AssessmentContent, userId: number): Promise<number> {
  const values = contentColumns(content);
  const row = await db.insertInto('needs_assessments')
    .values({ person_id: personId, status: 'draft', ...values, created_by: userId, updated_by: userId })
    .onConflict((oc) => oc.column('person_id').where('status', '=', 'draft').doUpdateSet({ ...values, updated_by: userId, updated_at: sql`now()` }))
    .returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Turns the draft into the next version with its section scores. Locks the person's row so two
 * completions cannot take the same number; call inside the transaction that recalculates the tier.
 */
export async function completeDraft(db: Db, personId: number, userId: number): Promise<{ id: number; version: number }> {
  await sql`select id from people where id = ${personId} for update`.execute(db);
  const draft = await db.selectFrom('needs_assessments').select(['id', 'answers', 'sections', 'persons_view', 'view_declined', 'summary'])
    .where('person_id', '=', personId).where('status', '=', 'draft').executeTakeFirstOrThrow();
  const last = await db.selectFrom('needs_assessments').select((eb) => eb.fn.max('version').as('version'))
    .where('person_id', '=', personId).where('status', '=', 'completed').executeTakeFirst();
  const version = Number(last?.version ?? 0) + 1;
  await db.updateTable('needs_assessments').set({
    status: 'completed', version, section_scores: JSON.stringify(sectionScores(toContent(draft).answers)),
    completed_by: userId, completed_on: sql<string>`current_date`, completed_at: sql<Date>`now()`, updated_by: userId, updated_at: sql<Date>`now()`,
  }).where('id', '=', draft.id).execute();
  return { id: draft.id, version };
}

/** Inserts completed versions as given (demo data), in batches. */
export async function insertCompletedVersions(db: Db, rows: { personId: number; version: number; completedOn: string; content: AssessmentContent; userId: number | null }[]) {
  await inBatches(rows, (batch) => db.insertInto('needs_assessments').values(batch.map((row) => ({
      person_id: row.personId, status: 'completed' as const, version: row.version, ...contentColumns(row.content),
      section_scores: JSON.stringify(sectionScores(row.content.answers)), completed_on: row.completedOn, completed_at: sql<Date>`${row.completedOn}::date`,
      created_by: row.userId, updated_by: row.userId, completed_by: row.userId, created_at: sql<Date>`${row.completedOn}::date`, updated_at: sql<Date>`${row.completedOn}::date`,
  }))).execute());
}

