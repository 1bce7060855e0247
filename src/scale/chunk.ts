/**
 * One chunk of the national dataset as COPY text, table by table, with every id worked out in advance:
 * ids are given out by the tables' own sequences, and the loader is their only user while it runs, so
 * the rows of a chunk get `next` onwards in the order they are copied (the loader checks the sequences
 * afterwards). That lets a chunk's events, sentences, requirements and contacts refer to each other
 * without reading anything back. Pure apart from yielding to the event loop now and then, so the
 * previous chunk's COPY keeps streaming while this one is generated.
 */
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { ProtectLevel } from '../assessment/tiering/rules.ts';
import { CONTACT_COLUMNS, CopyText, personContacts, dayOf, type ContactTypeRef, type SupervisionPeriod } from './contacts.ts';
import { contentColumns } from '../assessment/needs/repository.ts';
import { sectionScores } from '../assessment/needs/rules.ts';
import { predictorScoreColumns } from '../assessment/scores/repository.ts';
import { pastBand, personHistory, personRandom, supervisionEndsOn, type HistoryRefs } from './history.ts';
import { generateChunk, type dealer, type NationalPerson, type NationalPlan } from './national.ts';
import { REGION_TOWNS, type Town } from './towns.ts';

/** Tables whose ids a chunk decides, in the order they are loaded. */
export const SEQUENCED = ['people', 'events', 'sentences', 'requirements', 'contacts'] as const;
export type Sequenced = (typeof SEQUENCED)[number];
export type NextIds = Record<Sequenced, number>;

export interface ChunkContext extends HistoryRefs {
  plan: NationalPlan;
  /** The reference date (ISO): "today" for the dataset, kept with it so a resumed run matches. */
  today: string;
  contactTypes: ReadonlyMap<string, ContactTypeRef>;
  deal: ReadonlyMap<number, ReturnType<typeof dealer>>;
  /** Practitioners of each region, for the history of people no longer supervised. */
  regionStaff: ReadonlyMap<number, readonly number[]>;
}

export interface CopyBatch { table: string; columns: readonly string[]; text: Buffer; rows: number }
/** `surnames`: the chunk's distinct surnames, of people and aliases, for the search's list (migration 0026). */
export interface BuiltChunk { copies: CopyBatch[]; rows: number; people: number; next: NextIds; surnames: string[] }

// COPY text format: tab-separated, \N for null, backslash escapes.
const SPECIAL = /[\\\t\n\r]/;
const escape = (text: string) => text.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
const field = (value: unknown): string =>
  value === null || value === undefined ? '\\N' : typeof value === 'number' ? String(value) : typeof value === 'boolean' ? (value ? 't' : 'f')
    : SPECIAL.test(String(value)) ? escape(String(value)) : String(value);
export const copyLine = (row: readonly unknown[]) => `${row.map(field).join('\t')}\n`;

class Table {
  text = new CopyText();
  rows = 0;
  constructor(readonly table: string, readonly columns: readonly string[]) {}
  add(row: readonly unknown[]) { this.text.write(copyLine(row)); this.rows++; }
  batch(): CopyBatch { return { table: this.table, columns: this.columns, text: this.text.bytes(), rows: this.rows }; }
}

const PEOPLE_COLUMNS = ['crn', 'first_name', 'middle_names', 'last_name', 'preferred_name', 'date_of_birth', 'sex', 'gender_identity', 'ethnicity',
  'religion', 'sexual_orientation', 'disability', 'pnc', 'cro', 'nomis_number', 'ni_number', 'email', 'phone', 'region_id'];
const ROSH_COLUMNS = ['person_id', 'version', 'risk_to_children', 'risk_to_public', 'risk_to_known_adult', 'risk_to_staff', 'risk_to_prisoners', 'overall',
  'nature_of_risk', 'who_is_at_risk', 'when_risk_greatest', 'increases_risk', 'reduces_risk', 'completed_on', 'review_due_on', 'superseded'];
const SENTENCE_COLUMNS = ['person_id', 'event_id', 'sentence_type', 'sentenced_on', 'length_months', 'custodial_term_months', 'supervision_months', 'release_on',
  'licence_ends_on', 'release_fraction', 'conditional_release_on', 'top_up_ends_on', 'expected_end_on', 'status', 'ended_on', 'end_reason'];
