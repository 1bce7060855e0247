import { OGRS3_OFFENCE_CATEGORIES } from '../assessment/predictors/ogrs3.ts';
import { formatDate } from '../platform/views/render.ts';
import type { Forecast } from './forecast/service.ts';
import type { EventRow, References } from './repository.ts';
import { describeRequirement, fieldsOf, requirementDates, type RequirementRule } from './requirements.ts';
import { ENDINGS, OUTCOMES, periodEnd, RELEASE_FRACTIONS, SENTENCE_TYPES, supervisedToday } from './rules.ts';

const category = (code: string) => OGRS3_OFFENCE_CATEGORIES.find((c) => c.code === code)?.label ?? code;
const monthsText = (n: number | null) => (n === null ? '' : `${n} month${n === 1 ? '' : 's'}`);
type Row = { key: { text: string }; value: { text: string } };

/** One event as the Sentence tab shows it: offences, the hearing's outcome, the sentence, key dates, requirements and licence, in words. */
export function presentEvent(event: EventRow, today: string) {
  const s = event.sentence;
  const active = s?.status === 'active';
  const rows: Row[] = [];
  const add = (key: string, value: string) => value && rows.push({ key: { text: key }, value: { text: value } });
  add('Convicted', `${formatDate(event.conviction_date)} at ${event.court}`);
  if (event.outcome !== 'sentenced') add('Outcome of that hearing', OUTCOMES.find((o) => o.code === event.outcome)?.name ?? event.outcome);
  if (!s && event.next_hearing_on) add('Next hearing', `${formatDate(event.next_hearing_on)}${event.next_hearing_on < today ? ' (passed: record the sentence)' : ''}`);
  const keyDates: Row[] = [];
  const date = (key: string, value: string | null | undefined, note = '') => value && keyDates.push({ key: { text: key }, value: { text: `${formatDate(value)}${note}` } });
  if (s) {
    add('Sentence', SENTENCE_TYPES.find((t) => t.code === s.sentence_type)!.name);
    if (s.sentence_type === 'community_order') add('Length', monthsText(s.length_months));
    if (s.sentence_type === 'suspended_sentence_order') {
      add('Custodial term (suspended)', monthsText(s.custodial_term_months));
      add('Operational period', monthsText(s.length_months));
      add('Supervision period', monthsText(s.supervision_months) || 'The whole operational period');
    }
    if (s.sentence_type === 'custody') {
      add('Custodial term', monthsText(s.length_months));
      const fraction = Number(s.release_fraction ?? 0.5);
      add('Release point', RELEASE_FRACTIONS.find((f) => Math.abs(f.value - fraction) < 0.001)?.name ?? `${Math.round(fraction * 100)}% of the term`);
    }
    if (!active) add('Ended', `${ENDINGS.find((e) => e.code === s.status)!.name} on ${formatDate(s.ended_on)}: ${s.end_reason ?? ''}`);
    date('Date of sentence', s.sentenced_on);
    if (s.sentence_type === 'custody') {
      date('Conditional release date (computed)', s.conditional_release_on);
      date('Release', s.release_on, s.release_on === s.conditional_release_on ? ' (the computed date)' : ' (from the prison\'s calculation)');
      date('Licence ends', s.licence_ends_on);
      date('Top-up supervision ends', s.top_up_ends_on, ' (12 months after release)');
      date('Sentence expiry', s.expected_end_on);
    } else date('Expected end', s.expected_end_on);
    if (s.sentence_type === 'suspended_sentence_order' && event.requirements.length) {
      date('Requirements to be done by', event.requirements.map((r) => r.expected_end_on).sort().pop());
    }
  }
  const supervised = s && active && supervisedToday({ ...s, requirementCount: event.requirements.length }, today);
  return {
    eventNumber: event.event_number,
    title: event.offences.find((o) => o.main)?.description ?? 'Conviction',
    status: !s ? { text: event.outcome === 'adjourned_for_report' ? 'Awaiting sentence: report requested' : 'Awaiting sentence', classes: 'govuk-tag--yellow' }
      : active ? (supervised ? { text: 'Active', classes: 'govuk-tag--green' } : { text: 'Active, unsupervised', classes: 'govuk-tag--grey' })
      : { text: ENDINGS.find((e) => e.code === s.status)!.name, classes: 'govuk-tag--grey' },
    active,
    awaiting: !s,
    offences: event.offences.map((o) => [
      { text: o.main ? `${o.description} (main offence)` : o.description },
      { text: category(o.ogrs3_category) },
      { text: formatDate(o.offence_date) },
    ]),
    summary: rows,
    keyDates,
    requirements: event.requirements.map((r) => [
      { text: r.name },
      { text: [describeRequirement({ code: r.requirement_type, unit: r.unit }, { units: r.units, details: r.details, programmeName: r.programme_name }), requirementNote(r, s)].filter(Boolean).join('. ') },
      { text: formatDate(r.expected_start_on) },
      { text: r.ended_on ? `Ended ${formatDate(r.ended_on)}` : formatDate(r.expected_end_on) },
    ]),
    licenceConditions: event.licenceConditions.map((c) => ({ text: c.detail ? `${c.name}: ${c.detail}` : c.name, standard: c.standard })),
  };
}

