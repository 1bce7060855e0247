/** Rows and forecasts as the managers' pages show them. */
import { formatDate } from '../../platform/views/render.ts';
import { WEEKDAYS } from './forms.ts';
import type { PduFacts } from './repository.ts';
import type { Forecast } from './service.ts';
import type { DeliveryModel } from './tables.ts';

export const MODEL_NAMES: Record<DeliveryModel, string> = {
  weekly_slots: 'Weekly places',
  groups: 'Groups',
  provider_places: 'Provider places',
  immediate: 'No queue',
};

type CapacityRow = PduFacts['capacity'][number];
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "20 places each Tuesday", "3 groups to come", "30 places, 26 weeks each", "Starts within 3 days". */
export function capacitySummary(model: DeliveryModel, row: CapacityRow | undefined, groups: number): string {
  if (!row) return 'Not delivered';
  const by = row.provider ? ` (${row.provider})` : '';
  switch (model) {
    case 'weekly_slots': return `${plural(row.places ?? 0, 'place')} each ${WEEKDAYS[(row.weekday ?? 1) - 1]}${by}`;
    case 'provider_places': return `${plural(row.places ?? 0, 'place')} at once, ${plural(row.length_weeks ?? 0, 'week')} each${by}`;
    case 'groups': return groups ? `${plural(groups, 'group')} to come` : 'No group scheduled';
    case 'immediate': return `${row.lead_days === 0 ? 'Starts on the day of the order' : `Starts within ${plural(row.lead_days, 'day')}`}${by}`;
  }
}

/** The tag beside a forecast: red beyond its limit, grey when no date can be given. */
export function forecastTag(f: Forecast) {
  if (!f.available) return { text: f.status === 'not_delivered' ? 'Not delivered' : 'Not available', classes: 'govuk-tag--grey' };
  if (f.beyondLimit) return { text: 'Beyond limit', classes: 'govuk-tag--red' };
  return { text: 'Within limit', classes: 'govuk-tag--green' };
}

export function overviewRow(f: Forecast, row: CapacityRow | undefined, groups: number, pduCode: string) {
  return {
    key: f.key,
    name: f.requirementName,
    programme: !!f.programmeCode,
    model: f.deliveryModel ? MODEL_NAMES[f.deliveryModel] : '',
    capacity: capacitySummary(f.deliveryModel ?? 'immediate', row, groups),
    waiting: f.deliveryModel === 'immediate' ? 'No queue' : String(f.waiting),
    earliest: f.earliestStartOn ? formatDate(f.earliestStartOn) : 'No date',
    tag: forecastTag(f),
    href: `/delivery/${pduCode}/${f.key}`,
  };
}
