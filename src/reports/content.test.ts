import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { draftValues, parseDraft, proposalSnapshot, readDraft, submissionErrors, type RiskSnapshot } from './content.ts';
import { reportDocument } from './document.ts';
import { validateReason, validateRequest } from './request-form.ts';

const refs = {
  requirementTypes: [{ code: 'unpaid_work', name: 'Unpaid work' }, { code: 'accredited_programme', name: 'Accredited programme' }, { code: 'attendance_centre', name: 'Attendance centre' }],
  programmes: [{ code: 'TSP', name: 'Thinking Skills Programme' }],
};
const complete = {
  offenceAnalysis: 'A', circumstances: 'B', riskAnalysis: 'C', sentenceType: 'community_order', lengthMonths: '12', requirements: ['unpaid_work'], reasons: 'D',
};
const person = { dateOfBirth: '1990-01-01' };

describe('the report draft', () => {
  it('keeps anything well-formed, however partial, and reads back what it stored', () => {
    const { draft, errors } = parseDraft({ offenceAnalysis: '  Some text \r\nmore ' }, refs);
    assert.deepEqual(errors, {});
    assert.equal(draft.sections.offenceAnalysis, 'Some text \nmore');
    assert.deepEqual(readDraft(JSON.parse(JSON.stringify(draft))), draft);
    assert.equal(draftValues(draft).offenceAnalysis, 'Some text \nmore');
  });

  it('refuses malformed input by field', () => {
    const { errors } = parseDraft({ offenceAnalysis: ['a', 'b'], circumstances: 'x'.repeat(10_001), sentenceType: 'flogging', lengthMonths: '1.5', requirements: ['unknown'], programmeCode: 'NOPE' }, refs);
    assert.deepEqual(Object.keys(errors).sort(), ['circumstances', 'lengthMonths', 'offenceAnalysis', 'programmeCode', 'requirements', 'sentenceType']);
    assert.match(errors.circumstances!, /10,000 characters or fewer/);
  });

  it('a submission needs every section and a proposal the law allows', () => {
    const ok = parseDraft(complete, refs).draft;
    assert.deepEqual(submissionErrors(ok, person, '2026-12-01'), {});
    const empty = parseDraft({}, refs).draft;
    assert.deepEqual(Object.keys(submissionErrors(empty, person, '2026-12-01')).sort(), ['circumstances', 'offenceAnalysis', 'reasons', 'riskAnalysis', 'sentenceType']);
    const errors = (body: Record<string, unknown>) => submissionErrors(parseDraft({ ...complete, ...body }, refs).draft, person, '2026-12-01');
    assert.match(errors({ lengthMonths: '37' }).lengthMonths!, /from 1 to 36/);
    assert.match(errors({ requirements: [] }).requirements!, /at least one requirement/);
    assert.match(errors({ sentenceType: 'custody', lengthMonths: '6' }).requirements!, /licence conditions/);
    assert.match(errors({ sentenceType: 'suspended_sentence_order', lengthMonths: '12' }).custodialTermMonths!, /from 1 to 24/);
    assert.match(errors({ sentenceType: 'suspended_sentence_order', lengthMonths: '3', custodialTermMonths: '6' }).lengthMonths!, /from 6 to 24/);
    assert.match(errors({ sentenceType: 'other', requirements: [] }).otherSentence!, /Describe the other sentence/);
    assert.match(errors({ requirements: ['accredited_programme'] }).programmeCode!, /Select the accredited programme/);
    assert.match(errors({ requirements: ['attendance_centre'] }).requirements!, /under 25/);
    assert.deepEqual(submissionErrors(parseDraft({ ...complete, requirements: ['attendance_centre'] }, refs).draft, { dateOfBirth: '2004-06-01' }, '2026-12-01'), {});
  });

  it('keeps each chosen requirement with its forecast, a programme by its own key', () => {
    const { draft } = parseDraft({ ...complete, requirements: ['unpaid_work', 'accredited_programme'], programmeCode: 'TSP' }, refs);
    const f = (explanation: string) => ({ available: true, earliestStartOn: '2026-12-08', explanation, reasons: [], beyondLimit: false, limitExplanation: null });
    const snapshot = proposalSnapshot(draft.proposal, refs, { code: 'NE-NCL', name: 'Newcastle' }, new Map([['unpaid_work', f('UPW')], ['accredited_programme:TSP', f('TSP group')]]), '2026-12-01');
    assert.deepEqual(snapshot.requirements.map((r) => [r.code, r.programme?.name ?? null, r.forecast?.explanation]), [['unpaid_work', null, 'UPW'], ['accredited_programme', 'Thinking Skills Programme', 'TSP group']]);
    assert.equal(snapshot.sentence, 'Community order');
  });
});

