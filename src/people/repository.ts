import { randomInt } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import { jsonArrayFrom, jsonObjectFrom } from 'kysely/helpers/postgres';
import { accessListAllows, activeRules, inScope, inScopeForReach, inScopeOf, refusingRules } from '../access/visibility.ts';
import type { RoshLevel } from '../assessment/rosh/rules.ts';
import type { CurrentUser } from '../auth/current-user.ts';
import type { Db } from '../database.ts';
import type { CaseScope } from '../org/tables.ts';
import { checkingSession } from '../auth/checked-statement.ts';
import { prepared } from '../platform/db/prepared.ts';
import { closeSurnames, type SurnameList } from './close-surnames.ts';
import { catchUpSurnames, knownSurnames, surnamesUpTo } from './known-surnames.ts';
import type { NewPerson } from './person-form.ts';
import type { SearchQuery } from './search-query.ts';

export type CaseLookup<T> =
  | { status: 'found'; personId: number; value: T }
  | { status: 'not-found' }
  | { status: 'refused'; personId: number; message: string };

/**
 * The person with a CRN, whether the user's role reaches them, and the access list's first refusal of the
 * user: the question every case page asks first. Its shape is the same for every user (the role's reach is
 * a value), so it can be prepared, and a page can add its own columns of the same person.
 */
export function caseLookupQuery(db: Db, crn: string, userId: number, caseScope: CaseScope, regionId: number | null) {
  return db.selectFrom('people')
    .select(['people.id', 'people.crn', inScopeOf(caseScope, regionId).as('in_scope')])
    .select(() => jsonObjectFrom(refusingRules(db, userId, sql.ref<number>('people.id')).limit(1)).as('refused'))
    .where('people.crn', '=', crn);
}
type CaseLookupRow = { id: number; crn: string; in_scope: SqlBool; refused: { message: string | null } | null };

/** What a lookup row means: found, refused (scope or access list, with the message), or not found (no row). */
export function caseLookup(row: CaseLookupRow | undefined): CaseLookup<{ id: number; crn: string }> {
  if (!row) return { status: 'not-found' };
  if (!row.in_scope) {
    return { status: 'refused', personId: row.id, message: 'This case is managed outside the area your role covers.' };
  }
  if (row.refused) return { status: 'refused', personId: row.id, message: row.refused.message ?? 'You cannot view this case.' };
  return { status: 'found', personId: row.id, value: { id: row.id, crn: row.crn } };
}

const caseLookupRow = prepared((db: Db, crn: string, userId: number, caseScope: CaseScope, regionId: number | null) =>
  caseLookupQuery(db, crn, userId, caseScope, regionId));

/** Finds a case by CRN for this user, in one prepared round trip. */
export async function lookUpCase(db: Db, user: CurrentUser, crn: string): Promise<CaseLookup<{ id: number; crn: string }>> {
  const [row] = await caseLookupRow(db, crn, user.id, user.caseScope, user.regionId);
  return caseLookup(row);
}

/**
 * What the case overview shows beyond the person's own row, as columns of a query over `people`: region,
 * aliases, addresses, current allocation and active access rules. Shared by the overview's one statement
 * (caseOverview) and the case page, which reads it with the page's header (people/case-page.ts).
 */
