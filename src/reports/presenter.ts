/** What the report pages show, from rows: labels, tags, dates and the forecast beside each requirement. Pure. */
import { escapeHtml } from '../platform/views/escape.ts';
import { formatDate, formatDateTime } from '../platform/views/render.ts';
import type { Forecast } from '../sentencing/forecast/service.ts';
import { forecastKey, PROPOSED_SENTENCES, type ForecastSnapshot, type ProposalSnapshot, type References, type RiskSnapshot } from './content.ts';
import type { QueueRow, ReportDetail, ReportRow, VersionRow } from './repository.ts';
import { REPORT_TYPE_NAMES, STATUS_NAMES, type ReportStatus } from './status.ts';


const STATUS_TAGS: Record<ReportStatus, string> = {
  requested: 'govuk-tag--grey', assigned: 'govuk-tag--blue', in_progress: 'govuk-tag--light-blue', awaiting_countersignature: 'govuk-tag--purple',
  returned: 'govuk-tag--orange', complete: 'govuk-tag--green', cancelled: 'govuk-tag--grey',
};
export const statusTag = (status: ReportStatus) => ({ text: STATUS_NAMES[status], classes: STATUS_TAGS[status] });
const tagHtml = (tag: { text: string; classes: string }) => `<strong class="govuk-tag ${tag.classes}">${escapeHtml(tag.text)}</strong>`;

const open = (status: ReportStatus) => status !== 'complete' && status !== 'cancelled';
/** Overdue: still open after the day it was due. */
export const overdue = (status: ReportStatus, dueOn: string, today: string) => open(status) && dueOn < today;
const dueHtml = (status: ReportStatus, dueOn: string, today: string) =>
  `${escapeHtml(formatDate(dueOn))}${overdue(status, dueOn, today) ? ' <strong class="govuk-tag govuk-tag--red">Overdue</strong>' : ''}`;

export function presentVersions(versions: VersionRow[], crn: string, reportId: number) {
  return versions.map((v) => [
    { html: `<a class="govuk-link" href="/people/${crn}/reports/${reportId}/versions/${v.version}.pdf">Version ${v.version} (PDF)</a>` },
    { text: formatDateTime(v.submitted_at) },
    { text: v.countersigned_by_name ? `Countersigned by ${v.countersigned_by_name} on ${formatDate(v.countersigned_on)}` : `Submitted by ${v.submitted_by_name}` },
  ]);
}

/** The case's Reports tab: one row a report. */
export function presentCaseReports(reports: ReportRow[], crn: string, today: string) {
  return reports.map((r) => [
    { html: `<a class="govuk-link" href="/people/${crn}/reports/${r.id}">${escapeHtml(REPORT_TYPE_NAMES[r.report_type])}</a>` },
    { text: `Event ${r.event_number}` },
    { text: r.court },
    { text: formatDate(r.hearing_on) },
    { html: dueHtml(r.status, r.due_on, today) },
    { text: r.assigned_to_name ?? 'Unassigned' },
    { html: tagHtml(statusTag(r.status)) },
    { text: r.versions.length ? `${r.versions.length}` : 'None' },
  ]);
}

/** The queue: unassigned first, then by due date (the query's order); overdue marked red. */
export function presentQueue(rows: QueueRow[], today: string) {
  return rows.map((r) => [
    { html: r.viewable ? `<a class="govuk-link" href="/people/${r.crn}/reports/${r.id}">${escapeHtml(r.name ?? r.crn)}</a> <span class="govuk-hint govuk-!-display-inline">${r.crn}</span>` : `${r.crn} <strong class="govuk-tag govuk-tag--grey">Restricted</strong>` },
    { text: REPORT_TYPE_NAMES[r.report_type] },
    { text: r.viewable ? r.court : '' },
    { text: formatDate(r.hearing_on) },
    { html: dueHtml(r.status, r.due_on, today) },
    { text: r.assigned_to_name ?? 'Unassigned' },
    { html: tagHtml(statusTag(r.status)) },
  ]);
}

export function presentReportSummary(report: ReportDetail, today: string) {
  return [
    { key: { text: 'Status' }, value: { html: tagHtml(statusTag(report.status)) + (report.status_reason && (report.status === 'returned' || report.status === 'cancelled') ? `<p class="govuk-body govuk-!-margin-top-2">Reason: ${escapeHtml(report.status_reason)}</p>` : '') } },
    { key: { text: 'Type' }, value: { text: REPORT_TYPE_NAMES[report.report_type] } },
    { key: { text: 'Event' }, value: { text: `Event ${report.event_number}` } },
    { key: { text: 'Court' }, value: { text: report.court } },
    { key: { text: 'Hearing date' }, value: { text: formatDate(report.hearing_on) } },
    { key: { text: 'Due' }, value: { html: dueHtml(report.status, report.due_on, today) } },
    { key: { text: 'Notes from the court' }, value: { text: report.court_notes || 'None' } },
    { key: { text: 'Queue' }, value: { text: report.team_name } },
    { key: { text: 'Assigned to' }, value: { text: report.assigned_to_name ?? 'Not yet assigned' } },
    { key: { text: 'Requested' }, value: { text: `${formatDateTime(report.requested_at)} by ${report.requested_by_name}` } },
  ];
}