/** Why a requirement's end is the order's end rather than its own (unpaid work in an order shorter than 12 months). */
function requirementNote(r: EventRow['requirements'][number], s: EventRow['sentence']) {
  if (!s || r.ended_on) return null;
  const orderEnd = s.supervision_months ? periodEnd(s.sentenced_on, s.supervision_months) : s.expected_end_on;
  return requirementDates({ code: r.requirement_type, unit: r.unit, complete_within_months: r.complete_within_months, name: r.name }, r, r.expected_start_on, orderEnd).note;
}

/** Where the case stands, for the Sentence tab and the case header. */
export function presentStanding(standing: { active: number; awaiting: number; sentences: number }) {
  if (standing.active) return { text: 'Under an active sentence', classes: 'govuk-tag--green', active: true };
  if (standing.awaiting) return { text: 'Awaiting sentence', classes: 'govuk-tag--yellow', active: false };
  if (standing.sentences) return { text: 'No active sentence', classes: 'govuk-tag--grey', active: false };
  return { text: 'No sentence recorded', classes: 'govuk-tag--grey', active: false };
}

type Values = Record<string, unknown>;
const chosenIn = (values: Values, name: string) => (Array.isArray(values[name]) ? (values[name] as unknown[]).map(String) : values[name] ? [String(values[name])] : []);
const str = (value: unknown) => (Array.isArray(value) ? String(value[0] ?? '') : value === undefined || value === null ? '' : String(value));

/** What the sentence form says about a forecast: the date and its explanation, in red beyond its limit. */
export function presentForecast(forecast: Forecast | undefined, pdu: { code: string; name: string } | null) {
  if (!pdu) return { text: 'The case is not allocated to a team, so no start date can be forecast.', warning: false, limit: null };
  if (!forecast) return { text: `No start-date forecast is held for this requirement at ${pdu.name}.`, warning: false, limit: null };
  if (!forecast.available || !forecast.earliestStartOn) return { text: `Not available at ${pdu.name}. ${forecast.explanation}`.trim(), warning: true, limit: forecast.limitExplanation };
  return {
    text: `Earliest start ${formatDate(forecast.earliestStartOn)}. ${forecast.explanation}`.trim(),
    warning: forecast.beyondLimit,
    limit: forecast.beyondLimit ? forecast.limitExplanation : null,
  };
}

const UNIT_HINT = (rule: RequirementRule) => {
  const range = `${rule.min_units ?? 1} to ${rule.max_units ?? ''} ${rule.unit}`;
  if (rule.complete_within_months) return `${range}, to be worked within ${rule.complete_within_months} months (by the order's end if it is shorter: hours not worked go back to court)`;
  if (rule.code === 'rehabilitation_activity') return `The most days of activities the responsible officer may direct: ${range}`;
  if (rule.code === 'accredited_programme') return `Sessions the person must attend: ${range}`;
  if (rule.code === 'alcohol_abstinence') return `${range}, monitored by a tag, within the order`;
  return range;
};

/**
 * The sentence part of a form: sentence types, release fractions, each requirement type with its own
 * detail fields and start-date forecast, and the licence conditions, with what was typed kept.
 */
