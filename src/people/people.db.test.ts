import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createTestApp, type Browser, type TestApp } from '../../test/support/app.ts';
import { closeSurnames } from './close-surnames.ts';
import { catchUpSurnames, surnamesUpTo } from './known-surnames.ts';

const form = (fields: Record<string, string>) => ({
  firstName: 'Testa', lastName: 'Personne', 'dateOfBirth-day': '14', 'dateOfBirth-month': '6', 'dateOfBirth-year': '1988', sex: 'male', ...fields,
});

describe('people: my cases, search, case overview and recording a person', () => {
  let t: TestApp;
  let jo: Browser;
  let token: string;
  before(async () => {
    t = await createTestApp();
    jo = await t.signIn('jo.po');
    token = await t.tokenFor('jo.po');
    // Known people for ranking, created through the API as a practitioner would.
    for (const [firstName, lastName, dateOfBirth] of [
      ['Johnathan', 'Quarmby', '1980-01-01'], ['Jon', 'Quarmbie', '1981-02-02'], ['Mary', 'Quarmby', '1982-03-03'], ['Jonathan', 'Quarnby', '1983-04-04'],
    ] as const) {
      const response = await t.api('POST', '/api/v1/people', token, { firstName, lastName, dateOfBirth, sex: 'male', confirmNotDuplicate: true });
      assert.equal(response.statusCode, 201, response.body);
    }
  });
  after(() => t.close());

  it('shows a practitioner the cases allocated to them', async () => {
    const page = await jo.get('/cases');
    assert.equal(page.statusCode, 200);
    const allocated = await t.database.db.selectFrom('case_allocations').innerJoin('users', 'users.id', 'case_allocations.practitioner_id')
      .innerJoin('people', 'people.id', 'case_allocations.person_id').select('people.crn')
      .where('users.username', '=', 'jo.po').where('case_allocations.ended_at', 'is', null).execute();
    assert.ok(allocated.length > 5);
    for (const { crn } of allocated) assert.match(page.body, new RegExp(crn));
  });

  it('ranks the closest name first and tolerates typos', async () => {
    const ranked = (await t.api('GET', '/api/v1/people?q=johnathan%20quarmby', token)).json().results.map((r: { firstName: string; lastName: string }) => `${r.firstName} ${r.lastName}`);
    assert.equal(ranked[0], 'Johnathan Quarmby');
    assert.deepEqual(new Set(ranked.slice(1, 4)), new Set(['Jonathan Quarnby', 'Mary Quarmby', 'Jon Quarmbie']));
    const typo = (await t.api('GET', '/api/v1/people?q=Quarbmy', token)).json().results.map((r: { lastName: string }) => r.lastName);
    assert.ok(typo.includes('Quarmby'), `typo search found ${typo}`);
    const withDob = (await t.api('GET', '/api/v1/people?q=quarmby%201%2F1%2F1980', token)).json();
    assert.equal(withDob.total, 1);
  });

  it('looks up close surnames through the trigram index, never a scan, as the list grows', async () => {
    // The index takes new surnames straight in (no pending list for every search to read), and the lookup is planned without sequential scans.
    const db = t.database.db;
    const index = (await sql<{ reloptions: string[] }>`select reloptions from pg_class where relname = 'surnames_trgm'`.execute(db)).rows[0]!;
    assert.deepEqual(index.reloptions, ['fastupdate=off']);
    const fn = (await sql<{ proconfig: string[] }>`select proconfig from pg_proc where proname = 'close_surnames'`.execute(db)).rows[0]!;
    assert.deepEqual(fn.proconfig, ['enable_seqscan=off']);
    await sql`insert into surnames (name) select 'zzsurname' || g from generate_series(1, 3000) g on conflict do nothing`.execute(db);
    const plan = await db.transaction().execute(async (trx) => {
      await sql`set local enable_seqscan = off`.execute(trx);
      return (await sql<{ 'QUERY PLAN': string }>`explain select name from surnames where name % 'quarbmy'`.execute(trx)).rows.map((r) => r['QUERY PLAN']).join('\n');
    });
    assert.match(plan, /surnames_trgm/);
  });

  it('finds in the service\'s surname list exactly the close surnames the database finds', async () => {
    const db = t.database.db;
    await sql`insert into surnames (name) values ('nuñez'), ('o''brien'), ('smith-jones'), ('de la cruz'), ('x'), ('quarmby2') on conflict do nothing`.execute(db);
    const list = await catchUpSurnames(db, await surnamesUpTo(db));
    const typed = ['Quarbmy', 'quarmby', 'Smiht', 'OBrien', "o'brian", 'de la cru', 'Nunez', 'x', 'Smith-Jnoes', 'zzsurname12', 'Ahmed', 'qu4rmby2', '--'];
    for (const text of typed) {
      // A real arrives as its shortest decimal text: the same single-precision value.
      const inDatabase = (await sql<{ name: string; sim: number }>`select name, sim from close_surnames(${text}, 100)`.execute(db)).rows;
      assert.deepEqual(closeSurnames(list, text, 100), { names: inDatabase.map((r) => r.name), sims: inDatabase.map((r) => Math.fround(Number(r.sim))) }, text);
    }
  });

  it('finds a person with a surname new since the list was read, and by typed text the list leaves to the database', async () => {
    const found = async (q: string) => (await t.api('GET', `/api/v1/people?q=${encodeURIComponent(q)}`, token)).json().results.map((r: { lastName: string }) => r.lastName);
    assert.ok((await found('Quarbmy')).includes('Quarmby'), 'the list is read');
    for (const [lastName, typo] of [['Featherstonehaugh', 'Featherstonhaugh'], ['Nuñez-Ortega', 'Nuñes-Ortega']] as const) {
      const response = await t.api('POST', '/api/v1/people', token, { firstName: 'Ana', lastName, dateOfBirth: '1990-05-05', sex: 'female', confirmNotDuplicate: true });
      assert.equal(response.statusCode, 201, response.body);
      assert.deepEqual(await found(typo), [lastName], typo);
    }
  });

  it('finds a person by an alias within the region, following the person when they move region', async () => {
    const db = t.database.db;
    const person = await db.selectFrom('people').select(['id', 'crn', 'region_id']).where('last_name', '=', 'Quarnby').executeTakeFirstOrThrow();
    await db.insertInto('person_aliases').values({ person_id: person.id, first_name: 'Jon', last_name: 'Wolstenholme', date_of_birth: null }).execute();
    const found = async () => (await t.api('GET', '/api/v1/people?q=Wolstenholm', token)).json().results.map((r: { crn: string }) => r.crn);
    assert.deepEqual(await found(), [person.crn]);
    const other = await db.selectFrom('regions').select('id').where('id', '<>', person.region_id).orderBy('id').executeTakeFirstOrThrow();
    await db.updateTable('people').set({ region_id: other.id }).where('id', '=', person.id).execute();
    try {
      const alias = await db.selectFrom('person_aliases').select('region_id').where('person_id', '=', person.id).executeTakeFirstOrThrow();
      assert.equal(alias.region_id, other.id, 'the alias moved with its person');
      assert.deepEqual(await found(), [], 'out of the practitioner\'s region');
    } finally {
      await db.updateTable('people').set({ region_id: person.region_id }).where('id', '=', person.id).execute();
    }
    assert.deepEqual(await found(), [person.crn]);
  });

  it('lists a person once, at their closest name, when their surname and aliases all match', async () => {
    const db = t.database.db;
    const created: string[] = [];
    for (const lastName of ['Pettigrewe', 'Pettigrews']) {
      const response = await t.api('POST', '/api/v1/people', token, { firstName: 'Ann', lastName, dateOfBirth: '1990-05-05', sex: 'female', confirmNotDuplicate: true });
      assert.equal(response.statusCode, 201, response.body);
      created.push(response.json().crn);
    }
    const [twoAliases, ownNameOnly] = created as [string, string];
    const person = await db.selectFrom('people').select('id').where('crn', '=', twoAliases).executeTakeFirstOrThrow();
    await db.insertInto('person_aliases').values([
      { person_id: person.id, first_name: 'Ann', last_name: 'Pettigrew', date_of_birth: null },
      { person_id: person.id, first_name: 'Ann', last_name: 'Pettigrow', date_of_birth: null },
    ]).execute();
    const found = (await t.api('GET', '/api/v1/people?q=pettigrew', token)).json();
    // The exact alias puts the first ahead of a surname one letter off, and each is counted once.
    assert.deepEqual(found.results.map((r: { crn: string }) => r.crn), [twoAliases, ownNameOnly]);
    assert.equal(found.total, 2);
  });

  it('finds by CRN, PNC in its short form, and date of birth', async () => {
    const person = await t.database.db.selectFrom('people').select(['crn', 'pnc', 'date_of_birth']).where('pnc', 'is not', null).orderBy('id').offset(20).limit(1).executeTakeFirstOrThrow();
    const byCrn = (await t.api('GET', `/api/v1/people?q=${person.crn.toLowerCase()}`, token)).json();
    assert.deepEqual(byCrn.results.map((r: { crn: string }) => r.crn), [person.crn]);
    const [year, serial] = person.pnc!.split('/') as [string, string];
    const short = `${year.slice(2)}/${String(Number(serial.slice(0, 7)))}${serial.slice(7)}`;
    const byPnc = (await t.api('GET', `/api/v1/people?q=${encodeURIComponent(short)}`, token)).json();
    assert.deepEqual(byPnc.results.map((r: { crn: string }) => r.crn), [person.crn]);
    const [y, m, d] = person.date_of_birth.split('-');
    const byDob = (await t.api('GET', `/api/v1/people?q=${encodeURIComponent(`${Number(d)}/${Number(m)}/${y}`)}`, token)).json();
    assert.ok(byDob.results.some((r: { crn: string }) => r.crn === person.crn));
    assert.equal((await t.api('GET', '/api/v1/people?q=', token)).statusCode, 400);
  });

  it('lists search results 20 to a page, in the API\'s rank order, with pages for the rest', async () => {
    // 47 people of one surname in Jo's region, with forenames and dates of birth that rank and sort them.
    const db = t.database.db;
    const region = await db.selectFrom('people').select('region_id').where('last_name', '=', 'Quarmby').executeTakeFirstOrThrow();
    const crn = (i: number) => `A98${String(i).padStart(4, '0')}`;
    await db.insertInto('issued_crns').values(Array.from({ length: 47 }, (_, i) => ({ crn: crn(i) }))).execute();
    await db.insertInto('people').values(Array.from({ length: 47 }, (_, i) => ({
      crn: crn(i), first_name: `Page${String.fromCharCode(65 + (i % 26))}`, last_name: i % 3 ? 'Pagewright' : 'Pagewrite',
      date_of_birth: `19${70 + (i % 30)}-01-0${1 + (i % 9)}`, sex: 'male', region_id: region.region_id,
    }))).execute();
    const ranked = (await t.api('GET', '/api/v1/people?q=pagewrihgt&limit=100', token)).json();
    assert.equal(ranked.total, 47);
    const crns = (html: string) => [...html.matchAll(/<td class="govuk-table__cell">([A-Z]\d{6})<\/td>/g)].map((m) => m[1]);
    const pages = Math.ceil(ranked.total / 20);

    const first = await jo.get('/search?q=pagewrihgt');
    assert.match(first.body, new RegExp(`Showing 1 to 20 of ${ranked.total} results`));
    assert.deepEqual(crns(first.body), ranked.results.slice(0, 20).map((r: { crn: string }) => r.crn));
    assert.match(first.body, /class="govuk-pagination"/);
    assert.match(first.body, /href="\/search\?q=pagewrihgt&amp;page=2" rel="next"/);

    const second = await jo.get('/search?q=pagewrihgt&page=2');
    assert.match(second.body, new RegExp(`Showing 21 to 40 of ${ranked.total} results`));
    assert.deepEqual(crns(second.body), ranked.results.slice(20, 40).map((r: { crn: string }) => r.crn));
    assert.match(second.body, /<title>Search results for pagewrihgt, page 2/);

    const last = await jo.get(`/search?q=pagewrihgt&page=${pages}`);
    assert.match(last.body, new RegExp(`Showing ${(pages - 1) * 20 + 1} to ${ranked.total} of ${ranked.total} results`));
    assert.doesNotMatch(last.body, /rel="next"/);

    const past = await jo.get(`/search?q=pagewrihgt&page=${pages + 1}`);
    assert.equal(past.statusCode, 200);
    assert.match(past.body, new RegExp(`No results on page ${pages + 1}`));
    assert.match(past.body, /This search has 47 results/);
    assert.match(past.body, new RegExp(`href="/search\\?q=pagewrihgt&amp;page=${pages}">Go to the last page of results`));
    // A page number that is not one is the first page, as a mistyped link would expect.
    for (const bad of ['0', 'two', '-3']) assert.match((await jo.get(`/search?q=pagewrihgt&page=${bad}`)).body, /Showing 1 to 20/, bad);

    const next = (await t.api('GET', '/api/v1/people?q=pagewrihgt&limit=20&offset=20', token)).json();
    assert.equal(next.total, ranked.total);
    assert.deepEqual(next.results, ranked.results.slice(20, 40));
    const bad = await t.api('GET', '/api/v1/people?q=pagewrihgt&offset=-1', token);
    assert.equal(bad.statusCode, 400);
    assert.match(bad.json().message, /offset/);
    assert.deepEqual((await t.api('GET', '/api/v1/people?q=pagewrihgt&offset=10000', token)).json(), { total: 47, results: [] }, 'past the last page');
  });

  it('opens a case overview with identity, addresses, characteristics and who manages it', async () => {
    const person = await t.database.db.selectFrom('people').select(['crn', 'last_name', 'pnc']).where('pnc', 'is not', null).orderBy('id').offset(30).limit(1).executeTakeFirstOrThrow();
    const page = await jo.get(`/people/${person.crn}`);
    assert.equal(page.statusCode, 200);
    for (const text of [person.last_name, person.pnc!, 'Equality information', 'Managed by', 'Ethnic group']) assert.ok(page.body.includes(text), text);
    assert.equal((await jo.get('/people/X12')).statusCode, 404);
    assert.equal((await jo.get('/people/Z999999')).statusCode, 404);
  });

  it('validates every field of the form, keeping what was typed', async () => {
    const response = await jo.post('/people/new', form({ firstName: '', lastName: 'Keepme', pnc: '2008/1234567A', niNumber: 'DA123456C', 'address.postcode': 'NOT A POSTCODE', 'dateOfBirth-day': '31', 'dateOfBirth-month': '2' }));
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /There is a problem/);
    for (const message of ['Enter a first name', 'check letter', 'postcode', 'National Insurance']) assert.match(response.body, new RegExp(message, 'i'));
    assert.match(response.body, /value="Keepme"/);
    assert.match(response.body, /value="2008\/1234567A"/);
  });

  it('creates a person with a new CRN, after showing likely duplicates and asking', async () => {
    const first = await jo.post('/people/new', form({ pnc: '2008/1234567R', 'address.line1': '1 Grey Street', 'address.town': 'Newcastle upon Tyne', 'address.postcode': 'ne1 6ee' }));
    assert.equal(first.statusCode, 303);
    const crn = first.headers.location!.toString().match(/\/people\/([A-Z]\d{6})/)![1]!;
    assert.match(crn, /^A\d{6}$/, 'North East CRNs start with A');
    const overview = await jo.get(`/people/${crn}?created=1`);
    assert.match(overview.body, /Person added/);
    assert.match(overview.body, /NE1 6EE/);

    const samePnc = await jo.post('/people/new', form({ firstName: 'Other', lastName: 'Name', pnc: '08/1234567R' }));
    assert.equal(samePnc.statusCode, 400);
    assert.match(samePnc.body, new RegExp(`already has a record: CRN ${crn}`));

    const similar = await jo.post('/people/new', form({ firstName: 'Testa', lastName: 'Personn' }));
    assert.equal(similar.statusCode, 200);
    assert.match(similar.body, /may already have a record/);
    assert.match(similar.body, new RegExp(crn));
    assert.match(similar.body, /name="lastName" value="Personn"/, 'the typed values are carried through');

    const confirmed = await jo.post('/people/new', { ...form({ firstName: 'Testa', lastName: 'Personn' }), confirmNotDuplicate: 'yes' });
    assert.equal(confirmed.statusCode, 303);
    assert.notEqual(confirmed.headers.location, first.headers.location);
  });

  it('creates through the API, with 400 per field, 409 for duplicates and 401 without a token', async () => {
    const ok = await t.api('POST', '/api/v1/people', token, { firstName: 'Api', lastName: 'Created', dateOfBirth: '1990-05-05', sex: 'female', pnc: '2019/0000043K', ethnicity: 'W1', address: { line1: '2 Front Street', postcode: 'DH1 3RH' } });
    assert.equal(ok.statusCode, 201, ok.body);
    const { crn } = ok.json();
    const read = await t.api('GET', `/api/v1/people/${crn}`, token);
    assert.equal(read.json().pnc, '2019/0000043K');
    assert.equal(read.json().addresses[0].postcode, 'DH1 3RH');

    const bad = await t.api('POST', '/api/v1/people', token, { firstName: 'Bad', lastName: 'Input', dateOfBirth: '1990-13-01', sex: 'male', pnc: '2008/1234567A' });
    assert.equal(bad.statusCode, 400);
    assert.ok(bad.json().fields.dateOfBirth && bad.json().fields.pnc);

    const missing = await t.api('POST', '/api/v1/people', token, { firstName: 'No' });
    assert.equal(missing.statusCode, 400);
    assert.match(missing.json().message, /required/);

    const dup = await t.api('POST', '/api/v1/people', token, { firstName: 'Apy', lastName: 'Created', dateOfBirth: '1990-05-05', sex: 'female' });
    assert.equal(dup.statusCode, 409);
    assert.equal(dup.json().duplicates[0].crn, crn);

    // Two saves of the same new PNC at once: one wins, the other is told, neither is a 500.
    const racing = await Promise.all(['Racer', 'Racey'].map((firstName) =>
      t.api('POST', '/api/v1/people', token, { firstName, lastName: `Same${firstName}`, dateOfBirth: '1979-09-09', sex: 'male', pnc: '2001/0000005V' })));
    assert.deepEqual(racing.map((r) => r.statusCode).sort(), [201, 409]);

    const notJson = await t.app.inject({ method: 'POST', url: '/api/v1/people', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, payload: '{not json' });
    assert.equal(notJson.statusCode, 400);
    assert.equal((await t.api('POST', '/api/v1/people', null, {})).statusCode, 401);
    assert.equal((await t.api('GET', '/api/v1/people/X123456', 'tl_not-a-real-token')).statusCode, 401);
  });
});