export const presentHistory = (report: ReportDetail) => report.history.map((h) => [
  { text: formatDateTime(h.at) }, { text: h.display_name ?? 'The service' },
  { text: h.from_status ? `${STATUS_NAMES[h.from_status as ReportStatus] ?? h.from_status} to ${STATUS_NAMES[h.to_status as ReportStatus] ?? h.to_status}` : STATUS_NAMES[h.to_status as ReportStatus] ?? h.to_status },
  { text: h.detail },
]);

/** The pulled risk as summary rows and a table: read-only, with where each figure came from. */
export function presentRisk(risk: RiskSnapshot) {
  return {
    rows: [
      { key: { text: 'RoSH (overall)' }, value: { text: risk.rosh ? `${risk.rosh.overall}, from RoSH assessment version ${risk.rosh.version} completed ${formatDate(risk.rosh.completedOn)}` : 'Not assessed' } },
      ...(risk.rosh?.groups ?? []).map((g) => ({ key: { text: g.label }, value: { text: g.level } })),
      { key: { text: 'Tier' }, value: { text: risk.tier ? `${risk.tier.tier}, calculated ${formatDate(risk.tier.calculatedOn)}` : 'Not yet calculated' } },
      { key: { text: 'Active risk flags' }, value: { text: risk.flags.length ? risk.flags.map((f) => (f.level ? `${f.name} (${f.level})` : f.name)).join('; ') : 'None' } },
    ],
    scores: risk.scores.map((s) => [{ text: s.name }, { text: s.score === null ? '-' : String(s.score) }, { text: `${s.oneYearPercent}%` }, { text: `${s.twoYearPercent}%` }, { text: s.band }, { text: formatDate(s.calculatedOn) }]),
    needs: risk.needs && {
      caption: `From needs assessment version ${risk.needs.version}, completed ${formatDate(risk.needs.completedOn)}`,
      rows: risk.needs.sections.map((s) => [{ text: s.label }, { text: `${s.score} of ${s.max}` }, { text: s.level }]),
    },
  };
}

function forecastHtml(f: ForecastSnapshot | undefined, pduName: string | null): string {
  if (!f) return pduName ? `No forecast for ${escapeHtml(pduName)} yet.` : 'The person\'s PDU is not known, so no forecast can be made.';
  if (!f.available) return `<strong class="govuk-tag govuk-tag--grey">Not available</strong> ${escapeHtml(f.explanation)}`;
  const start = f.earliestStartOn ? `Earliest start <strong>${escapeHtml(formatDate(f.earliestStartOn))}</strong>. ` : '';
  const limit = f.beyondLimit ? ` <strong class="govuk-tag govuk-tag--red">Beyond limit</strong> <span class="app-beyond-limit">${escapeHtml(f.limitExplanation ?? 'The start would be later than its limit')}</span>` : '';
  return `<strong class="govuk-tag govuk-tag--green">Available</strong> ${start}${escapeHtml(f.explanation)}${limit}`;
}

/** Each requirement as a checkbox, with whether the person's PDU delivers it and when it could start. */
export function requirementItems(refs: References, forecasts: ReadonlyMap<string, Forecast>, chosen: readonly string[], pduName: string | null) {
  return refs.requirementTypes.map((t) => ({
    value: t.code, text: t.name, checked: chosen.includes(t.code),
    hint: { html: t.code === 'accredited_programme' ? 'Choose the programme below: each has its own groups and start dates.' : forecastHtml(forecasts.get(t.code), pduName) },
  }));
}

export function programmeRows(refs: References, forecasts: ReadonlyMap<string, Forecast>, pduName: string | null) {
  return refs.programmes.map((p) => [{ text: p.name }, { html: forecastHtml(forecasts.get(forecastKey('accredited_programme', p.code)), pduName) }]);
}

export const sentenceItems = (chosen: unknown) => PROPOSED_SENTENCES.map((s) => ({ value: s.code, text: s.name, checked: chosen === s.code }));

/** A version's proposal as the report page shows it. */
export function presentProposal(p: ProposalSnapshot) {
  return {
    sentence: p.sentence,
    lengths: [p.lengthMonths !== null ? `${p.sentenceType === 'suspended_sentence_order' ? 'Operational period' : 'Length'}: ${p.lengthMonths} months` : '', p.custodialTermMonths !== null ? `Custodial term suspended: ${p.custodialTermMonths} months` : ''].filter(Boolean),
    requirements: p.requirements.map((r) => [
      { text: r.programme ? `${r.name}: ${r.programme.name}` : r.name },
      { html: r.forecast ? forecastHtml(r.forecast, p.pdu?.name ?? null) : 'No forecast was available' },
    ]),
  };
}