export function overviewColumns(db: Db, ofPerson: Expression<number>) {
  return [
    sql<string>`(select name from regions where regions.id = people.region_id)`.as('region_name'),
    jsonArrayFrom(db.selectFrom('person_aliases').select(['first_name', 'last_name', 'date_of_birth'])
      .where('person_id', '=', ofPerson).orderBy('id')).as('aliases'),
    jsonArrayFrom(db.selectFrom('person_addresses').selectAll().where('person_id', '=', ofPerson)
      .orderBy(sql`case status when 'main' then 0 when 'secondary' then 1 else 2 end`).orderBy('start_date', 'desc')).as('addresses'),
    jsonObjectFrom(db.selectFrom('case_allocations as a')
      .innerJoin('teams', 'teams.id', 'a.team_id')
      .innerJoin('pdus', 'pdus.id', 'teams.pdu_id')
      .leftJoin('users', 'users.id', 'a.practitioner_id')
      .select(['teams.name as team_name', 'pdus.name as pdu_name', 'users.display_name as practitioner_name', 'users.email as practitioner_email', 'users.grade as practitioner_grade', 'a.started_at'])
      .where('a.person_id', '=', ofPerson).where('a.ended_at', 'is', null)).as('allocation'),
    jsonArrayFrom(activeRules(db, ofPerson).select(['r.kind', 'r.ends_on'])).as('accessRules'),
  ] as const;
}

// One round trip, prepared (src/platform/db/prepared.ts).
const overviewRow = prepared((db: Db, personId: number) => db.selectFrom('people').selectAll('people')
  .select(overviewColumns(db, sql.ref<number>('people.id'))).where('people.id', '=', personId));

/** The overview's parts from a row holding the person and overviewColumns. */
export function overviewFrom<R extends Awaited<ReturnType<typeof overviewRow>>[number]>(row: R) {
  const { aliases, addresses, allocation, accessRules, ...person } = row;
  return { person, aliases, addresses, allocation, accessRules };
}

/** Everything the case overview shows. Call only after lookUpCase has allowed it. */
export async function caseOverview(db: Db, personId: number) {
  const [row] = await overviewRow(db, personId);
  if (!row) throw new Error(`No person ${personId}`);
  return overviewFrom(row);
}
export type CaseOverview = Awaited<ReturnType<typeof caseOverview>>;

export interface CaseListItem {
  crn: string;
  viewable: boolean;
  firstName: string | null;
  lastName: string | null;
  dateOfBirth: string | null;
  town: string | null;
  practitioner: string | null;
  team: string | null;
  /** Only on the caseload: the latest RoSH assessment, null when there is none (or the case is not viewable). */
  rosh?: { overall: RoshLevel; reviewDueOn: string } | null;
}

interface ListDetails { first_name: string | null; last_name: string | null; date_of_birth: string | null; town: string | null; practitioner: string | null; team: string | null }

/**
 * The columns of a case list: the CRN, and the name and details only where the access list allows this user,
 * as one value, so that the access list is read once a row.
 */
function listColumns(user: Pick<CurrentUser, 'id'>) {
  return [
    'people.crn',
    sql<ListDetails | null>`case when ${accessListAllows(user)} then json_build_object('first_name', people.first_name,
      'last_name', people.last_name, 'date_of_birth', people.date_of_birth::text,
      'town', (select town from person_addresses ad where ad.person_id = people.id and ad.status = 'main' limit 1),
      'practitioner', practitioner.display_name, 'team', team.name) end`.as('details'),
  ] as const;
}

const toItem = ({ crn, details }: { crn: string; details: ListDetails | null }): CaseListItem => ({
  crn,
  viewable: details !== null,
  firstName: details?.first_name ?? null,
  lastName: details?.last_name ?? null,
  dateOfBirth: details?.date_of_birth ?? null,
  town: details?.town ?? null,
  practitioner: details?.practitioner ?? null,
  team: details?.team ?? null,
});

function casesWithAllocation(db: Db) {
  return db
    .selectFrom('people')
    .leftJoin('case_allocations as allocation', (join) =>
      join.onRef('allocation.person_id', '=', 'people.id').on('allocation.ended_at', 'is', null))
    .leftJoin('users as practitioner', 'practitioner.id', 'allocation.practitioner_id')
    .leftJoin('teams as team', 'team.id', 'allocation.team_id');
}

export interface SearchResults { items: CaseListItem[]; total: number }

/** Which results to list: `limit` of them after the first `offset`, in rank order. */
export interface SearchPage { limit: number; offset: number }

