import { Type, type Static, type TSchema } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { adminSubject } from '../access/routes.ts';
import { auditTrail } from '../audit/audit-log.ts';
import { audit } from '../audit/request-audit.ts';
import { PERMISSIONS } from '../auth/current-user.ts';
import { requires } from '../auth/plugin.ts';
import type { Db } from '../database.ts';
import { isUniqueViolation } from '../platform/db/errors.ts';
import { HttpError } from '../platform/http/errors.ts';
import { ProblemRef } from '../platform/http/problem.ts';
import { validateNewPerson } from './person-form.ts';
import { caseOverview, createPerson, findPossibleDuplicates, SEARCH_REACH, searchPeople, type CaseListItem } from './repository.ts';
import { openCase } from './case-page.ts';
import { identifierClashes, RACED_IDENTIFIER } from './routes.ts';
import { parseSearchQuery } from './search-query.ts';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Str = (description: string, maxLength = 200) => Type.String({ description, maxLength });
const OptStr = (description: string, maxLength = 200) => Type.Optional(Nullable(Str(description, maxLength)));


const SearchItem = Type.Object({
  crn: Type.String(),
  restricted: Type.Boolean({ description: 'True when the access list refuses you this case: only the CRN is shown' }),
  firstName: Type.Optional(Type.String()),
  lastName: Type.Optional(Type.String()),
  dateOfBirth: Type.Optional(Type.String({ format: 'date' })),
  town: Type.Optional(Nullable(Type.String())),
  practitioner: Type.Optional(Nullable(Type.String())),
});

const NewPersonBody = Type.Object({
  firstName: Str('First name', 100),
  middleNames: OptStr('Middle names', 100),
  lastName: Str('Last name', 100),
  preferredName: OptStr('Preferred name', 100),
  dateOfBirth: Type.String({ description: 'YYYY-MM-DD', maxLength: 10 }),
  sex: Type.String({ description: 'male or female (sex registered at birth)', maxLength: 20 }),
  genderIdentity: OptStr('same_as_sex, different_from_sex or prefer_not_to_say', 30),
  ethnicity: OptStr('ONS 2021 code, e.g. W1', 5),
  religion: OptStr('none, christian, buddhist, hindu, jewish, muslim, sikh, other, prefer_not_to_say', 30),
  sexualOrientation: OptStr('heterosexual, gay_or_lesbian, bisexual, other, prefer_not_to_say', 30),
  disability: OptStr('yes, no or prefer_not_to_say', 30),
  pnc: OptStr('PNC ID, e.g. 2008/1234567R', 20),
  cro: OptStr('CRO number, e.g. 123456/99L', 20),
  nomisNumber: OptStr('Prison number, e.g. A1234BC', 10),
  niNumber: OptStr('National Insurance number, e.g. AB123456C', 15),
  email: OptStr('Email address'),
  phone: OptStr('Phone number', 30),
  address: Type.Optional(Nullable(Type.Object({
    line1: Type.Optional(Str('First line', 200)),
    line2: OptStr('Second line'),
    town: OptStr('Town or city', 100),
    postcode: OptStr('UK postcode', 10),
    noFixedAbode: Type.Optional(Type.Boolean()),
  }))),
  confirmNotDuplicate: Type.Optional(Type.Boolean({ description: 'Create even though records with a similar name and the same date of birth exist' })),
});
type NewPersonBody = Static<typeof NewPersonBody>;