describe('the report as a court document', () => {
  it('has the reference block, the pulled risk and the countersignature', () => {
    const { draft } = parseDraft(complete, refs);
    const risk: RiskSnapshot = {
      asOf: '2026-12-01', rosh: { overall: 'High', completedOn: '2026-11-01', version: 2, groups: [{ label: 'Risk to children', level: 'Low' }] },
      scores: [{ name: 'OGRS3', score: null, oneYearPercent: 30, twoYearPercent: 45, band: 'Medium', calculatedOn: '2026-11-02' }],
      tier: { tier: 'B2', calculatedOn: '2026-11-02' }, flags: [{ name: 'MAPPA', level: 'Level 1', registeredOn: '2026-01-01' }], needs: null,
    };
    const spec = reportDocument({
      person: { name: 'Ann Example', crn: 'A123456', dateOfBirth: '1990-01-01', offences: [{ description: 'Burglary', offence_date: '2026-10-01', main: true }] },
      report: { type: 'standard', court: 'Newcastle Crown Court', hearingOn: '2026-12-20', eventNumber: 2 }, pdu: { name: 'Newcastle upon Tyne' },
      version: 3, author: 'Lee Charlton', submittedOn: '2026-12-02', countersigned: { by: 'Sam Robson', on: '2026-12-03' },
    }, draft, risk, proposalSnapshot(draft.proposal, refs, null, new Map(), '2026-12-01'));
    assert.equal(spec.letterhead.organisation, 'Throughline Probation Service');
    assert.deepEqual(spec.letterhead.lines, ['Newcastle upon Tyne']);
    const reference = Object.fromEntries(spec.reference);
    assert.equal(reference['Countersigned by'], 'Sam Robson on 3 December 2026');
    assert.equal(reference.Offences, 'Burglary (1 October 2026)');
    const all = JSON.stringify(spec.sections);
    for (const text of ['High (assessment version 2', 'B2', 'MAPPA (Level 1)', '45%', 'No forecast is available', 'Countersigned by Sam Robson on 3 December 2026']) assert.ok(all.includes(text), text);
  });
});

describe('the request form', () => {
  const events = [{ id: 5, eventNumber: 1, hasOpenReport: false }, { id: 6, eventNumber: 2, hasOpenReport: true }];
  it('takes a request, due on the hearing date unless given', () => {
    const result = validateRequest({ eventNumber: '1', type: 'short', court: ' Newcastle ', hearingOn: '2026-12-20' }, events, '2026-12-01');
    assert.deepEqual(result, { ok: true, value: { eventId: 5, type: 'short', court: 'Newcastle', hearingOn: '2026-12-20', dueOn: '2026-12-20', courtNotes: '' } });
  });
  it('says what is wrong with each field', () => {
    const result = validateRequest({ eventNumber: '2', type: 'x', court: '', 'hearingOn-day': '1', 'hearingOn-month': '1', 'hearingOn-year': '2026', dueOn: '2027-01-01' }, events, '2026-12-01');
    assert.equal(result.ok, false);
    const errors = !result.ok ? result.errors : {};
    assert.match(errors.eventNumber!, /already has a report/);
    assert.match(errors.type!, /Select the type/);
    assert.match(errors.court!, /Enter the court/);
    assert.match(errors.hearingOn!, /today or in the future/);
    const late = validateRequest({ eventNumber: '1', type: 'oral', court: 'C', hearingOn: '2026-12-20', dueOn: '2026-12-21' }, events, '2026-12-01');
    assert.match(!late.ok ? late.errors.dueOn! : '', /on or before the hearing date/);
    assert.match(!validateRequest({}, [], '2026-12-01').ok ? (validateRequest({}, [], '2026-12-01') as { errors: Record<string, string> }).errors.eventNumber! : '', /Record the conviction/);
  });
  it('needs a reason to return or cancel', () => {
    assert.equal(validateReason({ reason: ' ' }, 'for cancelling').ok, false);
    assert.deepEqual(validateReason({ reason: 'Sentenced' }, 'x'), { ok: true, value: 'Sentenced' });
  });
});
