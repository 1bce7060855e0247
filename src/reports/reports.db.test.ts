import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type Browser, type TestApp } from '../../test/support/app.ts';
import { pdfText } from '../../test/support/pdf-text.ts';
import { dateParts, addDays } from '../platform/http/dates.ts';
import type { RiskSnapshot } from './content.ts';

const today = new Date().toISOString().slice(0, 10);
const flat = (text: string) => text.replace(/\s+/g, ' ');
const DRAFT = {
  offenceAnalysis: 'Offence analysis: the argument at the bus station escalated quickly.',
  circumstances: 'Circumstances narrative: sofa surfing at a cousin\'s flat.',
  riskAnalysis: 'Risk analysis narrative: drinking raises the risk to a former partner.',
  sentenceType: 'community_order',
  lengthMonths: '18',
  requirements: ['rehabilitation_activity', 'unpaid_work'],
  reasons: 'Reasons: a community order keeps the accommodation and the treatment going.',
};

describe('pre-sentence reports: request, assign, write, submit, countersign', () => {
  let t: TestApp;
  let chris: Browser;
  let lee: Browser;
  let sam: Browser;
  let crn: string;
  let personId: number;
  let reportId: number;
  const ids = new Map<string, number>();
  before(async () => {
    t = await createTestApp({ people: 60 });
    const db = t.database.db;
    for (const u of await db.selectFrom('users').select(['id', 'username']).execute()) ids.set(u.username, u.id);
    // A Newcastle case open to everyone, with an event, and no report yet.
    const person = await db.selectFrom('people').innerJoin('case_allocations as a', 'a.person_id', 'people.id').innerJoin('teams', 'teams.id', 'a.team_id')
      .innerJoin('pdus', 'pdus.id', 'teams.pdu_id').select(['people.id', 'people.crn']).where('pdus.code', '=', 'NE-NCL')
      .where('people.id', 'not in', db.selectFrom('case_access_rules').select('person_id'))
      .where('people.id', 'not in', db.selectFrom('pre_sentence_reports').select('person_id'))
      .where('people.id', 'in', db.selectFrom('events').select('person_id'))
      .where('people.id', 'in', db.selectFrom('rosh_assessments').select('person_id'))
      .where('people.id', 'in', db.selectFrom('predictor_scores').select('person_id'))
      .orderBy('people.id').limit(1).executeTakeFirstOrThrow();
    crn = person.crn;
    personId = person.id;
    [chris, lee, sam] = await Promise.all([t.signIn('chris.court'), t.signIn('lee.po'), t.signIn('sam.spo')]);
  });
  after(() => t.close());

  const hearing = addDays(today, 10);

  it('a court officer records a request from the case; bad input is shown back with its errors', async () => {
    const tab = await chris.get(`/people/${crn}/reports`);
    assert.equal(tab.statusCode, 200);
    assert.match(tab.body, /Record a request from the court/);
    assert.equal((await chris.get(`/people/${crn}/reports/new`)).statusCode, 200);

    const bad = await chris.post(`/people/${crn}/reports`, { court: 'Newcastle Crown Court', type: 'nope', 'hearingOn-day': '31', 'hearingOn-month': '2', 'hearingOn-year': '2027' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Select the type of report/);
    assert.match(bad.body, /must be a real date/);
    assert.match(bad.body, /value="Newcastle Crown Court"/, 'what was typed is kept');

    const event = await t.database.db.selectFrom('events').select('event_number').where('person_id', '=', personId).orderBy('event_number', 'desc').executeTakeFirstOrThrow();
    const ok = await chris.post(`/people/${crn}/reports`, {
      eventNumber: String(event.event_number), type: 'standard', court: 'Newcastle Crown Court', ...dateParts('hearingOn', hearing),
      courtNotes: 'The court is considering a community order.',
    });
    assert.equal(ok.statusCode, 303, ok.body.slice(0, 300));
    reportId = Number(ok.headers.location!.toString().match(/reports\/(\d+)/)![1]);
    const report = await t.database.db.selectFrom('pre_sentence_reports').selectAll().where('id', '=', reportId).executeTakeFirstOrThrow();
    assert.equal(report.status, 'requested');
    assert.equal(report.due_on, hearing, 'due on the hearing date when not given');
    assert.equal(report.team_id, (await t.database.db.selectFrom('teams').select('id').where('code', '=', 'NE-NCL-C').executeTakeFirstOrThrow()).id);

    const again = await chris.post(`/people/${crn}/reports`, { eventNumber: String(event.event_number), type: 'oral', court: 'X', ...dateParts('hearingOn', hearing) });
    assert.equal(again.statusCode, 400);
    assert.match(again.body, /already has a report in progress/);

    const queue = await chris.get('/reports');
    assert.equal(queue.statusCode, 200);
    assert.match(queue.body, new RegExp(`/people/${crn}/reports/${reportId}`));
  });

  it('is assigned to an officer of the team, who is notified', async () => {
    const page = await chris.get(`/people/${crn}/reports/${reportId}`);
    assert.match(page.body, /Lee Charlton/, 'Lee is in the list of assignable officers');
    const outsider = await chris.post(`/people/${crn}/reports/${reportId}/assign`, { assignee: String(ids.get('mark.spo')) });
    assert.equal(outsider.statusCode, 400);
    assert.match(outsider.body, /Select an officer of the court team/);
    assert.equal((await chris.post(`/people/${crn}/reports/${reportId}/assign`, { assignee: String(ids.get('lee.po')) })).statusCode, 303);
    const notice = await t.database.db.selectFrom('notifications').select('message').where('user_id', '=', ids.get('lee.po')!).where('kind', '=', 'report').executeTakeFirst();
    assert.match(notice?.message ?? '', /assigned a pre-sentence report/);
    const mine = await lee.get('/reports?view=mine');
    assert.match(mine.body, new RegExp(`/people/${crn}/reports/${reportId}`));
    assert.equal((await chris.get(`/people/${crn}/reports/${reportId}/write`)).statusCode, 403, 'only the assignee writes');
  });

  it('the writer sees the risk and needs pulled from the record, and saves drafts without losing anything', async () => {
    const page = await lee.get(`/people/${crn}/reports/${reportId}/write`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /RoSH \(overall\)/);
    assert.match(page.body, /OGRS3/);
    assert.match(page.body, /Reasons for the proposal/);

    const bad = await lee.post(`/people/${crn}/reports/${reportId}/write`, { ...DRAFT, lengthMonths: 'eighteen', action: 'save' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /must be a whole number of months/);
    assert.match(bad.body, /the argument at the bus station/, 'typed text shown back');
    const stored = await t.database.db.selectFrom('pre_sentence_reports').select(['draft', 'status']).where('id', '=', reportId).executeTakeFirstOrThrow();
    assert.equal(stored.status, 'assigned', 'nothing saved from a malformed form');

    const partial = await lee.post(`/people/${crn}/reports/${reportId}/write`, { offenceAnalysis: DRAFT.offenceAnalysis, action: 'save' });
    assert.equal(partial.statusCode, 303);
    const back = await lee.get(`/people/${crn}/reports/${reportId}/write`);
    assert.match(back.body, /the argument at the bus station/);

    const incomplete = await lee.post(`/people/${crn}/reports/${reportId}/write`, { offenceAnalysis: DRAFT.offenceAnalysis, circumstances: DRAFT.circumstances, action: 'submit' });
    assert.equal(incomplete.statusCode, 400);
    assert.match(incomplete.body, /Write the risk analysis/);
    assert.match(incomplete.body, /Select the proposed sentence/);
    const draft = (await t.database.db.selectFrom('pre_sentence_reports').select(['draft', 'status']).where('id', '=', reportId).executeTakeFirstOrThrow());
    assert.equal(draft.status, 'in_progress');
    assert.match(JSON.stringify(draft.draft), /sofa surfing/, 'an incomplete submission is still saved as the draft');
  });

  it('submitting makes version 1 with its PDF: the text, the risk figures as of then and page numbers', async () => {
    const submitted = await lee.post(`/people/${crn}/reports/${reportId}/write`, { ...DRAFT, action: 'submit' });
    assert.equal(submitted.statusCode, 303, submitted.body.slice(0, 500));
    const version = await t.database.db.selectFrom('pre_sentence_report_versions').selectAll().where('report_id', '=', reportId).executeTakeFirstOrThrow();
    assert.equal(version.version, 1);
    const risk = version.risk as RiskSnapshot;
    assert.ok(risk.rosh, 'the RoSH was pulled');
    const text = flat(await pdfText(version.pdf));
    for (const expected of [DRAFT.offenceAnalysis, DRAFT.circumstances, DRAFT.riskAnalysis, DRAFT.reasons, 'Pre-sentence report', 'Throughline Probation Service', crn, 'Newcastle Crown Court', 'Page 1 of', 'Unpaid work']) {
      assert.ok(text.includes(expected), `the PDF says "${expected}"`);
    }
    assert.ok(text.includes(risk.rosh.overall), 'the RoSH level');
    for (const score of risk.scores) assert.ok(text.includes(`${score.twoYearPercent}%`), `the ${score.name} two-year figure`);
    if (risk.tier) assert.ok(text.includes(risk.tier.tier), 'the tier');
    const proposal = version.proposal as { requirements: { code: string; forecast: unknown }[] };
    assert.deepEqual(proposal.requirements.map((r) => r.code), ['rehabilitation_activity', 'unpaid_work'], 'the chosen requirements kept with their forecast');
    assert.equal((await t.database.db.selectFrom('pre_sentence_reports').select('status').where('id', '=', reportId).executeTakeFirstOrThrow()).status, 'awaiting_countersignature');
    assert.equal((await lee.post(`/people/${crn}/reports/${reportId}/write`, { ...DRAFT, action: 'save' })).statusCode, 409, 'no edits while awaiting countersignature');
  });

  it('the PDF downloads from the page, audited as a case read', async () => {
    const pdf = await lee.get(`/people/${crn}/reports/${reportId}/versions/1.pdf`);
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
    assert.equal((await lee.get(`/people/${crn}/reports/${reportId}/versions/9.pdf`)).statusCode, 404);
    const audited = await t.database.db.selectFrom('audit_log').select('action').where('person_id', '=', personId).where('action', '=', 'case.reports.pdf.read').execute();
    assert.ok(audited.length >= 1);
  });

  it('only a senior officer countersigns; returning reopens it with a reason; every version is kept', async () => {
    assert.equal((await chris.post(`/people/${crn}/reports/${reportId}/countersign`, {})).statusCode, 403);
    assert.equal((await lee.post(`/people/${crn}/reports/${reportId}/countersign`, {})).statusCode, 403);
    const queue = await sam.get('/reports');
    assert.match(queue.body, /Awaiting your countersignature/);

    const noReason = await sam.post(`/people/${crn}/reports/${reportId}/return`, { reason: '' });
    assert.equal(noReason.statusCode, 400);
    assert.match(noReason.body, /Enter the reason for returning/);
    assert.equal((await sam.post(`/people/${crn}/reports/${reportId}/return`, { reason: 'Say more about the victim.' })).statusCode, 303);
    const write = await lee.get(`/people/${crn}/reports/${reportId}/write`);
    assert.match(write.body, /Say more about the victim/);
    assert.equal((await lee.post(`/people/${crn}/reports/${reportId}/write`, { ...DRAFT, offenceAnalysis: `${DRAFT.offenceAnalysis} The victim was frightened.`, action: 'submit' })).statusCode, 303);

    assert.equal((await sam.post(`/people/${crn}/reports/${reportId}/countersign`, {})).statusCode, 303);
    const versions = await t.database.db.selectFrom('pre_sentence_report_versions').select(['version', 'pdf', 'countersigned_by']).where('report_id', '=', reportId).orderBy('version').execute();
    assert.deepEqual(versions.map((v) => v.version), [1, 2, 3]);
    assert.equal(versions[2]!.countersigned_by, ids.get('sam.spo'));
    const final = flat(await pdfText(versions[2]!.pdf));
    assert.match(final, /Countersigned by Sam Robson on/);
    assert.match(final, /The victim was frightened/);
    assert.doesNotMatch(flat(await pdfText(versions[0]!.pdf)), /The victim was frightened/, 'version 1 is as it was');
    const page = await lee.get(`/people/${crn}/reports/${reportId}?countersigned=1`);
    assert.match(page.body, /Ready for court/);
    assert.match(page.body, /Version 3 \(PDF\)/);
    assert.equal((await sam.post(`/people/${crn}/reports/${reportId}/return`, { reason: 'x' })).statusCode, 409, 'complete is final');
  });

  it('a senior officer cannot countersign their own report', async () => {
    const db = t.database.db;
    const event = await db.selectFrom('events').select('event_number').where('person_id', '=', personId).orderBy('event_number').executeTakeFirstOrThrow();
    const made = await sam.post(`/people/${crn}/reports`, { eventNumber: String(event.event_number), type: 'short', court: 'Gateshead Magistrates\' Court', ...dateParts('hearingOn', hearing) });
    const id = Number(made.headers.location!.toString().match(/reports\/(\d+)/)![1]);
    assert.equal((await sam.post(`/people/${crn}/reports/${id}/assign`, { assignee: String(ids.get('sam.spo')) })).statusCode, 303);
    assert.equal((await sam.post(`/people/${crn}/reports/${id}/write`, { ...DRAFT, action: 'submit' })).statusCode, 303);
    const own = await sam.post(`/people/${crn}/reports/${id}/countersign`, {});
    assert.equal(own.statusCode, 403);
    assert.match(own.body, /another senior officer must countersign/);
    assert.match((await sam.get(`/people/${crn}/reports/${id}`)).body, /You wrote this report/);
    const cancel = await sam.post(`/people/${crn}/reports/${id}/cancel`, { reason: 'Sentenced without a report.' });
    assert.equal(cancel.statusCode, 303);
  });

  it('the API lists, requests, shows and serves the PDF, with clear 400s', async () => {
    const token = await t.tokenFor('chris.court');
    const list = await t.api('GET', `/api/v1/people/${crn}/reports`, token);
    assert.equal(list.statusCode, 200);
    const listed = list.json().reports.find((r: { id: number }) => r.id === reportId);
    assert.equal(listed.status, 'complete');
    assert.equal(listed.versions.length, 3);

    const detail = await t.api('GET', `/api/v1/people/${crn}/reports/${reportId}`, token);
    assert.equal(detail.statusCode, 200);
    assert.match(detail.json().draft.sections.riskAnalysis, /former partner/);
    assert.equal(detail.json().latestVersion.version, 3);

    const pdf = await t.api('GET', `/api/v1/people/${crn}/reports/${reportId}/versions/3/pdf`, token);
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    assert.match(flat(await pdfText(pdf.rawPayload)), /Countersigned by Sam Robson/);
    assert.equal((await t.api('GET', `/api/v1/people/${crn}/reports/${reportId}/versions/x/pdf`, token)).statusCode, 404);

    const bad = await t.api('POST', `/api/v1/people/${crn}/reports`, token, { eventNumber: 1, type: 'essay', court: '', hearingOn: '2020-01-01' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.json().message, /Select the type of report/);
    assert.ok(bad.json().fields.hearingOn);
    const event = await t.database.db.selectFrom('events').select('event_number').where('person_id', '=', personId).orderBy('event_number').executeTakeFirstOrThrow();
    const made = await t.api('POST', `/api/v1/people/${crn}/reports`, token, { eventNumber: event.event_number, type: 'oral', court: 'Newcastle Magistrates\' Court', hearingOn: hearing });
    assert.equal(made.statusCode, 201, made.body);
    assert.equal(made.json().status, 'requested');
  });

  it('access: reports:write is needed to request or write, and the access list hides a refused case\'s reports', async () => {
    const admin = await t.signIn('admin');
    assert.equal((await admin.get(`/people/${crn}/reports`)).statusCode, 200, 'anyone who can read the case sees its reports');
    assert.equal((await admin.get(`/people/${crn}/reports/new`)).statusCode, 403);
    assert.equal((await admin.post(`/people/${crn}/reports`, { type: 'oral' })).statusCode, 403);
    assert.equal((await admin.get('/reports')).statusCode, 403);
    assert.equal((await t.api('POST', `/api/v1/people/${crn}/reports`, await t.tokenFor('admin'), { eventNumber: 1, type: 'oral', court: 'x', hearingOn: hearing })).statusCode, 403);

    // Jo is excluded from the demo's excluded cases; Lee (named on the rules) holds them.
    const db = t.database.db;
    const excluded = await db.selectFrom('case_access_users as u').innerJoin('people', 'people.id', 'u.person_id').select(['people.id', 'people.crn'])
      .where('u.kind', '=', 'exclusion').where('u.user_id', '=', ids.get('jo.po')!).orderBy('people.id').limit(1).executeTakeFirstOrThrow();
    const event = await db.selectFrom('events').select('event_number').where('person_id', '=', excluded.id).orderBy('event_number').executeTakeFirstOrThrow();
    const made = await chris.post(`/people/${excluded.crn}/reports`, { eventNumber: String(event.event_number), type: 'standard', court: 'Newcastle Crown Court', ...dateParts('hearingOn', hearing) });
    assert.equal(made.statusCode, 303, made.body.slice(0, 300));
    const id = Number(made.headers.location!.toString().match(/reports\/(\d+)/)![1]);
    const assignJo = await chris.post(`/people/${excluded.crn}/reports/${id}/assign`, { assignee: String(ids.get('jo.po')) });
    assert.equal(assignJo.statusCode, 400, 'cannot be assigned to someone the access list refuses');
    assert.match(assignJo.body, /access list refuses them/);

    const jo = await t.signIn('jo.po');
    assert.equal((await jo.get(`/people/${excluded.crn}/reports`)).statusCode, 403);
    assert.equal((await jo.get(`/people/${excluded.crn}/reports/${id}`)).statusCode, 403);
    const joToken = await t.tokenFor('jo.po');
    assert.equal((await t.api('GET', `/api/v1/people/${excluded.crn}/reports`, joToken)).statusCode, 403);
    assert.equal((await t.api('GET', `/api/v1/people/${excluded.crn}/reports/${id}`, joToken)).statusCode, 403);
    const queue = await jo.get('/reports');
    assert.equal(queue.statusCode, 200);
    assert.match(queue.body, new RegExp(`${excluded.crn} <strong class="govuk-tag govuk-tag--grey">Restricted`), 'the queue shows only the CRN');
    assert.doesNotMatch(queue.body, new RegExp(`/people/${excluded.crn}/reports/${id}`));
    // Another case's report id is not found under this case.
    assert.equal((await lee.get(`/people/${crn}/reports/${id}`)).statusCode, 404);
  });
  it('junk to every report route is a 4xx or a redirect, never a 5xx, for the roles that may use them', async () => {
    const junk: Record<string, string | string[]>[] = [
      {}, { action: 'submit', offenceAnalysis: ['a', 'b'], requirements: ['x', 'x'], lengthMonths: '1e309', sentenceType: '<b>' },
      { assignee: '-1', reason: 'x'.repeat(5000), eventNumber: '99999999999', type: ['oral', 'short'], 'hearingOn-day': '99', dueOn: 'zz', courtNotes: ['a'] },
    ];
    const ids = [String(reportId), '0', 'x', '99999999999999999999'];
    for (const who of [chris, sam]) {
      for (const id of ids) {
        for (const path of ['assign', 'write', 'countersign', 'return', 'cancel']) {
          for (const body of junk) {
            const response = await who.post(`/people/${crn}/reports/${id}/${path}`, body);
            assert.ok(response.statusCode < 500, `POST ${path} ${id}: ${response.statusCode} ${response.body.slice(0, 200)}`);
          }
        }
        for (const url of [`/people/${crn}/reports/${id}`, `/people/${crn}/reports/${id}/write`, `/people/${crn}/reports/${id}/versions/${id}.pdf`]) {
          assert.ok((await who.get(url)).statusCode < 500, url);
        }
      }
      for (const body of junk) assert.ok((await who.post(`/people/${crn}/reports`, body)).statusCode < 500);
    }
  });
});