const NullableString = Nullable(Type.String());
const PersonDetail = Type.Object({
  crn: Type.String(),
  firstName: Type.String(), middleNames: NullableString, lastName: Type.String(), preferredName: NullableString,
  dateOfBirth: Type.String({ format: 'date' }),
  pnc: NullableString, cro: NullableString, nomisNumber: NullableString, niNumber: NullableString,
  email: NullableString, phone: NullableString,
  sex: Type.String(), genderIdentity: NullableString, ethnicity: NullableString, religion: NullableString,
  sexualOrientation: NullableString, disability: NullableString,
  region: Type.String(),
  restricted: Type.Boolean({ description: 'The case has an access list; treat its details with care' }),
  aliases: Type.Array(Type.Object({ firstName: Type.String(), lastName: Type.String(), dateOfBirth: NullableString })),
  addresses: Type.Array(Type.Object({
    status: Type.String(), line1: Type.String(), line2: NullableString, town: NullableString, postcode: NullableString,
    noFixedAbode: Type.Boolean(), startDate: NullableString, endDate: NullableString,
  })),
  allocation: Nullable(Type.Object({ practitioner: NullableString, team: Type.String(), pdu: Type.String() })),
});

const AuditEntries = Type.Object({
  crn: Type.String(),
  entries: Type.Array(Type.Object({
    id: Type.Integer(), at: Type.String({ format: 'date-time' }), username: NullableString, action: Type.String(),
    detail: Type.Unknown(), requestId: NullableString, ip: NullableString,
  })),
});

const crnParams = Type.Object({ crn: Type.String({ description: 'Case reference number, e.g. X123456', maxLength: 20 }) });

const toApiItem = (item: CaseListItem) =>
  item.viewable
    ? { crn: item.crn, restricted: false, firstName: item.firstName!, lastName: item.lastName!, dateOfBirth: item.dateOfBirth!, town: item.town, practitioner: item.practitioner }
    : { crn: item.crn, restricted: true };