const NEEDS_COLUMNS = ['person_id', 'status', 'version', 'answers', 'sections', 'section_scores', 'persons_view', 'view_declined', 'summary',
  'created_by', 'created_at', 'updated_by', 'updated_at', 'completed_by', 'completed_on', 'completed_at'];
const PREDICTOR_COLUMNS = ['person_id', 'predictor', 'score', 'one_year', 'two_year', 'one_year_percent', 'two_year_percent', 'band', 'inputs', 'sources', 'terms',
  'reason', 'calculated_at'];
const TIER_COLUMNS = ['person_id', 'tier', 'protect_level', 'protect_points', 'change_level', 'change_points', 'result', 'inputs', 'sources', 'previous_tier', 'changed', 'reason'];

const weightedTowns = (towns: readonly Town[]) => towns.map((town) => [town, town.weight] as const);
const TOWN_WEIGHTS = new Map(Object.entries(REGION_TOWNS).map(([code, towns]) => [code, weightedTowns(towns)]));

/** Moves the demo's (North East) addresses into the person's own region, keeping streets and the postcode's inward part. */
export function regionalAddresses(seed: number, person: NationalPerson, regionCode: string): NationalPerson['addresses'] {
  const towns = TOWN_WEIGHTS.get(regionCode);
  if (!towns) return person.addresses;
  const random = personRandom(seed, person.index, 3);
  const home = random.weighted(towns);
  return person.addresses.map((address, i) => {
    const place = i === 0 || random.chance(0.7) ? home : random.weighted(towns);
    const inward = address.postcode?.split(' ')[1];
    return { ...address, town: place.town, postcode: inward ? `${place.area}${random.pick(place.districts)} ${inward}` : null };
  });
}

const tables = () => ({
  crns: new Table('issued_crns', ['crn']),
  people: new Table('people', PEOPLE_COLUMNS),
  addresses: new Table('person_addresses', ['person_id', 'status', 'line1', 'line2', 'town', 'postcode', 'no_fixed_abode', 'start_date', 'end_date']),
  aliases: new Table('person_aliases', ['person_id', 'first_name', 'last_name', 'date_of_birth', 'region_id']),
  allocations: new Table('case_allocations', ['person_id', 'team_id', 'practitioner_id']),
  events: new Table('events', ['person_id', 'event_number', 'conviction_date', 'court', 'outcome', 'next_hearing_on']),
  offences: new Table('event_offences', ['person_id', 'event_id', 'offence_code', 'offence_date', 'main']),
  sentences: new Table('sentences', SENTENCE_COLUMNS),
  requirements: new Table('requirements', ['person_id', 'sentence_id', 'requirement_type', 'units', 'programme_code', 'details', 'expected_start_on', 'expected_end_on', 'ended_on']),
  conditions: new Table('licence_conditions', ['person_id', 'sentence_id', 'condition_code', 'detail']),
  rosh: new Table('rosh_assessments', ROSH_COLUMNS),
  flags: new Table('registrations', ['person_id', 'type_code', 'level', 'notes', 'registered_on', 'next_review_on']),
  needs: new Table('needs_assessments', NEEDS_COLUMNS),
  histories: new Table('criminal_histories', ['person_id', 'previous_sanctions', 'previous_convictions', 'violent_sanctions', 'first_sanction_date', 'recorded_at']),
  predictors: new Table('predictor_scores', PREDICTOR_COLUMNS),
  tiers: new Table('tier_calculations', TIER_COLUMNS),
  accessRules: new Table('case_access_rules', ['person_id', 'kind', 'message']),
  accessUsers: new Table('case_access_users', ['person_id', 'kind', 'user_id']),
});

/** About one active case in two hundred is restricted to named staff, and as many exclude someone (a conflict of interest). */
const ACCESS_RATE = 0.005;
const RESTRICTED = 'This case is restricted. Contact the team manager of the case\'s team if you need access.';
const EXCLUDED = 'You are excluded from this case because of a conflict of interest. Speak to your team manager.';

/**
 * Chunk `chunk` in pieces of `peoplePerPiece` people, each with the ids following the one before: the
 * loader copies a piece while the next is generated, so the database starts on a chunk long before the
 * whole of it is ready. The pieces of a chunk hold exactly the rows of the chunk built whole.
 */