/** The furthest into a search's results a page may start: past 10,000 a search needs more words, not more pages. */
export const SEARCH_REACH = 10_000;

/** How many of the most similar surnames a name search considers. */
const SURNAME_CANDIDATES = 100;

const ORDER = ['people.last_name', 'people.first_name', 'people.crn'] as const;

/** Search by an identifier (or a date of birth): one statement per column and reach, prepared. */
const IDENTIFIER_COLUMNS = { crn: 'people.crn', pnc: 'people.pnc', cro: 'people.cro', nomis: 'people.nomis_number', dateOfBirth: 'people.date_of_birth' } as const;
const byIdentifier = (kind: keyof typeof IDENTIFIER_COLUMNS, reach: CaseScope) =>
  checkingSession((db: Db, value: string, userId: number, regionId: number | null, limit: number, offset: number) =>
    casesWithAllocation(db).where(inScopeForReach(reach, regionId)).where(IDENTIFIER_COLUMNS[kind], '=', value)
      .select(listColumns({ id: userId })).select(sql<number>`count(*) over ()`.as('total'))
      .orderBy(ORDER[0]).orderBy(ORDER[1]).orderBy(ORDER[2]).limit(limit).offset(offset));

/**
 * Search by name. The close surnames come first (MATERIALIZED): worked out in the service from its list
 * (close-surnames.ts) and given as two arrays, or, for typed text that is not plain ASCII, looked up through
 * the GIN trigram index (close_surnames, migration 0030). Then people by each exact surname,
 * or an alias of it; each person once, with their closest. The role's reach is applied inside, where the
 * (surname, region) index can use it. Aliases are read per close surname through their index (OFFSET 0 keeps
 * the planner from hashing every alias instead, which it preferred at 200,000 people: 30 ms a search), and
 * within the role's reach by the alias's copy of its person's region (migration 0028).
 * An absent forename ranks 0 and an absent date of birth filters nothing. Each row also says how far the
 * surnames table goes (one index lookup), so a search that ran on the service's list grown stale can be run again.
 */