/** The people API: the same rules as the pages (scope, access list, audit), JSON in camelCase. */
export async function peopleApi(app: FastifyInstance, { db }: { db: Db }) {
  const errors = { 400: ProblemRef, 401: ProblemRef, 403: ProblemRef, 404: ProblemRef };
  const read = requires(PERMISSIONS.caseRead);

  app.get('/people', {
    onRequest: read,
    schema: {
      summary: 'Search for people by name (typo-tolerant), CRN, PNC, CRO, prison number or date of birth',
      tags: ['people'],
      querystring: Type.Object({
        q: Type.String({ maxLength: 200 }),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, description: 'How many results (default 50)' })),
        offset: Type.Optional(Type.Integer({ minimum: 0, maximum: SEARCH_REACH, description: 'How many of the ranked results to pass over first, for the next page (default 0)' })),
      }),
      response: { 200: Type.Object({ total: Type.Integer(), results: Type.Array(SearchItem) }), ...errors },
    },
  }, async (request) => {
    const { q, limit, offset } = request.query as { q: string; limit?: number; offset?: number };
    const query = parseSearchQuery(q);
    if (query.kind === 'empty') throw new HttpError(400, 'Give a search in q: a name, CRN, PNC, CRO, prison number or date of birth', { q: 'Enter something to search for' });
    const found = await searchPeople(db, request, query, { limit: limit ?? 50, offset: offset ?? 0 });
    await audit(db, request, { action: 'api.people.search', detail: { kind: query.kind, results: found.total, offset: offset ?? 0 } });
    return { total: found.total, results: found.items.map(toApiItem) };
  });

  app.get('/people/:crn', {
    onRequest: read,
    schema: { summary: 'A person\'s case overview', tags: ['people'], params: crnParams, response: { 200: PersonDetail, ...errors } },
  }, async (request) => {
    const { data } = await openCase(db, request, (request.params as { crn: string }).crn, 'api.case.read', (found) => caseOverview(db, found.id));
    const { person, aliases, addresses, allocation, accessRules } = data;
    return {
      crn: person.crn,
      firstName: person.first_name,
      middleNames: person.middle_names,
      lastName: person.last_name,
      preferredName: person.preferred_name,
      dateOfBirth: person.date_of_birth,
      pnc: person.pnc, cro: person.cro, nomisNumber: person.nomis_number, niNumber: person.ni_number,
      email: person.email, phone: person.phone,
      sex: person.sex, genderIdentity: person.gender_identity, ethnicity: person.ethnicity, religion: person.religion,
      sexualOrientation: person.sexual_orientation, disability: person.disability,
      region: person.region_name,
      restricted: accessRules.length > 0,
      aliases: aliases.map((a) => ({ firstName: a.first_name, lastName: a.last_name, dateOfBirth: a.date_of_birth })),
      addresses: addresses.map((a) => ({ status: a.status, line1: a.line1, line2: a.line2, town: a.town, postcode: a.postcode, noFixedAbode: a.no_fixed_abode, startDate: a.start_date, endDate: a.end_date })),
      allocation: allocation ? { practitioner: allocation.practitioner_name, team: allocation.team_name, pdu: allocation.pdu_name } : null,
    };
  });

  app.post('/people', {
    onRequest: requires(PERMISSIONS.caseCreate),
    schema: {
      summary: 'Record a new person. Returns 409 with the possible duplicates unless confirmNotDuplicate is true (a shared identifier is always 409).',
      tags: ['people'],
      body: NewPersonBody,
      response: {
        201: Type.Object({ crn: Type.String() }),
        409: Type.Object({ error: Type.String(), message: Type.String(), duplicates: Type.Optional(Type.Array(Type.Object({ crn: Type.String(), reason: Type.String(), restricted: Type.Boolean() }))) }),
        ...errors,
      },
    },
  }, async (request, reply) => {
    const body = request.body as NewPersonBody;
    const user = request.user!;
    const validated = validateNewPerson(body as unknown as Record<string, unknown>);
    if (!validated.ok) throw new HttpError(400, `The person was not saved: ${Object.values(validated.errors).join('; ')}`, validated.errors);
    if (!user.teamId) throw new HttpError(403, 'Only a user in a team can add a person: the new case is allocated to that team.');
    const duplicates = await findPossibleDuplicates(db, user, validated.value);
    const clashes = duplicates.filter((d) => d.reason !== 'nameAndDateOfBirth');
    if (clashes.length || (duplicates.length && body.confirmNotDuplicate !== true)) {
      const message = clashes.length
        ? Object.values(identifierClashes(clashes)).join(' ')
        : 'Records with a similar name and the same date of birth exist. Check them; send confirmNotDuplicate: true to add a new record anyway.';
      return reply.code(409).send({ error: 'Conflict', message, duplicates: duplicates.map((d) => ({ crn: d.crn, reason: d.reason, restricted: !d.viewable })) });
    }
    const created = await createPerson(db, user, validated.value, { teamId: user.teamId, practitionerId: user.roleCode === 'practitioner' ? user.id : null })
      .catch((error: unknown) => {
        throw isUniqueViolation(error) ? new HttpError(409, RACED_IDENTIFIER) : error;
      });
    await audit(db, request, { action: 'person.create', personId: created.id, detail: { crn: created.crn, via: 'api' } });
    return reply.code(201).header('location', `/api/v1/people/${created.crn}`).send({ crn: created.crn });
  });

  app.get('/people/:crn/audit', {
    onRequest: requires(PERMISSIONS.auditRead),
    schema: {
      summary: 'A person\'s audit trail, newest first (administrators)',
      tags: ['audit'],
      params: crnParams,
      querystring: Type.Object({ before: Type.Optional(Type.Integer({ minimum: 1 })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })) }),
      response: { 200: AuditEntries, ...errors },
    },
  }, async (request) => {
    const person = await adminSubject(db, (request.params as { crn: string }).crn);
    const { before, limit } = request.query as { before?: number; limit?: number };
    await audit(db, request, { action: 'api.audit.read', personId: person.id });
    const rows = await auditTrail(db, person.id, { limit: limit ?? 100, ...(before ? { beforeId: before } : {}) });
    return { crn: person.crn, entries: rows.map((row) => ({ id: row.id, at: row.at, username: row.username, action: row.action, detail: row.detail, requestId: row.request_id, ip: row.ip })) };
  });
}
