import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateAction, validateObjective, validatePlan, validateReview } from './forms.ts';
import { actionOverdue, assessedNeeds, needsWithoutObjective, progressSummary, requirementsWithoutObjective, reviewDueOn, reviewStatus, type ObjectiveLink } from './rules.ts';

const today = '2026-03-10';

describe('sentence plan rules', () => {
  it('reads the needs from section scores with the needs assessment\'s thresholds', () => {
    // accommodation standard 2 severe 7; alcohol standard 4; finance local standard 2, no severe.
    const needs = assessedNeeds({ accommodation: 7, alcohol: 3, finance: 2, drugs: 0 });
    assert.deepEqual(needs.map((n) => [n.key, n.level]), [['accommodation', 'severe'], ['finance', 'standard']]);
    assert.deepEqual(assessedNeeds(null), []);
  });

  it('shows which needs and requirements have no objective; withdrawn objectives address nothing', () => {
    const needs = assessedNeeds({ accommodation: 3, drugs: 4, ete: 5 });
    const objectives: ObjectiveLink[] = [
      { needSection: 'drugs', requirementId: 11, status: 'open' },
      { needSection: 'ete', requirementId: null, status: 'withdrawn' },
      { needSection: null, requirementId: 12, status: 'achieved' },
    ];
    assert.deepEqual(needsWithoutObjective(needs, objectives).map((n) => n.key), ['accommodation', 'ete']);
    assert.deepEqual(requirementsWithoutObjective([{ id: 11 }, { id: 12 }, { id: 13 }], objectives).map((r) => r.id), [13]);
    assert.deepEqual(needsWithoutObjective(needs, []).length, 3);
  });

  it('marks an open action overdue the day after its target date, never a finished one', () => {
    assert.equal(actionOverdue({ status: 'open', targetOn: '2026-03-09' }, today), true);
    assert.equal(actionOverdue({ status: 'open', targetOn: today }, today), false);
    assert.equal(actionOverdue({ status: 'done', targetOn: '2026-01-01' }, today), false);
    assert.equal(actionOverdue({ status: 'not_done', targetOn: '2026-01-01' }, today), false);
  });

  it('takes the review date from the latest review, and says when it is overdue or due', () => {
    assert.equal(reviewDueOn({ reviewDueOn: '2026-01-01' }, []), '2026-01-01');
    assert.equal(reviewDueOn({ reviewDueOn: '2026-01-01' }, [
      { id: 1, reviewedOn: '2026-01-02', nextReviewOn: '2026-04-02' },
      { id: 2, reviewedOn: '2026-02-02', nextReviewOn: '2026-05-02' },
    ]), '2026-05-02');
    assert.equal(reviewStatus('2026-03-09', today), 'overdue');
    assert.equal(reviewStatus(today, today), 'due');
    assert.equal(reviewStatus('2026-03-24', today), 'due');
    assert.equal(reviewStatus('2026-03-25', today), 'not_due');
  });

  it('summarises progress from each objective\'s latest rating', () => {
    const objectives = [{ id: 1, status: 'open' as const }, { id: 2, status: 'achieved' as const }, { id: 3, status: 'open' as const }, { id: 4, status: 'withdrawn' as const }];
    const summary = progressSummary(objectives, new Map([[1, 'good_progress' as const]]));
    assert.equal(summary.text, '1 of 3 objectives achieved, 1 good progress, 1 not yet reviewed');
    assert.equal(summary.rated, 2);
    assert.equal(progressSummary([], new Map()).text, 'No objectives yet');
  });
});

describe('sentence plan forms', () => {
  it('needs a review date in the future and within a year', () => {
    assert.equal(validatePlan({}, today).ok, false);
    assert.deepEqual(validatePlan({ reviewDueOn: today }, today), { ok: false, errors: { reviewDueOn: 'The review date must be in the future' } });
    assert.equal(validatePlan({ reviewDueOn: '2027-04-01' }, today).ok, false);
    assert.deepEqual(validatePlan({ 'reviewDueOn-day': '10', 'reviewDueOn-month': '6', 'reviewDueOn-year': '2026', agreed: 'yes', personsComment: ' OK ' }, today),
      { ok: true, value: { reviewDueOn: '2026-06-10', agreed: true, personsComment: 'OK' } });
  });

  it('needs a need or a requirement of the order, and both wordings', () => {
    const none = validateObjective({ objective: 'x', personsWords: 'y' }, [5], false);
    assert.equal(!none.ok && none.errors.needSection, 'Choose the need this objective addresses, the requirement it serves, or both');
    const wrong = validateObjective({ needSection: 'gambling', requirementId: '6', objective: '', personsWords: '' }, [5], false);
    assert.deepEqual(!wrong.ok && Object.keys(wrong.errors).sort(), ['needSection', 'objective', 'personsWords', 'requirementId']);
    assert.deepEqual(validateObjective({ needSection: 'drugs', requirementId: '5', objective: 'Stop', personsWords: 'Get clean' }, [5], false),
      { ok: true, value: { needSection: 'drugs', requirementId: 5, objective: 'Stop', personsWords: 'Get clean', status: 'open' } });
  });

  it('names the agency when another agency owns an action, and refuses a past target date', () => {
    const r = validateAction({ action: 'Refer', owner: 'agency', targetOn: '2026-03-01' }, today);
    assert.deepEqual(!r.ok && r.errors, { agencyName: 'Enter the name of the agency', targetOn: 'The target date must be today or in the future' });
    assert.equal(validateAction({ action: 'Refer', owner: 'person', targetOn: today }, today).ok, true);
  });

  it('rates every objective at a review, and the next review comes after it', () => {
    const r = validateReview({ reviewedOn: '2026-03-11', nextReviewOn: '2026-03-01', 'rating-1': 'good_progress' }, [1, 2], today, '2026-01-01');
    assert.deepEqual(!r.ok && Object.keys(r.errors).sort(), ['nextReviewOn', 'rating-2', 'reviewedOn']);
    const ok = validateReview({ reviewedOn: today, nextReviewOn: '2026-06-10', 'rating-1': 'achieved', 'progress-1': 'Housed' }, [1], today, '2026-01-01');
    assert.deepEqual(ok, { ok: true, value: { reviewedOn: today, nextReviewOn: '2026-06-10', summary: '', progress: [{ objectiveId: 1, rating: 'achieved', progress: 'Housed' }] } });
  });
});
