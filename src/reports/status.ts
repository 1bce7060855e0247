/**
 * A pre-sentence report's life as a state machine, pure: which action may happen in which status, and
 * the status it leads to. Who may take an action (the assignee writes; a senior officer who is not the
 * author countersigns) is `mayAct`, also pure, so the pages and the API refuse the same things.
 *
 *   requested --assign--> assigned --save--> in_progress --submit--> awaiting_countersignature --countersign--> complete
 *                                                  ^                         |
 *                                                  +--save/submit-- returned <--return (with a reason)
 * An oral report needs no countersignature: submitting it completes it. Any open report can be
 * cancelled with a reason (the court no longer needs it); complete and cancelled are final.
 */
export type ReportStatus = 'requested' | 'assigned' | 'in_progress' | 'awaiting_countersignature' | 'returned' | 'complete' | 'cancelled';
export type ReportType = 'oral' | 'short' | 'standard';
export type ReportAction = 'assign' | 'save' | 'submit' | 'countersign' | 'return' | 'cancel';

export const REPORT_STATUSES: readonly ReportStatus[] = ['requested', 'assigned', 'in_progress', 'awaiting_countersignature', 'returned', 'complete', 'cancelled'];
export const REPORT_ACTIONS: readonly ReportAction[] = ['assign', 'save', 'submit', 'countersign', 'return', 'cancel'];

export const STATUS_NAMES: Record<ReportStatus, string> = {
  requested: 'Requested', assigned: 'Assigned', in_progress: 'In progress', awaiting_countersignature: 'Awaiting countersignature',
  returned: 'Returned for changes', complete: 'Ready for court', cancelled: 'Cancelled',
};
export const REPORT_TYPES: readonly { code: ReportType; name: string; hint: string }[] = [
  { code: 'oral', name: 'Oral report', hint: 'Given to the court on the day; no countersignature' },
  { code: 'short', name: 'Short format report (fast delivery)', hint: 'Written within days; countersigned' },
  { code: 'standard', name: 'Standard report', hint: 'The full report, usually within 15 working days; countersigned' },
];
export const REPORT_TYPE_NAMES = Object.fromEntries(REPORT_TYPES.map((t) => [t.code, t.name])) as Record<ReportType, string>;

/** Oral reports are given in court; written ones need a senior officer's countersignature. */
export const needsCountersignature = (type: ReportType) => type !== 'oral';

const WRITABLE: readonly ReportStatus[] = ['assigned', 'in_progress', 'returned'];

export type Transition = { ok: true; to: ReportStatus } | { ok: false; message: string };

/** The status an action leads to from `from`, or why it is not allowed now. */
export function transition(from: ReportStatus, action: ReportAction, type: ReportType): Transition {
  const refuse = (message: string): Transition => ({ ok: false, message });
  if (from === 'complete') return refuse('The report is complete and ready for court: it cannot be changed.');
  if (from === 'cancelled') return refuse('The report was cancelled: it cannot be changed.');
  switch (action) {
    case 'assign':
      if (from === 'awaiting_countersignature') return refuse('The report is awaiting countersignature: return it before assigning it to someone else.');
      return { ok: true, to: from === 'requested' ? 'assigned' : from };
    case 'save':
      if (from === 'requested') return refuse('Assign the report to an officer before writing it.');
      if (from === 'awaiting_countersignature') return refuse('The report is awaiting countersignature: it can be edited again only if it is returned.');
      return { ok: true, to: 'in_progress' };
    case 'submit':
      if (!WRITABLE.includes(from)) return refuse(from === 'requested' ? 'Assign the report to an officer before writing it.' : 'The report has already been submitted for countersignature.');
      return { ok: true, to: needsCountersignature(type) ? 'awaiting_countersignature' : 'complete' };
    case 'countersign':
    case 'return':
      if (from !== 'awaiting_countersignature') return refuse('Only a report awaiting countersignature can be countersigned or returned.');
      return { ok: true, to: action === 'countersign' ? 'complete' : 'returned' };
    case 'cancel':
      return { ok: true, to: 'cancelled' };
  }
}

export interface Actor { id: number; teamId: number | null; canWrite: boolean; canCountersign: boolean }
export interface ReportParties { teamId: number; assignedTo: number | null; /** who wrote the version awaiting countersignature */ authorId: number | null }

/** Whether this user may take the action on this report, whatever its status (transition says when). */
export function mayAct(actor: Actor, report: ReportParties, action: ReportAction): { ok: true } | { ok: false; message: string } {
  const refuse = (message: string) => ({ ok: false as const, message });
  const inTeam = actor.teamId !== null && actor.teamId === report.teamId;
  switch (action) {
    case 'assign':
    case 'cancel':
      if (!actor.canWrite || !inTeam) return refuse('Only the court team whose queue the report is in can assign or cancel it.');
      return { ok: true };
    case 'save':
    case 'submit':
      if (!actor.canWrite || actor.id !== report.assignedTo) return refuse('Only the officer the report is assigned to can write or submit it.');
      return { ok: true };
    case 'countersign':
    case 'return':
      if (!actor.canCountersign) return refuse('Only a senior probation officer can countersign a report.');
      if (actor.id === report.authorId) return refuse('You wrote this report: another senior officer must countersign it.');
      return { ok: true };
  }
}