function nameSearch(db: Db, reach: CaseScope, closeNames: RawBuilder<unknown>, forename: string | null,
  dateOfBirth: string | null, userId: number, regionId: number | null, limit: number, offset: number) {
  // Each arm carries what the ranking needs from the person's row, so the matches are ranked without
  // fetching every person again: the people arm has the row already; an alias reads its person's. A person
  // is in the people arm at most once (one surname), so only the alias arm is grouped (a person may have
  // several close aliases), and the two are joined on the person: each person once, with their closest
  // name. (Grouping the two arms together sorted every match on all its columns.)
  const matched = sql<{ person_id: number; sim: number; first_name: string; last_name: string; crn: string; date_of_birth: string }>`(
    WITH close_names AS MATERIALIZED (${closeNames})
    SELECT coalesce(p.person_id, a.person_id) AS person_id, greatest(p.sim, a.sim) AS sim,
      coalesce(p.first_name, a.first_name) AS first_name, coalesce(p.last_name, a.last_name) AS last_name,
      coalesce(p.crn, a.crn) AS crn, coalesce(p.date_of_birth, a.date_of_birth) AS date_of_birth FROM (
      SELECT people.id AS person_id, n.sim, people.first_name, people.last_name, people.crn, people.date_of_birth
        FROM close_names n JOIN people ON lower(people.last_name) = n.name WHERE ${inScopeForReach(reach, regionId)}
    ) p FULL JOIN (
      SELECT people.id AS person_id, max(n.sim) AS sim, people.first_name, people.last_name, people.crn, people.date_of_birth FROM close_names n
        CROSS JOIN LATERAL (SELECT person_id FROM person_aliases
          WHERE lower(last_name) = n.name AND ${inScopeForReach(reach, regionId, sql.ref('person_aliases.region_id'))} OFFSET 0) a
        JOIN people ON people.id = a.person_id WHERE ${inScopeForReach(reach, regionId)}
        GROUP BY people.id
    ) a ON a.person_id = p.person_id)`;
  // Without a forename every match ranks by its surname alone, and no forename is lowered: in the
  // database's UTF-8 locale lower() cost more than the rest of the ranking, for a similarity that is null.
  const rank = sql<number>`2 * matched.sim + CASE WHEN ${forename}::text IS NULL THEN 0
    ELSE coalesce(similarity(lower(matched.first_name), ${forename}::text), 0) END`;
  // Every match is ranked and counted; only the page shown (limit and offset) is then joined to its allocation, town and access list.
  // The page carries the person's columns the list shows (read from the index, migration 0032) and stands in
  // for people below, so no person is fetched again.
  const hits = db.selectFrom(matched.as('matched'))
    .where(sql<SqlBool>`(${dateOfBirth}::date IS NULL OR matched.date_of_birth = ${dateOfBirth}::date)`)
    .select([sql<number>`matched.person_id`.as('id'), sql<string>`matched.crn`.as('crn'), sql<string>`matched.first_name`.as('first_name'),
      sql<string>`matched.last_name`.as('last_name'), sql<string>`matched.date_of_birth`.as('date_of_birth'), rank.as('rank'), sql<number>`count(*) over ()`.as('total')])
    .orderBy(rank, 'desc').orderBy(sql`matched.last_name`).orderBy(sql`matched.first_name`).orderBy(sql`matched.crn`).limit(limit).offset(offset);
  return db.selectFrom(hits.as('people'))
    .leftJoin('case_allocations as allocation', (join) => join.onRef('allocation.person_id', '=', 'people.id').on('allocation.ended_at', 'is', null))
    .leftJoin('users as practitioner', 'practitioner.id', 'allocation.practitioner_id')
    .leftJoin('teams as team', 'team.id', 'allocation.team_id')
    .select(listColumns({ id: userId })).select('people.total')
    .select(sql<string | null>`(SELECT max(added) FROM surnames)`.as('surnames_up_to'))
    .orderBy('people.rank', 'desc').orderBy(ORDER[0]).orderBy(ORDER[1]).orderBy(ORDER[2]);
}

// The close surnames (or the typed one) as sub-selects: the planner cannot estimate from their values, so a
// plan made for one search costs the same as the statement's generic plan, and the server keeps the generic
// plan rather than planning each search again (about 2.5 ms a search, as long as running it).
const byNameFromList = (reach: CaseScope) =>
  checkingSession((db: Db, names: string[], sims: number[], forename: string | null, dateOfBirth: string | null, userId: number, regionId: number | null, limit: number, offset: number) =>
    nameSearch(db, reach, sql`SELECT name, sim FROM unnest((SELECT ${names}::text[]), (SELECT ${sims}::real[])) AS known(name, sim)`,
      forename, dateOfBirth, userId, regionId, limit, offset));

const byNameThroughIndex = (reach: CaseScope) =>
  checkingSession((db: Db, surname: string, forename: string | null, dateOfBirth: string | null, userId: number, regionId: number | null, limit: number, offset: number) =>
    nameSearch(db, reach, sql`SELECT name, sim FROM close_surnames((SELECT ${surname}::text), ${SURNAME_CANDIDATES})`, forename, dateOfBirth, userId, regionId, limit, offset));

type Statement = ReturnType<typeof byNameFromList> | ReturnType<typeof byNameThroughIndex> | ReturnType<typeof byIdentifier>;
const statements = new Map<string, Statement>();
function statement<S extends Statement>(key: string, make: () => S): S {
  let found = statements.get(key) as S | undefined;
  if (!found) statements.set(key, (found = make()));
  return found;
}

type NameRow = Awaited<ReturnType<ReturnType<typeof byNameFromList>>>[number];

/**
 * A name search, on the service's surname list when it can be; once more on the list caught up if the
 * table had gone beyond it (`caughtUp` is that list).
 */
