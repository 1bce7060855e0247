import type { FastifyRequest, RouteOptions } from 'fastify';
import { sql, type SelectQueryBuilder } from 'kysely';
import { jsonArrayFrom, jsonObjectFrom } from 'kysely/helpers/postgres';
import { activeRules } from '../access/visibility.ts';
import { can, PERMISSIONS } from '../auth/current-user.ts';
import { checkingSession } from '../auth/checked-statement.ts';
import type { Database, Db } from '../database.ts';
import { presentRegistrations } from '../registrations/presenter.ts';
import { registrationsQuery } from '../registrations/repository.ts';
import { levelTag } from '../assessment/rosh/presenter.ts';
import { currentRoshQuery } from '../assessment/rosh/repository.ts';
import { roshReviewStatus } from '../assessment/rosh/rules.ts';
import { audit } from '../audit/request-audit.ts';
import { HttpError } from '../platform/http/errors.ts';
import { presentStanding } from '../sentencing/presenter.ts';
import { standingQuery } from '../sentencing/repository.ts';
import type { CaseScope } from '../org/tables.ts';
import { parseCrn } from './identifiers.ts';
import { caseLookup, caseLookupQuery, lookUpCase, type CaseLookup } from './repository.ts';

/** The CRN typed in a URL, or a 404 that says what a CRN looks like. */
function crnFrom(input: string): string {
  const crn = parseCrn(input);
  if (!crn.ok) throw new HttpError(404, `${input} is not a CRN. A CRN is one capital letter and 6 digits, like X123456.`);
  return crn.value;
}

/** The case if the lookup found it and the user may open it; otherwise 404, or 403 with the refusal audited. */
async function admit(db: Db, request: FastifyRequest, crn: string, action: string, found: CaseLookup<{ id: number; crn: string }>) {
  if (found.status === 'not-found') throw new HttpError(404, `There is no person with CRN ${crn}.`);
  if (found.status === 'refused') {
    await audit(db, request, { action: `${action}-refused`, personId: found.personId });
    throw new HttpError(403, found.message);
  }
  return found.value;
}

/**
 * Opens a case for reading: 404 when there is none, 403 with the access list's message when refused.
 * Audits both. `alongside` reads the page's own data while the audit record is written (every read of a
 * case is audited: the page is answered only once the record is written).
 */
export async function openCase<T = undefined>(db: Db, request: FastifyRequest, crnInput: string, action: string, alongside?: (person: { id: number; crn: string }) => Promise<T>) {
  const crn = crnFrom(crnInput);
  const person = await admit(db, request, crn, action, await lookUpCase(db, request.user!, crn));
  const [, data] = await Promise.all([audit(db, request, { action, personId: person.id }), alongside?.(person)]);
  return Object.assign(person, { data: data as T });
}

/** The tabs every case page carries, in the order a practitioner works through a case. */
const CASE_TABS = [
  { path: '', text: 'Overview' },
  { path: '/timeline', text: 'Timeline' },
  { path: '/contacts', text: 'Contacts' },
  { path: '/plan', text: 'Sentence plan' },
  { path: '/enforcement', text: 'Enforcement' },
  { path: '/events', text: 'Sentence' },
  { path: '/risk', text: 'Risk and tier' },
  { path: '/rosh', text: 'RoSH' },
  { path: '/needs', text: 'Needs' },
  { path: '/flags', text: 'Risk flags' },
  { path: '/reports', text: 'Reports' },
  { path: '/allocation', text: 'Allocation' },
] as const;

export interface CaseHeader {
  crn: string;
  name: string;
  restricted: boolean;
  restrictionKinds: string[];
  flags: ReturnType<typeof presentRegistrations>;
  tier: string | null;
  /** The latest RoSH level, and whether its review is overdue: risk in view on every case page. */
  rosh: { tag: { text: string; classes: string }; reviewOverdue: boolean } | null;
  /** Under an active sentence, awaiting sentence, or no longer under one: the case's status follows its orders. */
  sentence: { text: string; classes: string; active: boolean };
  tabs: { text: string; href: string; active: boolean }[];
}

/**
 * Opens a case for a page (access checked and audited as openCase does) and gathers what the top of every
 * case page shows: name, CRN, restricted banner, risk flags banner, tier and the case's tabs. The lookup and
 * the header are one statement; the page's own data (`alongside`) is read while the audit record is written.
 * Pages render the header with {% include "people/views/case-header.njk" %} so risk is in view wherever a
 * decision is made.
 */
