import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mayAct, REPORT_ACTIONS, REPORT_STATUSES, transition, type ReportAction, type ReportStatus } from './status.ts';

/** Every status × action, for a written (countersigned) report: the status it leads to, or '-' when refused. */
const WRITTEN: Record<ReportStatus, Record<ReportAction, ReportStatus | '-'>> = {
  requested: { assign: 'assigned', save: '-', submit: '-', countersign: '-', return: '-', cancel: 'cancelled' },
  assigned: { assign: 'assigned', save: 'in_progress', submit: 'awaiting_countersignature', countersign: '-', return: '-', cancel: 'cancelled' },
  in_progress: { assign: 'in_progress', save: 'in_progress', submit: 'awaiting_countersignature', countersign: '-', return: '-', cancel: 'cancelled' },
  awaiting_countersignature: { assign: '-', save: '-', submit: '-', countersign: 'complete', return: 'returned', cancel: 'cancelled' },
  returned: { assign: 'returned', save: 'in_progress', submit: 'awaiting_countersignature', countersign: '-', return: '-', cancel: 'cancelled' },
  complete: { assign: '-', save: '-', submit: '-', countersign: '-', return: '-', cancel: '-' },
  cancelled: { assign: '-', save: '-', submit: '-', countersign: '-', return: '-', cancel: '-' },
};

describe('report status transitions', () => {
  for (const type of ['standard', 'short'] as const) {
    for (const from of REPORT_STATUSES) {
      for (const action of REPORT_ACTIONS) {
        const expected = WRITTEN[from][action];
        it(`${type}: ${action} from ${from} ${expected === '-' ? 'is refused' : `leads to ${expected}`}`, () => {
          const result = transition(from, action, type);
          if (expected === '-') {
            assert.equal(result.ok, false);
            assert.ok(!result.ok && result.message.length > 10, 'says why');
          } else assert.deepEqual(result, { ok: true, to: expected });
        });
      }
    }
  }

  it('an oral report is complete when submitted: it needs no countersignature', () => {
    for (const from of ['assigned', 'in_progress', 'returned'] as const) assert.deepEqual(transition(from, 'submit', 'oral'), { ok: true, to: 'complete' });
  });

  it('explains the refusals in words', () => {
    const refused = (from: ReportStatus, action: ReportAction) => {
      const result = transition(from, action, 'standard');
      return result.ok ? '' : result.message;
    };
    assert.match(refused('requested', 'save'), /Assign the report/);
    assert.match(refused('complete', 'save'), /ready for court/);
    assert.match(refused('awaiting_countersignature', 'save'), /returned/);
    assert.match(refused('in_progress', 'countersign'), /awaiting countersignature/);
  });
});

describe('who may act on a report', () => {
  const report = { teamId: 7, assignedTo: 10, authorId: 10 };
  const officer = { id: 10, teamId: 7, canWrite: true, canCountersign: false };
  const colleague = { id: 11, teamId: 7, canWrite: true, canCountersign: false };
  const spo = { id: 12, teamId: 7, canWrite: true, canCountersign: true };
  const outsider = { id: 13, teamId: 8, canWrite: true, canCountersign: false };
  const reader = { id: 14, teamId: 7, canWrite: false, canCountersign: false };

  it('the court team assigns and cancels; others do not', () => {
    for (const who of [officer, colleague, spo]) assert.ok(mayAct(who, report, 'assign').ok);
    for (const who of [outsider, reader]) assert.equal(mayAct(who, report, 'assign').ok, false);
    assert.equal(mayAct(outsider, report, 'cancel').ok, false);
  });

  it('only the assignee writes and submits', () => {
    assert.ok(mayAct(officer, report, 'save').ok);
    assert.ok(mayAct(officer, report, 'submit').ok);
    for (const who of [colleague, spo, outsider, reader]) assert.equal(mayAct(who, report, 'save').ok, false);
  });

  it('a senior officer countersigns or returns, but never their own report', () => {
    assert.ok(mayAct(spo, report, 'countersign').ok);
    assert.ok(mayAct(spo, report, 'return').ok);
    assert.equal(mayAct(officer, report, 'countersign').ok, false);
    const own = mayAct(spo, { ...report, assignedTo: 12, authorId: 12 }, 'countersign');
    assert.equal(own.ok, false);
    assert.match(!own.ok ? own.message : '', /another senior officer/);
  });
});
