import { OGRS3_OFFENCE_CATEGORIES } from '../assessment/predictors/ogrs3.ts';
import { formatDate } from '../platform/views/render.ts';
import type { EventRow } from './repository.ts';
import { ENDINGS, SENTENCE_TYPES, supervisedToday } from './rules.ts';

const category = (code: string) => OGRS3_OFFENCE_CATEGORIES.find((c) => c.code === code)?.label ?? code;
const monthsText = (n: number | null) => (n === null ? '' : `${n} month${n === 1 ? '' : 's'}`);

/** One event as the Sentence tab shows it: offences, sentence, key dates and requirements, in words. */
export function presentEvent(event: EventRow, today: string) {
  const s = event.sentence;
  const active = s?.status === 'active';
  const rows: { key: { text: string }; value: { text: string } }[] = [];
  const add = (key: string, value: string) => value && rows.push({ key: { text: key }, value: { text: value } });
  add('Convicted', `${formatDate(event.conviction_date)} at ${event.court}`);
  if (s) {
    add('Sentence', SENTENCE_TYPES.find((t) => t.code === s.sentence_type)!.name);
    add('Sentenced', formatDate(s.sentenced_on));
    if (s.sentence_type === 'community_order') add('Length', monthsText(s.length_months));
    if (s.sentence_type === 'suspended_sentence_order') {
      add('Custodial term (suspended)', monthsText(s.custodial_term_months));
      add('Operational period', monthsText(s.length_months));
      add('Supervision period', monthsText(s.supervision_months) || 'The whole operational period');
    }
    if (s.sentence_type === 'custody') {
      add('Custodial term', monthsText(s.length_months));
      add('Release', formatDate(s.release_on));
      add('Licence ends', formatDate(s.licence_ends_on));
    }
    add('Expected end', formatDate(s.expected_end_on));
    if (!active) add('Ended', `${ENDINGS.find((e) => e.code === s.status)!.name} on ${formatDate(s.ended_on)}: ${s.end_reason ?? ''}`);
  }
  const supervised = s && active && supervisedToday({ ...s, requirementCount: event.requirements.length }, today);
  return {
    eventNumber: event.event_number,
    title: event.offences.find((o) => o.main)?.description ?? 'Conviction',
    status: !s ? { text: 'Awaiting sentence', classes: 'govuk-tag--yellow' }
      : active ? (supervised ? { text: 'Active', classes: 'govuk-tag--green' } : { text: 'Active, unsupervised', classes: 'govuk-tag--grey' })
      : { text: ENDINGS.find((e) => e.code === s.status)!.name, classes: 'govuk-tag--grey' },
    active,
    offences: event.offences.map((o) => [
      { text: o.main ? `${o.description} (main offence)` : o.description },
      { text: category(o.ogrs3_category) },
      { text: formatDate(o.offence_date) },
    ]),
    summary: rows,
    requirements: event.requirements.map((r) => [
      { text: r.name },
      { text: formatDate(r.expected_start_on) },
      { text: r.ended_on ? `Ended ${formatDate(r.ended_on)}` : formatDate(r.expected_end_on) },
    ]),
  };
}

/** Options for the reference-list selects and checkboxes, with what was chosen kept. */
export function presentConvictionForm(
  refs: { offences: { code: string; description: string; ogrs3_category: string }[]; requirementTypes: { code: string; name: string; description: string }[] },
  values: Record<string, unknown>,
) {
  const chosen = (name: string) => (Array.isArray(values[name]) ? (values[name] as string[]) : values[name] ? [String(values[name])] : []);
  const offenceItems = (selected: string | undefined) => [
    { value: '', text: 'Select an offence' },
    ...refs.offences.map((o) => ({ value: o.code, text: `${o.description} (${category(o.ogrs3_category)})`, selected: o.code === selected })),
  ];
  const additional = chosen('additionalOffences');
  return {
    mainOffence: offenceItems(values.mainOffence as string | undefined),
    additionalOffences: [offenceItems(additional[0]), offenceItems(additional[1])],
    sentenceTypes: SENTENCE_TYPES.map((t) => ({ value: t.code, text: t.name, checked: values.sentenceType === t.code })),
    requirementTypes: refs.requirementTypes.map((t) => ({ value: t.code, text: t.name, hint: { text: t.description }, checked: chosen('requirements').includes(t.code) })),
  };
}

export const endingItems = (values: Record<string, unknown> = {}) => ENDINGS.map((e) => ({ value: e.code, text: e.name, checked: values.status === e.code }));
