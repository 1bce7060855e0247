import type { FastifyInstance } from 'fastify';
import { audit } from '../audit/request-audit.ts';
import { PERMISSIONS, type CurrentUser } from '../auth/current-user.ts';
import { requires } from '../auth/plugin.ts';
import type { Db } from '../database.ts';
import { isUniqueViolation } from '../platform/db/errors.ts';
import { HttpError } from '../platform/http/errors.ts';
import { pageNumber } from '../platform/views/pagination.ts';
import { sql } from 'kysely';
import { casePageReading } from './case-page.ts';
import { validateNewPerson, type FieldErrors, type NewPerson } from './person-form.ts';
import { presentCaseRows, presentOverview, presentSearchPages } from './presenters.ts';
import { DISABILITIES, ETHNICITIES, GENDER_IDENTITIES, RELIGIONS, SEXES, SEXUAL_ORIENTATIONS } from './reference-data.ts';
import { createPerson, findPossibleDuplicates, overviewColumns, overviewFrom, SEARCH_REACH, searchPeople, type PossibleDuplicate } from './repository.ts';
import { parseSearchQuery } from './search-query.ts';

/** Two people saving the same identifier at once: the database's unique index decides, and the loser is told. */
export const RACED_IDENTIFIER = 'Someone saved a record with one of these identifiers a moment ago. Search for it before adding this person.';

// The overview's data is read in the same statement as the case's lookup and header: the most opened page.
const openOverview = casePageReading((query, db) => query.selectAll('people').select(overviewColumns(db, sql.ref<number>('people.id'))));

/** Results a search page lists: GOV.UK's own search and the probation search services list 10-20 at a time. */
const SEARCH_PAGE_SIZE = 20;
/** The furthest page a link may ask for. */
const LAST_SEARCH_PAGE = SEARCH_REACH / SEARCH_PAGE_SIZE;

const identifierLabels: Record<string, string> = { pnc: 'PNC number', cro: 'CRO number', nomisNumber: 'prison number', niNumber: 'National Insurance number' };


/** Flattens the form's date parts into the value validation reads. */
function formInput(body: Record<string, unknown>): Record<string, unknown> {
  const part = (name: string) => (typeof body[name] === 'string' ? (body[name] as string).trim() : '');
  const [day, month, year] = [part('dateOfBirth-day'), part('dateOfBirth-month'), part('dateOfBirth-year')];
  return {
    ...body,
    dateOfBirth: day || month || year ? `${day}/${month}/${year}` : part('dateOfBirth'),
    address: { line1: body['address.line1'], line2: body['address.line2'], town: body['address.town'], postcode: body['address.postcode'], noFixedAbode: body['address.noFixedAbode'] },
  };
}

/** The team (and practitioner) a new case goes to: the creator's own. */
function allocationFor(user: CurrentUser) {
  if (!user.teamId) throw new HttpError(403, 'You need to be in a team to add a person. Ask an administrator to add you to one.');
  return { teamId: user.teamId, practitionerId: user.roleCode === 'practitioner' ? user.id : null };
}

export async function peopleRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const options = { sexes: SEXES, genderIdentities: GENDER_IDENTITIES, ethnicities: ETHNICITIES, religions: RELIGIONS, sexualOrientations: SEXUAL_ORIENTATIONS, disabilities: DISABILITIES };
  const canRead = { onRequest: requires(PERMISSIONS.caseRead) };
  const canCreate = { onRequest: requires(PERMISSIONS.caseCreate) };

  app.get('/', { onRequest: requires() }, async (_request, reply) => reply.redirect('/cases'));

  // My cases (/cases) is served by src/supervision/caseload/routes.ts: the caseload with what needs doing.

  // The search checks the session in its own statement (auth/checked-statement.ts).
  app.get('/search', { ...canRead, config: { checksSession: true } }, async (request, reply) => {
    const params = request.query as { q?: unknown; page?: unknown };
    const q = String(params.q ?? '').slice(0, 200);
    const query = parseSearchQuery(q);
    const page = pageNumber(params.page, LAST_SEARCH_PAGE);
    const results = await searchPeople(db, request, query, { limit: SEARCH_PAGE_SIZE, offset: (page - 1) * SEARCH_PAGE_SIZE });
    if (query.kind !== 'empty') await audit(db, request, { action: 'people.search', detail: { kind: query.kind, results: results.total, page } });
    return reply.page('people/views/search.njk', {
      pageTitle: q ? `Search results for ${q}${page > 1 ? `, page ${page}` : ''}` : 'Search', q, searched: query.kind !== 'empty',
      rows: presentCaseRows(results.items), total: results.total, page,
      ...presentSearchPages(q, page, results.total, results.items.length, { size: SEARCH_PAGE_SIZE, last: LAST_SEARCH_PAGE }),
    });
  });

  app.get('/people/new', canCreate, async (_request, reply) => reply.page('people/views/new.njk', { pageTitle: 'Add a person', values: {}, options }));

  app.post('/people/new', canCreate, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const user = request.user!;
    const values = body;
    const showForm = (errors: FieldErrors) => reply.code(400).page('people/views/new.njk', { pageTitle: 'Add a person', values, options, errors });
    const validated = validateNewPerson(formInput(body));
    if (!validated.ok) return showForm(validated.errors);
    const person: NewPerson = validated.value;
    const duplicates = await findPossibleDuplicates(db, user, person);
    const sameIdentifier = duplicates.filter((d) => d.reason !== 'nameAndDateOfBirth');
    if (sameIdentifier.length) return showForm(identifierClashes(sameIdentifier));
    if (duplicates.length && body.confirmNotDuplicate !== 'yes') {
      return reply.page('people/views/possible-duplicates.njk', { pageTitle: 'This person may already have a record', duplicates, values, hidden: hiddenFields(body), person });
    }
    let created: { id: number; crn: string };
    try {
      created = await createPerson(db, user, person, allocationFor(user));
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      return showForm({ pnc: RACED_IDENTIFIER });
    }
    await audit(db, request, { action: 'person.create', personId: created.id, detail: { crn: created.crn, possibleDuplicatesShown: duplicates.map((d) => d.crn) } });
    return reply.redirect(`/people/${created.crn}?created=1`, 303);
  });

  // Back from the duplicates page to the form, with everything that was typed.
  app.post('/people/new/edit', canCreate, async (request, reply) =>
    reply.page('people/views/new.njk', { pageTitle: 'Add a person', values: request.body ?? {}, options }));

  app.get('/people/:crn', canRead, async (request, reply) => {
    const { crn } = request.params as { crn: string };
    const { caseHeader, row } = await openOverview(db, request, crn, 'case.read');
    const overview = presentOverview(overviewFrom(row));
    const created = (request.query as { created?: string }).created === '1';
    return reply.page('people/views/overview.njk', {
      pageTitle: `${overview.name} (${overview.crn})`,
      overview,
      crn: overview.crn,
      caseHeader,
      flash: created ? `Person added. Their CRN is ${overview.crn}.` : undefined,
    });
  });
}

export function identifierClashes(duplicates: PossibleDuplicate[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const duplicate of duplicates) {
    errors[duplicate.reason] = `A person with this ${identifierLabels[duplicate.reason]} already has a record: CRN ${duplicate.crn}. Open that record instead of adding a new one.`;
  }
  return errors;
}

/** Everything typed, carried through the confirmation page so nothing is lost. */
function hiddenFields(body: Record<string, unknown>) {
  return Object.entries(body)
    .filter(([name, value]) => name !== '_csrf' && name !== 'confirmNotDuplicate' && typeof value === 'string')
    .map(([name, value]) => ({ name, value: value as string }));
}