async function searchByName(db: Db, request: FastifyRequest, query: Extract<SearchQuery, { kind: 'name' }>, page: SearchPage, caughtUp?: SurnameList): Promise<NameRow[]> {
  const user = request.user!;
  const list = caughtUp ?? await knownSurnames(db);
  const close = closeSurnames(list, query.surname, SURNAME_CANDIDATES);
  const { forename, dateOfBirth } = query;
  const { limit, offset } = page;
  if (!close) {
    const search = statement(`name|${user.caseScope}|index`, () => byNameThroughIndex(user.caseScope));
    return search(db, request, query.surname, forename, dateOfBirth, user.id, user.regionId, limit, offset);
  }
  const search = statement(`name|${user.caseScope}|list`, () => byNameFromList(user.caseScope));
  const rows = await search(db, request, close.names, close.sims, forename, dateOfBirth, user.id, user.regionId, limit, offset);
  // Surnames added since the list was read (a new person, a new alias) may be close too: read them, search again.
  const upTo = rows.length ? Number(rows[0]!.surnames_up_to) : await surnamesUpTo(db);
  return upTo > list.upTo && !caughtUp ? searchByName(db, request, query, page, await catchUpSurnames(db, upTo)) : rows;
}

/**
 * Search within the user's scope. Identifiers match exactly; names match by trigram similarity (so
 * typos still find), ranked by how close the surname (or an alias) and the forename are. The fuzzy match
 * runs against the distinct surnames (migration 0026), then people are found by the exact surnames that
 * matched: two million rows are never compared with the typed name. One round trip, prepared per kind of
 * query and reach of role: the total comes with the rows (a window count over the matches, before the limit).
 */
export async function searchPeople(db: Db, request: FastifyRequest, query: SearchQuery, page: SearchPage = { limit: 50, offset: 0 }): Promise<SearchResults> {
  if (query.kind === 'empty') return { items: [], total: 0 };
  const user = request.user!;
  const reach = user.caseScope;
  const rows = query.kind === 'name'
    ? await searchByName(db, request, query, page)
    : await statement(`${query.kind}|${reach}`, () => byIdentifier(query.kind, reach))(
      db, request, query.kind === 'dateOfBirth' ? query.dateOfBirth : query.value, user.id, user.regionId, page.limit, page.offset);
  // A page past the last has no rows to carry the total: the first result's row does (a mistyped or stale link only).
  if (!rows.length && page.offset > 0) return { items: [], total: (await searchPeople(db, request, query, { limit: 1, offset: 0 })).total };
  return { items: rows.map(toItem), total: Number(rows[0]?.total ?? 0) };
}

export interface PossibleDuplicate { crn: string; reason: 'pnc' | 'cro' | 'nomisNumber' | 'niNumber' | 'nameAndDateOfBirth'; viewable: boolean; name: string | null; dateOfBirth: string | null }

/**
 * Records that may be the same person, searched nationally (a duplicate in another region still
 * matters): the same identifier, or a similar name with the same date of birth.
 */