export function presentSentenceForm(refs: References, values: Values, errors: Record<string, string> | undefined, forecasts: Map<string, Forecast>, pdu: { code: string; name: string } | null) {
  const requirements = chosenIn(values, 'requirements');
  const error = (name: string) => (errors?.[name] ? { text: errors[name] } : undefined);
  const input = (id: string, label: string, hint: string, width = 'govuk-input--width-4', numeric = true) => ({
    kind: 'input', id, name: id, label, hint, value: str(values[id]), classes: width, inputmode: numeric ? 'numeric' : undefined, errorMessage: error(id),
  });
  const radios = (id: string, legend: string, items: { value: string; text: string }[], fallback?: string) => ({
    kind: 'radios', id, name: id, legend, errorMessage: error(id),
    items: items.map((item) => ({ ...item, checked: (str(values[id]) || fallback) === item.value })),
  });
  const requirementBlocks = refs.requirementTypes.map((rule) => {
    const c = rule.code;
    const field = (name: string) => {
      const id = `${c}-${name}`;
      switch (name) {
        case 'hours': case 'days': case 'sessions': return input(id, `Number of ${name}`, UNIT_HINT(rule));
        case 'programme': return {
          kind: 'select', id, name: id, label: 'Programme', errorMessage: error(id),
          items: [{ value: '', text: 'Select a programme' }, ...refs.programmes.map((p) => ({ value: p.code, text: `${p.name} (typically ${p.sessions_typical} sessions over ${p.weeks_typical} weeks)`, selected: str(values[id]) === p.code }))],
        };
        case 'months': return input(id, c === 'curfew' ? 'Curfew period in months' : c === 'exclusion' ? 'Exclusion period in months' : 'Treatment period in months',
          rule.max_months ? `Up to ${rule.max_months} months, and not beyond the order` : 'Within the order');
        case 'residential': return radios(id, 'Treatment', [{ value: 'non_residential', text: 'Non-residential' }, { value: 'residential', text: 'Residential' }]);
        case 'testsPerMonth': return input(id, 'Minimum drug tests a month', 'The court sets the minimum number of occasions a month a sample is given');
        case 'consent': return {
          kind: 'checkbox', id, name: id, errorMessage: error(id),
          items: [{ value: 'yes', text: 'The person has expressed willingness to comply (consent)', hint: { text: 'The court cannot make this requirement without it' }, checked: str(values[id]) === 'yes' }],
        };
        case 'hoursPerDay': return input(id, 'Hours a day', `${rule.min_hours_per_day} to ${rule.max_hours_per_day} hours a day, at most ${rule.max_hours_per_week} hours in any week`);
        case 'daysPerWeek': return input(id, 'Days a week', '1 to 7');
        case 'place': return input(id, c === 'curfew' ? 'Curfew address' : 'Place or area excluded from', '', 'govuk-!-width-two-thirds', false);
        case 'address': return input(id, 'Address where the person must live', '', 'govuk-!-width-two-thirds', false);
        case 'activity': return input(id, 'Activity prohibited', '', 'govuk-!-width-two-thirds', false);
        case 'electronicMonitoring': return radios(id, 'Electronically monitored?', [{ value: 'yes', text: 'Yes' }, { value: 'no', text: 'No' }], rule.monitoring === 'default' ? 'yes' : undefined);
        case 'monitoringReason': return input(id, 'If not monitored, why not', rule.monitoring === 'default' ? 'Monitoring is the default: the court must give a reason not to impose it' : '', 'govuk-!-width-two-thirds', false);
        default: return input(id, name, '');
      }
    };
    const programmeForecasts = c === 'accredited_programme'
      ? refs.programmes.map((p) => ({ name: p.name, ...presentForecast(forecasts.get(`accredited_programme:${p.code}`), pdu) }))
      : [];
    return {
      code: c,
      checkbox: [{ value: c, text: rule.name, hint: { text: rule.description }, checked: requirements.includes(c), id: `requirements-${c}` }],
      fields: fieldsOf(rule).map(field),
      forecast: c === 'accredited_programme' ? null : presentForecast(forecasts.get(c), pdu),
      programmeForecasts,
    };
  });
  const conditions = chosenIn(values, 'licenceConditions');
  return {
    sentenceTypes: SENTENCE_TYPES.map((t) => ({ value: t.code, text: t.name, checked: values.sentenceType === t.code })),
    releaseFractions: RELEASE_FRACTIONS.map((f) => ({ value: String(Number(f.value.toFixed(3))), text: f.name, checked: str(values.releaseFraction) ? Math.abs(Number(str(values.releaseFraction)) - f.value) < 0.001 : f.value === 0.5 })),
    requirements: requirementBlocks,
    standardConditions: refs.licenceConditionTypes.filter((c) => c.standard).map((c) => c.name),
    additionalConditions: refs.licenceConditionTypes.filter((c) => !c.standard).map((c) => ({
      code: c.code,
      checkbox: [{ value: c.code, text: c.name, checked: conditions.includes(c.code), id: `licenceConditions-${c.code}` }],
      detail: c.detail_label ? input(`licence-${c.code}`, c.detail_label, '', 'govuk-!-width-two-thirds', false) : null,
    })),
  };
}

/** The conviction part of the form: offences and the hearing's outcome. */
export function presentConvictionForm(refs: References, values: Values) {
  const offenceItems = (selected: string | undefined) => [
    { value: '', text: 'Select an offence' },
    ...refs.offences.map((o) => ({ value: o.code, text: `${o.description} (${category(o.ogrs3_category)})`, selected: o.code === selected })),
  ];
  const additional = chosenIn(values, 'additionalOffences');
  const outcome = str(values.outcome) || (values.sentenceType ? 'sentenced' : '');
  return {
    mainOffence: offenceItems(values.mainOffence as string | undefined),
    additionalOffences: [offenceItems(additional[0]), offenceItems(additional[1])],
    outcomes: OUTCOMES.map((o) => ({ value: o.code, text: o.name, hint: { text: o.hint }, checked: outcome === o.code })),
  };
}

export const endingItems = (values: Record<string, unknown> = {}) => ENDINGS.map((e) => ({ value: e.code, text: e.name, checked: values.status === e.code }));
