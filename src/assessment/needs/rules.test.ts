import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  completenessErrors, diffAssessments, emptyContent, FORM_ID, needLevel, parseNeedsForm, prefill, scoreSection, sectionScores, trendText,
  type AssessmentContent,
} from './rules.ts';
import { SECTIONS, SECTION_BY_KEY, type Score } from './sections.ts';

const allAnswered = (score: Score = 0): Record<string, Score> =>
  Object.fromEntries(SECTIONS.flatMap((s) => s.items.map((item) => [item.key, item.answers.some((a) => a.score === score) ? score : 0])));
const withAnswers = (answers: Record<string, Score>, extra: Partial<AssessmentContent> = {}): AssessmentContent => ({ ...emptyContent(), answers, ...extra });

describe('needs scoring', () => {
  const accommodation = SECTION_BY_KEY.get('accommodation')!;
  it('sums the answered items and says when a section is complete', () => {
    assert.deepEqual(scoreSection(accommodation, { noFixedAbode: 2, suitabilityOfAccommodation: 1 }), { score: 3, answered: 2, total: 4, complete: false });
    assert.deepEqual(scoreSection(accommodation, { noFixedAbode: 2, suitabilityOfAccommodation: 2, permanenceOfAccommodation: 2, suitabilityOfLocation: 1 }), { score: 7, answered: 4, total: 4, complete: true });
    const scores = sectionScores(allAnswered(2));
    assert.deepEqual(Object.keys(scores), SECTIONS.map((s) => s.key));
    for (const section of SECTIONS) assert.equal(scores[section.key], section.max);
  });

  it('flags a need from the standard threshold and a severe need from the severe one, per section', () => {
    const cases: [string, number, string][] = [
      ['accommodation', 1, 'none'], ['accommodation', 2, 'standard'], ['accommodation', 6, 'standard'], ['accommodation', 7, 'severe'],
      ['ete', 2, 'none'], ['ete', 3, 'standard'], ['ete', 7, 'severe'],
      ['relationships', 1, 'none'], ['relationships', 2, 'standard'], ['relationships', 5, 'severe'],
      ['lifestyle', 2, 'standard'], ['lifestyle', 5, 'severe'],
      ['drugs', 2, 'standard'], ['drugs', 7, 'standard'], ['drugs', 8, 'severe'],
      ['alcohol', 3, 'none'], ['alcohol', 4, 'standard'], ['alcohol', 7, 'severe'],
      ['thinking_behaviour', 3, 'none'], ['thinking_behaviour', 4, 'standard'], ['thinking_behaviour', 7, 'severe'],
      ['attitudes', 2, 'standard'], ['attitudes', 7, 'severe'],
      ['finance', 1, 'none'], ['finance', 2, 'standard'], ['finance', 8, 'standard'],
      ['emotional', 1, 'none'], ['emotional', 2, 'standard'], ['emotional', 8, 'standard'],
    ];
    for (const [key, score, level] of cases) assert.equal(needLevel(SECTION_BY_KEY.get(key as never)!, score), level, `${key} ${score}`);
  });
});

