/**
 * Demonstration capacity for both demo PDUs and queues from the demo's recent orders. Newcastle is well
 * supplied; Durham is stretched (two unpaid work inductions a week, few treatment places, no mental
 * health treatment, a six-weekly Thinking Skills group), so its long queues cross their limits and show red.
 */
import type { Db } from '../../database.ts';
import { inBatches } from '../../platform/db/batches.ts';
import { addDays } from '../../platform/http/dates.ts';
import { nextWeekday } from './forecast.ts';
import { PROGRAMME } from './repository.ts';

type Capacity = { type: string; programme?: string; provider?: string; weekday?: number; places?: number; lengthWeeks?: number; leadDays: number; groups?: { every: number; places: number; count: number } };

const IMMEDIATE: Capacity[] = [
  { type: 'rehabilitation_activity', leadDays: 3 },
  { type: 'curfew', provider: 'Electronic Monitoring Service', leadDays: 1 },
  { type: 'exclusion', provider: 'Electronic Monitoring Service', leadDays: 1 },
  { type: 'residence', leadDays: 0 },
  { type: 'prohibited_activity', leadDays: 0 },
  { type: 'alcohol_abstinence', provider: 'Electronic Monitoring Service', leadDays: 2 },
];
const CAPACITY: Record<string, Capacity[]> = {
  'NE-NCL': [
    ...IMMEDIATE,
    { type: 'unpaid_work', provider: 'Community Payback Newcastle', weekday: 2, places: 20, leadDays: 2 },
    { type: 'attendance_centre', provider: 'Newcastle Attendance Centre', weekday: 6, places: 10, leadDays: 5 },
    { type: 'drug_rehabilitation', provider: 'Humankind', places: 30, lengthWeeks: 26, leadDays: 7 },
    { type: 'alcohol_treatment', provider: 'Change Grow Live', places: 20, lengthWeeks: 12, leadDays: 7 },
    { type: 'mental_health_treatment', provider: 'Cumbria, Northumberland, Tyne and Wear NHS Foundation Trust', places: 8, lengthWeeks: 12, leadDays: 14 },
    { type: PROGRAMME, programme: 'TSP', leadDays: 7, groups: { every: 4, places: 8, count: 5 } },
    { type: PROGRAMME, programme: 'BBR', leadDays: 14, groups: { every: 6, places: 10, count: 4 } },
    { type: PROGRAMME, programme: 'RESOLVE', leadDays: 14, groups: { every: 8, places: 8, count: 3 } },
    { type: PROGRAMME, programme: 'HORIZON', leadDays: 21, groups: { every: 10, places: 6, count: 2 } },
    { type: PROGRAMME, programme: 'NEW_ME', leadDays: 14, groups: { every: 12, places: 6, count: 2 } },
    { type: PROGRAMME, programme: 'KAIZEN', leadDays: 28 }, // delivered, but no group scheduled yet
  ],
  'NE-DUR': [
    ...IMMEDIATE,
    { type: 'unpaid_work', provider: 'Community Payback Durham', weekday: 3, places: 2, leadDays: 2 },
    { type: 'drug_rehabilitation', provider: 'Humankind', places: 4, lengthWeeks: 26, leadDays: 7 },
    { type: 'alcohol_treatment', provider: 'Humankind', places: 6, lengthWeeks: 12, leadDays: 7 },
    { type: 'mental_health_treatment', provider: 'Tees, Esk and Wear Valleys NHS Foundation Trust', places: 0, lengthWeeks: 12, leadDays: 14 },
    { type: PROGRAMME, programme: 'TSP', leadDays: 7, groups: { every: 6, places: 4, count: 3 } },
    { type: PROGRAMME, programme: 'BBR', leadDays: 14, groups: { every: 8, places: 8, count: 3 } },
    { type: PROGRAMME, programme: 'RESOLVE', leadDays: 14, groups: { every: 12, places: 6, count: 2 } },
  ],
};
const PICK_PROGRAMME = ['TSP', 'BBR', 'RESOLVE', 'TSP'];
/** Orders made in the last 8 weeks wait; older treatment orders (within a treatment's length) are under way. */
const WAITING_DAYS = 56;

export async function seedForecastDemo(db: Db, today: string): Promise<void> {
  const pdus = await db.selectFrom('pdus').select(['id', 'code']).where('code', 'in', Object.keys(CAPACITY)).execute();
  for (const pdu of pdus) {
    const rows = CAPACITY[pdu.code]!;
    const saved = await db.insertInto('delivery_capacity').values(rows.map((c) => ({
      pdu_id: pdu.id, requirement_type: c.type, programme_code: c.programme ?? null, provider: c.provider ?? null,
      weekday: c.weekday ?? null, places: c.places ?? null, length_weeks: c.lengthWeeks ?? null, lead_days: c.leadDays,
    }))).returning(['id', 'requirement_type', 'programme_code']).execute();
    const groups = rows.flatMap((c) => {
      if (!c.groups) return [];
      const id = saved.find((s) => s.requirement_type === c.type && s.programme_code === (c.programme ?? null))!.id;
      // One group already under way, then groups every few weeks, each on a Monday.
      const first = nextWeekday(addDays(today, 10), 1);
      return [-1, ...Array.from({ length: c.groups.count }, (_, i) => i)].map((i) => ({
        capacity_id: id, starts_on: i < 0 ? nextWeekday(addDays(today, -20), 1) : addDays(first, 7 * c.groups!.every * i), places: c.groups!.places,
      }));
    });
    if (groups.length) await db.insertInto('programme_groups').values(groups).execute();
  }

  // Queues from the demo's active requirements, by the PDU of each case's team.
  const delivered = new Map(pdus.map((p) => [p.id, new Set(CAPACITY[p.code]!.filter((c) => c.programme).map((c) => c.programme!))]));
  const requirements = await db.selectFrom('requirements as r')
    .innerJoin('sentences as s', 's.id', 'r.sentence_id')
    .innerJoin('requirement_delivery_rules as d', 'd.requirement_type', 'r.requirement_type')
    .innerJoin('case_allocations as a', (join) => join.onRef('a.person_id', '=', 'r.person_id').on('a.ended_at', 'is', null))
    .innerJoin('teams as t', 't.id', 'a.team_id')
    .select(['r.id', 'r.person_id', 'r.requirement_type', 'r.programme_code', 's.sentenced_on', 'd.delivery_model', 't.pdu_id'])
    .where('s.status', '=', 'active').where('r.ended_on', 'is', null).where('d.delivery_model', '<>', 'immediate')
    .where('s.sentenced_on', '>=', addDays(today, -26 * 7)).where('t.pdu_id', 'in', pdus.map((p) => p.id))
    .orderBy('r.id').execute();
  const queue = requirements.flatMap((r) => {
    const recent = r.sentenced_on >= addDays(today, -WAITING_DAYS);
    if (!recent && r.delivery_model !== 'provider_places') return [];
    const offered = [...delivered.get(r.pdu_id)!];
    const programme = r.requirement_type !== PROGRAMME ? null
      : r.programme_code && offered.includes(r.programme_code) ? r.programme_code : PICK_PROGRAMME[r.id % PICK_PROGRAMME.length]!;
    const started = recent ? null : addDays(r.sentenced_on, 14);
    return [{
      person_id: r.person_id, requirement_id: r.id, pdu_id: r.pdu_id, requirement_type: r.requirement_type,
      programme_code: programme, joined_on: r.sentenced_on, started_on: started && started <= today ? started : null,
    }];
  });
  await inBatches(queue, (batch) => db.insertInto('requirement_queue').values(batch).execute());
}