export async function* chunkPieces(ctx: ChunkContext, chunk: number, next: NextIds, peoplePerPiece: number): AsyncGenerator<BuiltChunk & { last: boolean }> {
  const { plan, today, contactTypes } = ctx;
  const ids = { ...next };
  const todayDay = dayOf(today);
  const seed = plan.seed;
  const batch = generateChunk(plan, chunk);
  const regionCode = new Map(plan.regions.map((r) => [r.regionId, r.code]));
  for (let start = 0; start < batch.length; start += peoplePerPiece) {
    yield { ...(await buildPiece(batch.slice(start, start + peoplePerPiece))), last: start + peoplePerPiece >= batch.length };
  }

  async function buildPiece(people: readonly NationalPerson[]): Promise<BuiltChunk> {
    const t = tables();
    const contacts = new CopyText(Math.min(64 << 20, people.length * 6_000)); // about 3 kB a person at the default mix: room for twice that
    let contactRows = 0;
    const surnames = new Set<string>();
    for (const [k, p] of people.entries()) {
      // Often: the database's answers to the loader (a piece is some sixteen statements) wait for the loop to turn.
      if (k % 3 === 2) await yieldToLoop();
      const personId = ids.people++;
      t.crns.add([p.crn]);
      t.people.add([p.crn, p.firstName, p.middleNames, p.lastName, p.preferredName, p.dateOfBirth, p.sex, p.genderIdentity, p.ethnicity, p.religion,
        p.sexualOrientation, p.disability, p.pnc, p.cro, p.nomisNumber, p.niNumber, p.email, p.phone, p.regionId]);
      const addresses = regionalAddresses(seed, p, regionCode.get(p.regionId)!);
      for (const a of addresses) t.addresses.add([personId, a.status, a.line1, a.line2, a.town, a.postcode, a.line1 === 'No fixed abode', a.startDate, a.endDate]);
      surnames.add(p.lastName);
      for (const a of p.aliases) {
        t.aliases.add([personId, a.firstName, a.lastName, a.dateOfBirth, p.regionId]);
        surnames.add(a.lastName);
      }
      const staff = ctx.regionStaff.get(p.regionId) ?? [];
      let practitionerId: number | null = null;
      if (p.active) {
        const held = ctx.deal.get(p.pduId!)!(p.pduRank);
        practitionerId = held.practitionerId;
        t.allocations.add([personId, held.team, held.practitionerId]);
      }

      const noFixedAbode = addresses.some((a) => a.status === 'main' && !a.endDate && a.line1 === 'No fixed abode');
      if (p.active) {
        // The practitioner holding a restricted case is on its list, with one colleague; the excluded one is never them.
        const access = personRandom(seed, p.index, 7);
        if (access.chance(ACCESS_RATE)) {
          const colleague = staff.length ? staff[access.int(0, staff.length - 1)]! : null;
          t.accessRules.add([personId, 'restriction', RESTRICTED]);
          for (const user of new Set([practitionerId, colleague])) if (user !== null) t.accessUsers.add([personId, 'restriction', user]);
        }
        const excluded = staff.length ? staff[access.int(0, staff.length - 1)]! : null;
        if (access.chance(ACCESS_RATE) && excluded !== null && excluded !== practitionerId) {
          t.accessRules.add([personId, 'exclusion', EXCLUDED]);
          t.accessUsers.add([personId, 'exclusion', excluded]);
        }
      }
      const history = personHistory(seed, { index: p.index, dateOfBirth: p.dateOfBirth, sex: p.sex, active: p.active, town: addresses[0]!.town, noFixedAbode, firstEventId: ids.events },
        today, ctx);
      const random = personRandom(seed, p.index, 2);
      const periods: SupervisionPeriod[] = [];
      for (const e of history.events) {
        const c = e.conviction, s = c.sentence!;
        const eventId = ids.events++, sentenceId = ids.sentences++;
        t.events.add([personId, e.eventNumber, c.convictionDate, c.court, c.outcome, c.nextHearingOn]);
        t.offences.add([personId, eventId, c.mainOffence.code, c.mainOffence.offenceDate, true]);
        for (const o of c.additionalOffences) t.offences.add([personId, eventId, o.code, o.offenceDate, false]);
        t.sentences.add([personId, eventId, s.type, s.sentencedOn, s.lengthMonths, s.custodialTermMonths, s.supervisionMonths, s.releaseOn, s.licenceEndsOn,
          s.type === 'custody' ? s.releaseFraction ?? 0.5 : null, e.dates.licence?.conditionalReleaseOn ?? null, e.dates.licence?.topUpEndsOn ?? null,
          e.dates.expectedEndOn, e.ended?.status ?? 'active', e.ended?.endedOn ?? null, e.ended?.reason ?? null]);
        const period: SupervisionPeriod = {
          startDay: dayOf(s.type === 'custody' ? s.releaseOn ?? e.dates.licence!.conditionalReleaseOn : s.sentencedOn),
          endDay: Math.min(e.ended ? dayOf(e.ended.endedOn) : todayDay + 14, dayOf(supervisionEndsOn(c, e.dates))),
          past: e.ended !== null,
          band: e.ended ? pastBand(random) : ((history.tier?.result.protect.level ?? 'C') as ProtectLevel),
          practitionerId: e.ended ? (staff.length ? staff[(p.index + e.eventNumber) % staff.length]! : null) : practitionerId,
          unpaidWork: null, rar: null, programme: null,
        };
        for (const r of e.requirements) {
          const requirementId = ids.requirements++;
          t.requirements.add([personId, sentenceId, r.type, r.units, r.programme, JSON.stringify(r.details), r.startOn, r.endOn, r.endedOn]);
          if (r.type === 'unpaid_work') period.unpaidWork = { id: requirementId, hours: r.units ?? 80 };
          else if (r.type === 'rehabilitation_activity') period.rar = requirementId;
          else if (r.type === 'accredited_programme') period.programme = { id: requirementId, sessions: r.units ?? 20 };
        }
        for (const condition of s.licenceConditions) t.conditions.add([personId, sentenceId, condition.code, condition.detail]);
        if (period.startDay <= period.endDay) periods.push(period);
      }
      for (const r of history.rosh) {
        t.rosh.add([personId, r.version, r.risk_to_children, r.risk_to_public, r.risk_to_known_adult, r.risk_to_staff, r.risk_to_prisoners, r.overall,
          r.nature_of_risk, r.who_is_at_risk, r.when_risk_greatest, r.increases_risk, r.reduces_risk, r.completed_on, r.review_due_on, r.superseded]);
      }
      for (const f of history.flags) t.flags.add([personId, f.type_code, f.level, f.notes, f.registered_on, f.next_review_on]);
      for (const v of history.needs) {
        const c = contentColumns(v.content);
        t.needs.add([personId, 'completed', v.version, c.answers, c.sections, JSON.stringify(sectionScores(v.content.answers)), c.persons_view, c.view_declined, c.summary,
          practitionerId, v.completedOn, practitionerId, v.completedOn, practitionerId, v.completedOn, v.completedOn]);
      }
      const h = history.criminalHistory;
      if (h) t.histories.add([personId, h.previous_sanctions, h.previous_convictions, h.violent_sanctions, h.first_sanction_date, today]);
      for (const score of history.predictors) {
        const c = predictorScoreColumns(score);
        t.predictors.add([personId, c.predictor, c.score, c.one_year, c.two_year, c.one_year_percent, c.two_year_percent, c.band, c.inputs, c.sources, c.terms,
          'National dataset loaded', today]);
      }
      if (history.tier) {
        const { result, input, sources } = history.tier;
        t.tiers.add([personId, result.tier, result.protect.level, result.protect.points, result.change.level, result.change.points,
          JSON.stringify(result), JSON.stringify(input), JSON.stringify(sources), null, true, 'National dataset loaded']);
      }
      const made = personContacts(contacts, ids.contacts, personId, periods, random, todayDay, contactTypes);
      ids.contacts += made;
      contactRows += made;
    }
    const copies = [...Object.values(t).map((table) => table.batch()), { table: 'contacts', columns: CONTACT_COLUMNS, text: contacts.bytes(), rows: contactRows }];
    return { copies, rows: copies.reduce((sum, c) => sum + c.rows, 0), people: people.length, next: { ...ids }, surnames: [...surnames] };
  }
}