describe('reading the form', () => {
  it('takes a partial draft as it is', () => {
    const { action, content, errors } = parseNeedsForm({ _csrf: 'x', action: 'save', noFixedAbode: '2', problemSolving: '', 'linked-drugs': ['harm', 'reoffending'], 'note-drugs': '  Heroin, on script  ', summary: 'Early days' });
    assert.deepEqual(errors, {});
    assert.equal(action, 'save');
    assert.deepEqual(content.answers, { noFixedAbode: 2 });
    assert.deepEqual(content.sections.drugs, { harm: true, reoffending: true, note: 'Heroin, on script' });
    assert.deepEqual(content.sections.alcohol, { harm: false, reoffending: false, note: '' });
    assert.equal(content.summary, 'Early days');
    assert.equal(parseNeedsForm({}).action, 'save', 'no button (Enter pressed): save, so nothing is lost');
    assert.equal(parseNeedsForm({ action: 'complete' }).action, 'complete');
  });

  it('refuses malformed input with a message for each field, and still returns what was typed', () => {
    const { errors, content } = parseNeedsForm({
      nope: '1', noFixedAbode: '1', problemSolving: ['0', '1'], temperControl: '3', 'linked-ete': 'x', personsView: 'v'.repeat(4001), 'note-finance': 'n'.repeat(2001), viewDeclined: 'maybe', action: 'go',
    });
    assert.deepEqual(Object.keys(errors).sort(), [FORM_ID, 'linked-ete', 'noFixedAbode', 'note-finance', 'personsView', 'problemSolving', 'temperControl', 'viewDeclined'].sort());
    assert.match(errors[FORM_ID]!, /The form sent "nope", which this assessment does not have/);
    assert.equal(errors.noFixedAbode, 'Choose one of the answers offered for no fixed abode or transient accommodation (Accommodation)');
    assert.match(errors.problemSolving!, /sent more than once/);
    assert.equal(errors.personsView, "The person's view must be 4,000 characters or fewer");
    assert.equal(errors['note-finance'], 'The note on Financial management and income must be 2,000 characters or fewer');
    assert.equal(content.personsView.length, 4001, 'the long text comes back to be shortened, not lost');
    assert.match(parseNeedsForm({ action: 'delete' }).errors[FORM_ID]!, /Press "Save draft" or "Complete assessment"/);
  });

  it('needs every item and the person\'s view (or that they declined) to complete', () => {
    const errors = completenessErrors(withAnswers({ noFixedAbode: 0 }));
    const itemCount = SECTIONS.reduce((n, s) => n + s.items.length, 0);
    assert.equal(Object.keys(errors).length, itemCount - 1 + 1);
    assert.equal(errors.suitabilityOfAccommodation, 'Select an answer for suitability of accommodation (Accommodation)');
    assert.equal(Object.keys(errors)[0], 'suitabilityOfAccommodation', 'in the form\'s order');
    assert.match(errors.personsView!, /Enter the person's view/);
    assert.deepEqual(completenessErrors(withAnswers(allAnswered(), { personsView: 'I want work' })), {});
    assert.deepEqual(completenessErrors(withAnswers(allAnswered(), { viewDeclined: true })), {});
    assert.deepEqual(Object.keys(completenessErrors(withAnswers(allAnswered(), { viewDeclined: true, personsView: 'x' }))), ['viewDeclined']);
  });
});

describe('reviews', () => {
  it('pre-fills from the latest version (not the view or the summary) and from the case record', () => {
    const latest = withAnswers({ ...allAnswered(1), noFixedAbode: 0 }, { personsView: 'old view', summary: 'old summary', viewDeclined: true });
    latest.sections.drugs = { harm: true, reoffending: false, note: 'on script' };
    const next = prefill(latest, { noFixedAbode: true });
    assert.equal(next.answers.problemSolving, 1);
    assert.equal(next.answers.noFixedAbode, 2, 'the case record holds the address now');
    assert.deepEqual(next.sections.drugs, { harm: true, reoffending: false, note: 'on script' });
    assert.deepEqual([next.personsView, next.summary, next.viewDeclined], ['', '', false]);
    assert.deepEqual(prefill(null, { noFixedAbode: false }).answers, { noFixedAbode: 0 });
    assert.deepEqual(prefill(null, { noFixedAbode: null }).answers, {});
    next.answers.problemSolving = 2;
    assert.equal(latest.answers.problemSolving, 1, 'a copy, not the same object');
  });

  it('marks each changed answer with the previous one, and the section score change', () => {
    const before = withAnswers({ ...allAnswered(0), suitabilityOfAccommodation: 2, permanenceOfAccommodation: 2, noFixedAbode: 2 });
    const after = withAnswers({ ...allAnswered(0), suitabilityOfAccommodation: 1, permanenceOfAccommodation: 2, noFixedAbode: 2, impulsivity: 2 });
    after.sections.accommodation = { harm: true, reoffending: false, note: '' };
    const diff = diffAssessments(before, after);
    assert.equal(diff.changedItems, 2);
    assert.deepEqual(diff.items.suitabilityOfAccommodation, { previous: 2, changed: true });
    assert.deepEqual(diff.items.permanenceOfAccommodation, { previous: 2, changed: false });
    assert.deepEqual(diff.items.impulsivity, { previous: 0, changed: true });
    assert.deepEqual(diff.sections.accommodation, { score: 5, previousScore: 6, change: -1, harmChanged: true, reoffendingChanged: false });
    assert.equal(diff.sections.thinking_behaviour.change, 2);
    const first = diffAssessments(null, after);
    assert.equal(first.changedItems, 0);
    assert.equal(first.sections.accommodation.change, null);
  });

  it('says the trend in words', () => {
    assert.deepEqual([trendText(null), trendText(0), trendText(-2), trendText(3)], ['First assessment', 'No change since last', 'Down 2 since last', 'Up 3 since last']);
  });
});