export async function openCasePage<T = undefined>(db: Db, request: FastifyRequest, crnInput: string, action: string, alongside?: (person: { id: number; crn: string }) => Promise<T>) {
  const { person, caseHeader, data } = await headerOnly(db, request, crnInput, action, alongside);
  return { person, caseHeader, data };
}

/**
 * Like openCasePage for a page whose own data can be columns of the person's row (`extend` adds them to
 * the header's query): the lookup, the header and the page's data are then one prepared statement, a
 * round trip fewer. Built once per page, at load. As with the header, a refused user's row is never shown.
 */
export function casePageReading<R extends CasePageRow>(extend: (query: CasePageQuery, db: Db) => SelectQueryBuilder<Database, 'people', R>) {
  const statement = checkingSession((db: Db, crn: string, userId: number, caseScope: CaseScope, regionId: number | null) =>
    extend(casePageQuery(db, crn, userId, caseScope, regionId), db));
  return async <T = undefined>(db: Db, request: FastifyRequest, crnInput: string, action: string, alongside?: (person: { id: number; crn: string }) => Promise<T>) => {
    const crn = crnFrom(crnInput);
    const user = request.user!;
    const [row] = await statement(db, request, crn, user.id, user.caseScope, user.regionId);
    const person = await admit(db, request, crn, action, caseLookup(row));
    const [, data] = await Promise.all([audit(db, request, { action, personId: person.id }), alongside?.(person)]);
    return { person, caseHeader: caseHeader(request, row!), row: row!, data: data as T };
  };
}

function caseHeader(request: FastifyRequest, row: CasePageRow): CaseHeader {
  const { rules, flags, tier, rosh, standing } = row;
  const today = new Date().toISOString().slice(0, 10);
  const path = request.url.split('?')[0] ?? '';
  const base = `/people/${row.crn}`;
  const tabs: CaseHeader['tabs'] = CASE_TABS.map((tab) => ({ text: tab.text as string, href: base + tab.path, active: tab.path === '' ? path === base : path.startsWith(base + tab.path) }));
  if (can(request.user, PERMISSIONS.accessManage)) tabs.push({ text: 'Access list', href: `${base}/access`, active: path.startsWith(`${base}/access`) });
  if (can(request.user, PERMISSIONS.auditRead)) tabs.push({ text: 'Audit trail', href: `${base}/audit`, active: path.startsWith(`${base}/audit`) });
  return {
    crn: row.crn,
    name: `${row.first_name} ${row.last_name}`,
    restricted: rules.length > 0,
    restrictionKinds: rules.map((rule) => rule.kind),
    flags: presentRegistrations(flags, today),
    tier: tier ?? null,
    rosh: rosh && { tag: levelTag(rosh.overall), reviewOverdue: roshReviewStatus(rosh.review_due_on, today) === 'overdue' },
    sentence: presentStanding(standing),
    tabs,
  };
}

/**
 * The case lookup with what the top of a case page shows, in one statement; each part's query belongs to
 * its area. A refused user's row carries the header too; it is never shown (admit throws first).
 */
function casePageQuery(db: Db, crn: string, userId: number, caseScope: CaseScope, regionId: number | null) {
  const ofPerson = sql.ref<number>('people.id');
  return caseLookupQuery(db, crn, userId, caseScope, regionId)
    .select(['people.first_name', 'people.last_name'])
    .select(() => [
      jsonArrayFrom(activeRules(db, ofPerson).select('r.kind')).as('rules'),
      jsonArrayFrom(registrationsQuery(db, ofPerson)).as('flags'),
      db.selectFrom('tier_calculations').select('tier').where('person_id', '=', ofPerson).orderBy('id', 'desc').limit(1).as('tier'),
      jsonObjectFrom(currentRoshQuery(db, ofPerson)).as('rosh'),
      jsonObjectFrom(standingQuery(db, ofPerson)).$notNull().as('standing'),
    ]);
}
type CasePageQuery = ReturnType<typeof casePageQuery>;
type CasePageRow = CasePageQuery extends SelectQueryBuilder<Database, 'people', infer R> ? R : never;

const headerOnly = casePageReading((query) => query);

/** Marks every case page (a GET under /people/:crn) as checking the session in its own statement (onRoute). */
export function casePagesCheckSession(route: RouteOptions): void {
  const methods = [route.method].flat();
  if (methods.includes('GET') && route.url.startsWith('/people/:crn')) route.config = { ...route.config, checksSession: true };
}
