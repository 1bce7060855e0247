/**
 * What other areas ask of the start-date forecast: the earliest start of each requirement type at a
 * PDU, with its explanation, and joining or leaving the queue when an order is made or ends.
 * CONTRACT: signatures here are what the sentence form and the pre-sentence report call.
 * Keys are requirement type codes, except accredited programmes: 'accredited_programme:<CODE>'
 * (and 'accredited_programme' alone, when asked for, is the soonest of the programmes).
 */
import type { Db } from '../../database.ts';
import { forecast, soonestOf, type ForecastInput, type ForecastResult } from './forecast.ts';
import { deliveryReference, insertQueueRows, leaveForSentence, pduById, pduFacts, pduOfPerson, PROGRAMME, type DeliveryReference, type PduFacts } from './repository.ts';
import type { DeliveryModel } from './tables.ts';

/** A forecast as other areas read it: the pure result (see forecast.ts) with what it is for. */
export interface Forecast extends Omit<ForecastResult, 'group'> {
  /** The map's key: the type code, or 'accredited_programme:<CODE>'. */
  key: string;
  requirementType: string;
  /** The programme's code for a programme key, else null. */
  programmeCode: string | null;
  requirementName: string;
  pduCode: string;
  deliveryModel: DeliveryModel | null;
}

/** The PDU whose capacity applies to a person: their case's current team's PDU, else null. */
export async function pduForPerson(db: Db, personId: number): Promise<{ id: number; code: string; name: string } | null> {
  return (await pduOfPerson(db, personId)) ?? null;
}

/** Every key the forecast knows: each requirement type (programmes one by one). */
export function forecastKeys(ref: DeliveryReference): string[] {
  return ref.types.flatMap((t) => (t.requirement_type === PROGRAMME ? ref.programmes.map((p) => `${PROGRAMME}:${p.code}`) : [t.requirement_type]));
}

/** The pure forecast's input for a key, from what the PDU records; undefined for a key that does not exist. */
export function inputFor(key: string, ref: DeliveryReference, facts: PduFacts, pduName: string, today: string): ForecastInput | undefined {
  const [type, programme = null] = key.split(':') as [string, string?];
  const rule = ref.types.find((t) => t.requirement_type === type);
  if (!rule || (type === PROGRAMME) !== (programme !== null)) return undefined;
  const programmeName = programme ? ref.programmes.find((p) => p.code === programme)?.name : undefined;
  if (programme && !programmeName) return undefined;
  const row = facts.capacity.find((c) => c.requirement_type === type && c.programme_code === programme);
  return {
    key, pduName, today, model: rule.delivery_model,
    name: programmeName ?? rule.name.charAt(0).toLowerCase() + rule.name.slice(1),
    limit: rule.start_limit_days && rule.start_limit_reason ? { days: rule.start_limit_days, workingDays: rule.start_limit_working_days, reason: rule.start_limit_reason } : null,
    capacity: row ? { places: row.places, weekday: row.weekday, lengthWeeks: row.length_weeks, leadDays: row.lead_days, provider: row.provider } : null,
    groups: row ? facts.groups.filter((g) => g.capacity_id === row.id).map((g) => ({ startsOn: g.starts_on, places: g.places })) : [],
    inTreatment: facts.inTreatment.filter((q) => q.requirement_type === type).map((q) => q.started_on),
    waiting: rule.delivery_model === 'immediate' ? 0
      : facts.waiting.filter((w) => w.requirement_type === type && w.programme_code === programme).reduce((n, w) => n + w.n, 0),
  };
}

export function toForecast(key: string, result: ForecastResult, ref: DeliveryReference, pduCode: string): Forecast {
  const [type, programme = null] = key.split(':') as [string, string?];
  const rule = ref.types.find((t) => t.requirement_type === type);
  const name = programme ? ref.programmes.find((p) => p.code === programme)?.name ?? programme : rule?.name ?? type;
  const { group: _group, ...rest } = result;
  return { ...rest, key, requirementType: type, programmeCode: programme, requirementName: name, pduCode, deliveryModel: rule?.delivery_model ?? null };
}

/** Forecasts for requirement types at a PDU as of `today` (all keys when `types` is omitted; unknown keys are left out). */
export async function forecastsAt(db: Db, pduId: number, today: string, types?: readonly string[]): Promise<Map<string, Forecast>> {
  const pdu = await pduById(db, pduId);
  if (!pdu) return new Map();
  const [ref, facts] = await Promise.all([deliveryReference(db), pduFacts(db, pduId, today)]);
  const wanted = types ?? forecastKeys(ref);
  const result = new Map<string, Forecast>();
  for (const key of wanted) {
    if (key === PROGRAMME) {
      const each = forecastKeys(ref).filter((k) => k.startsWith(`${PROGRAMME}:`)).flatMap((k) => {
        const input = inputFor(k, ref, facts, pdu.name, today);
        return input ? [{ ...forecast(input), name: input.name }] : [];
      });
      const { name: _name, ...soonest } = soonestOf(each, pdu.name);
      result.set(key, toForecast(key, soonest, ref, pdu.code));
      continue;
    }
    const input = inputFor(key, ref, facts, pdu.name, today);
    if (input) result.set(key, toForecast(key, forecast(input), ref, pdu.code));
  }
  return result;
}

/**
 * A made order's requirements join their PDU's queues (call inside the transaction that records the
 * sentence). Requirements delivered without a queue (curfew, RAR's first appointment...) do not join.
 */
export async function joinQueues(db: Db, items: readonly { personId: number; requirementId: number; requirementType: string; programme: string | null; pduId: number; joinedOn: string }[]): Promise<void> {
  if (!items.length) return;
  const queued = new Set((await db.selectFrom('requirement_delivery_rules').select('requirement_type').where('delivery_model', '<>', 'immediate').execute()).map((r) => r.requirement_type));
  await insertQueueRows(db, items.filter((item) => queued.has(item.requirementType))
    .map((item) => ({ ...item, programme: item.requirementType === PROGRAMME ? item.programme : null })));
}

/** The requirements of an ended sentence leave any queue they are still in (a treatment under way frees its place). */
export async function leaveQueuesForSentence(db: Db, sentenceId: number, reason: string, on: string): Promise<void> {
  await leaveForSentence(db, sentenceId, reason, on);
}