export async function findPossibleDuplicates(db: Db, user: CurrentUser, person: NewPerson): Promise<PossibleDuplicate[]> {
  const allowed = accessListAllows(user);
  const rows = await db
    .selectFrom('people')
    .select([
      'people.crn',
      sql<boolean>`${inScope(user)} and ${allowed}`.as('viewable'),
      'people.first_name', 'people.last_name', 'people.date_of_birth',
      sql<PossibleDuplicate['reason']>`case
        when people.pnc = ${person.pnc} then 'pnc'
        when people.cro = ${person.cro} then 'cro'
        when people.nomis_number = ${person.nomisNumber} then 'nomisNumber'
        when people.ni_number = ${person.niNumber} then 'niNumber'
        else 'nameAndDateOfBirth' end`.as('reason'),
    ])
    .where((eb) => eb.or([
      ...(person.pnc ? [eb('people.pnc', '=', person.pnc)] : []),
      ...(person.cro ? [eb('people.cro', '=', person.cro)] : []),
      ...(person.nomisNumber ? [eb('people.nomis_number', '=', person.nomisNumber)] : []),
      ...(person.niNumber ? [eb('people.ni_number', '=', person.niNumber)] : []),
      eb.and([
        eb('people.date_of_birth', '=', person.dateOfBirth),
        sql<SqlBool>`similarity(lower(people.last_name), ${person.lastName.toLowerCase()}) >= 0.3`,
        sql<SqlBool>`similarity(lower(people.first_name), ${person.firstName.toLowerCase()}) >= 0.2`,
      ]),
    ]))
    .limit(20)
    .execute();
  return rows.map((row) => ({
    crn: row.crn,
    reason: row.reason,
    viewable: !!row.viewable,
    name: row.viewable ? `${row.first_name} ${row.last_name}` : null,
    dateOfBirth: row.viewable ? row.date_of_birth : null,
  }));
}

/** Issues a CRN no one has had: a random number under the region's letter, retried on the rare clash. */
async function issueCrn(db: Db, letter: string): Promise<string> {
  for (;;) {
    const crn = `${letter}${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;
    const issued = await db.insertInto('issued_crns').values({ crn }).onConflict((oc) => oc.doNothing()).returning('crn').executeTakeFirst();
    if (issued) return issued.crn;
  }
}

/** A person's own fields as the columns of `people` (the rest of the row is the caller's). */
export function personColumns(person: Omit<NewPerson, 'address'>) {
  return {
    first_name: person.firstName,
    middle_names: person.middleNames,
    last_name: person.lastName,
    preferred_name: person.preferredName,
    date_of_birth: person.dateOfBirth,
    sex: person.sex,
    gender_identity: person.genderIdentity,
    ethnicity: person.ethnicity,
    religion: person.religion,
    sexual_orientation: person.sexualOrientation,
    disability: person.disability,
    pnc: person.pnc,
    cro: person.cro,
    nomis_number: person.nomisNumber,
    ni_number: person.niNumber,
    email: person.email,
    phone: person.phone,
  };
}

/** Creates a person in the creator's region, allocated to the creator's team (and to them if they hold cases). */
export async function createPerson(db: Db, user: CurrentUser, person: NewPerson, allocation: { teamId: number; practitionerId: number | null }): Promise<{ id: number; crn: string }> {
  return db.transaction().execute(async (trx) => {
    const region = await trx.selectFrom('teams').innerJoin('pdus', 'pdus.id', 'teams.pdu_id').innerJoin('regions', 'regions.id', 'pdus.region_id')
      .select(['regions.id', 'regions.crn_letter']).where('teams.id', '=', allocation.teamId).executeTakeFirstOrThrow();
    const crn = await issueCrn(trx, region.crn_letter);
    const { id } = await trx.insertInto('people').values({ crn, ...personColumns(person), region_id: region.id, created_by: user.id })
      .returning('id').executeTakeFirstOrThrow();
    if (person.address) {
      await trx.insertInto('person_addresses').values({
        person_id: id, status: 'main', line1: person.address.line1, line2: person.address.line2,
        town: person.address.town, postcode: person.address.postcode, no_fixed_abode: person.address.noFixedAbode,
        start_date: sql<string>`current_date`,
      }).execute();
    }
    await trx.insertInto('case_allocations').values({ person_id: id, team_id: allocation.teamId, practitioner_id: allocation.practitionerId }).execute();
    return { id, crn };
  });
}

/** CRN and name only, for administrators' pages (access list, audit trail) that are not case reads. */
export async function personHeader(db: Db, crn: string) {
  return db.selectFrom('people').select(['id', 'crn', 'first_name', 'last_name']).where('crn', '=', crn).executeTakeFirst();
}
