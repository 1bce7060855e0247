import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { calculateTier } from '../assessment/tiering/rules.ts';
import { RULES } from '../sentencing/requirements.fixture.ts';
import { chunkPieces, regionalAddresses, type BuiltChunk, type ChunkContext, type NextIds } from './chunk.ts';
import { CONTACT_COLUMNS, CopyText, dayOf, personContacts, weekdayOf, type ContactTypeRef } from './contacts.ts';
import { personHistory, personRandom, type HistoryRefs, type OffenceRef, type RegistrationTypeRef } from './history.ts';
import { dealer, generateChunk, planNational, planPduStaff, type RegionRef } from './national.ts';
import { REGION_TOWNS } from './towns.ts';

// The reference rows the loader reads from requirement_types and contact_types (migrations 0008, 0009, 0018).
const RESTRICTIVE = new Set(['curfew', 'exclusion', 'residence', 'prohibited_activity', 'alcohol_abstinence', 'attendance_centre']);
const REQUIREMENT_TYPES = new Map(Object.values(RULES).map((rule) => [rule.code, { ...rule, restrictive: RESTRICTIVE.has(rule.code) }]));
const CONTACT_TYPES = new Map<string, ContactTypeRef>(([
  ['office', true, true, 30], ['home_visit', true, true, 45], ['phone', true, true, 20], ['video', true, true, 30], ['unpaid_work', true, false, 420],
  ['programme', true, false, 150], ['other_agency', true, false, 60], ['phone_contact', false, true, 10], ['message', false, false, 5], ['case_note', false, false, 0],
] as const).map(([code, counts, direct, minutes]) => [code, { code, counts_for_compliance: counts, direct_engagement: direct, default_minutes: minutes }]));
// Offences and flag types as the migrations hold them, by a rule rather than the full lists: the loader's
// database test checks the real ones (the loaded scores and tiers are the ones the service calculates).
class Defaulting<V> extends Map<string, V> {
  constructor(private readonly make: (key: string) => V) { super(); }
  override get(key: string): V { return super.get(key) ?? this.make(key); }
}
const CATEGORIES = ['violence', 'burglary_domestic', 'theft_non_motor', 'drug_possession_supply', 'criminal_damage', 'public_order', 'other'];
const OFFENCES = new Defaulting<OffenceRef>((code) => ({ code, description: `Offence ${code}`, ogrs3_category: CATEGORIES[code.length % CATEGORIES.length]!, violent: code.length % 3 === 0 }));
const REGISTRATION_TYPES = new Defaulting<RegistrationTypeRef>((code) => ({ code, name: code, review_months: 6, complexity_factor: code === 'domestic_abuse_perpetrator' ? 'domestic_abuse' : null }));
const REFS: HistoryRefs = { requirementTypes: REQUIREMENT_TYPES, offences: OFFENCES, registrationTypes: REGISTRATION_TYPES };
const LETTERS: Record<string, string> = { NE: 'A', NW: 'B', YH: 'C', GM: 'D', EM: 'E', WM: 'F', EE: 'G', LN: 'H', KSS: 'J', SW: 'K', SC: 'L', WA: 'M' };
const REGIONS: RegionRef[] = Object.entries(LETTERS).map(([code, crnLetter], i) => ({
  id: i + 1, code, crnLetter, pdus: Array.from({ length: 3 }, (_, k) => ({ id: (i + 1) * 100 + k, code: `${code}-P${k}` })),
}));
const TODAY = '2026-12-03';
const START: NextIds = { people: 1, events: 1, sentences: 1, requirements: 1, contacts: 1 };

function context(people: number, active: number): ChunkContext {
  const plan = planNational(REGIONS, people, active, 1);
  let id = 1;
  const deal = new Map(plan.regions.flatMap((r) => r.pdus).map((pdu) => [pdu.id, dealer(planPduStaff(pdu, 1).staff.map((m) => ({ id: id++, grade: m.grade, team: m.team })))]));
  return { plan, today: TODAY, ...REFS, contactTypes: CONTACT_TYPES, deal, regionStaff: new Map(REGIONS.map((r) => [r.id, [1, 2, 3]])) };
}
/** A chunk built whole: one piece. */
async function buildChunk(ctx: ChunkContext, chunk: number, next: NextIds): Promise<BuiltChunk> {
  let whole: BuiltChunk | undefined;
  for await (const piece of chunkPieces(ctx, chunk, next, Infinity)) whole = piece;
  return whole!;
}
const rowsOf = (text: Buffer) => text.toString().split('\n').filter(Boolean).map((line) => line.split('\t'));

describe('national history generators', () => {
  // Chunk 1 of this plan holds its last 2,000 people: quick to build.
  const ctx = context(12_000, 1_440);

  it('builds a chunk in pieces holding exactly the rows of the chunk built whole', async () => {
    const whole = await buildChunk(ctx, 1, START);
    const pieces = [];
    for await (const piece of chunkPieces(ctx, 1, START, 700)) pieces.push(piece);
    assert.deepEqual(pieces.map((p) => [p.people, p.last]), [[700, false], [700, false], [600, true]]);
    for (const [i, copy] of whole.copies.entries()) {
      assert.equal(Buffer.concat(pieces.map((p) => p.copies[i]!.text)).toString(), copy.text.toString(), copy.table);
    }
    assert.deepEqual(pieces.at(-1)!.next, whole.next);
    assert.deepEqual(new Set(pieces.flatMap((p) => p.surnames)), new Set(whole.surnames));
  });

  it('gives the same record for a person whatever else is generated', async () => {
    const [a, b] = [await buildChunk(ctx, 1, START), await buildChunk(ctx, 1, START)];
    assert.deepEqual(a.copies.map((c) => c.text.toString()), b.copies.map((c) => c.text.toString()));
    const person = { index: 12_345, dateOfBirth: '1990-04-01', sex: 'male' as const, active: true, town: 'Leeds' };
    assert.deepEqual(personHistory(1, person, TODAY, REFS), personHistory(1, person, TODAY, REFS));
    assert.notDeepEqual(personHistory(1, person, TODAY, REFS), personHistory(2, person, TODAY, REFS));
  });

  it('gives every active case a current sentence, a tier from the rules, and a mix of orders and licences', () => {
    const people = generateChunk(ctx.plan, 0).filter((p) => p.active);
    const types = new Map<string, number>();
    const levels = new Map<string, number>();
    for (const p of people) {
      const history = personHistory(1, { index: p.index, dateOfBirth: p.dateOfBirth, sex: p.sex, active: true, town: 'Leeds' }, TODAY, REFS);
      const current = history.events.at(-1)!;
      assert.equal(current.ended, null);
      assert.ok(history.events.slice(0, -1).every((e) => e.ended && e.ended.endedOn >= e.conviction.sentence!.sentencedOn));
      assert.deepEqual(history.tier!.result, calculateTier(history.tier!.input));
      types.set(current.conviction.sentence!.type, (types.get(current.conviction.sentence!.type) ?? 0) + 1);
      const rosh = history.rosh.at(-1);
      if (rosh) levels.set(rosh.overall, (levels.get(rosh.overall) ?? 0) + 1);
      for (const r of current.requirements) assert.ok(r.startOn <= r.endOn && REQUIREMENT_TYPES.has(r.type));
    }
    assert.ok(people.length > 1_000);
    // Flags, needs, histories and scores at the demo's rates, and the tier reads them.
    const all = people.map((p) => personHistory(1, { index: p.index, dateOfBirth: p.dateOfBirth, sex: p.sex, active: true, town: 'Leeds' }, TODAY, REFS));
    const share = (test: (h: (typeof all)[number]) => boolean) => all.filter(test).length / all.length;
    assert.ok(share((h) => h.flags.length > 0) > 0.3 && share((h) => h.flags.length > 0) < 0.7);
    assert.ok(share((h) => h.needs.length > 0) > 0.4 && share((h) => h.needs.length > 0) < 0.6);
    assert.ok(share((h) => h.criminalHistory !== null) > 0.75);
    assert.ok(share((h) => h.predictors.some((s) => s.predictor === 'ogrs3')) > 0.7);
    for (const h of all) {
      const ogrs3 = h.predictors.find((s) => s.predictor === 'ogrs3');
      assert.equal(h.tier!.input.ogrs3TwoYearPercent, ogrs3?.result.twoYearPercent ?? null);
      assert.equal(h.tier!.input.needs === null, h.needs.length === 0);
      assert.equal(h.tier!.input.mappaLevel > 0, h.flags.some((f) => f.type_code === 'mappa'));
    }
    for (const type of ['community_order', 'suspended_sentence_order', 'custody']) assert.ok(types.get(type)! > people.length / 10, type);
    // Mostly low and medium, some high, few very high.
    assert.ok(levels.get('low')! + levels.get('medium')! > 0.7 * people.length);
    assert.ok(levels.get('high')! > levels.get('very_high')! && levels.get('very_high')! > 0);
  });

  it('ends every sentence of people no longer supervised, and leaves some with no events', () => {
    const people = generateChunk(ctx.plan, 0).filter((p) => !p.active).slice(0, 2_000);
    let none = 0;
    for (const p of people) {
      const history = personHistory(1, { index: p.index, dateOfBirth: p.dateOfBirth, sex: p.sex, active: false, town: 'Leeds' }, TODAY, REFS);
      if (!history.events.length) none++;
      assert.equal(history.tier, null);
      for (const e of history.events) assert.ok(e.ended && e.ended.endedOn < TODAY && ['completed', 'revoked', 'terminated_early'].includes(e.ended.status));
    }
    assert.ok(none > 0.3 * people.length && none < 0.7 * people.length, `${none} with no events`);
  });

  it('writes contacts that meet the table constraints, skewed between people', async () => {
    const built = await buildChunk(ctx, 1, START);
    const contacts = built.copies.find((c) => c.table === 'contacts')!;
    const rows = rowsOf(contacts.text);
    assert.equal(rows.length, contacts.rows);
    const column = (name: (typeof CONTACT_COLUMNS)[number]) => CONTACT_COLUMNS.indexOf(name);
    const perPerson = new Map<string, number>();
    rows.forEach((row, i) => {
      assert.equal(row.length, CONTACT_COLUMNS.length);
      assert.equal(Number(row[column('contact_id')]), START.contacts + i, 'contact ids run on from the sequence');
      const type = CONTACT_TYPES.get(row[column('type_code')]!)!;
      const outcome = row[column('outcome')]!;
      assert.ok(['\\N', 'attended_complied', 'attended_failed_to_comply', 'acceptable_absence', 'unacceptable_absence'].includes(outcome));
      if (outcome === 'acceptable_absence') assert.notEqual(row[column('outcome_evidence')], '\\N');
      assert.ok(['booked', 'recorded'].includes(row[column('change')]!));
      if (row[column('change')] === 'booked') assert.equal(outcome, '\\N');
      if (!type.counts_for_compliance) assert.equal(outcome, '\\N');
      if (type.code === 'case_note') assert.notEqual(row[column('notes')], '\\N');
      assert.match(row[column('starts_at')]!, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:00\+0[01]$/);
      assert.ok(row[column('recorded_at')]!.slice(0, 10) < TODAY);
      perPerson.set(row[column('person_id')]!, (perPerson.get(row[column('person_id')]!) ?? 0) + 1);
    });
    const counts = [...perPerson.values(), ...Array<number>(built.people - perPerson.size).fill(0)].sort((a, b) => a - b);
    assert.ok(counts.at(-1)! >= 100, 'some people have a hundred or more');
    assert.ok(counts[Math.floor(counts.length / 4)]! <= 15, 'many have a handful');
    const outcomes = rows.map((row) => row[column('outcome')]).filter((o) => o !== '\\N');
    const complied = outcomes.filter((o) => o === 'attended_complied').length / outcomes.length;
    assert.ok(complied > 0.8 && complied < 0.97, `complied ${complied}`);
  });

  it('sees people at the protect level\'s rhythm: more often at A than at D', () => {
    const count = (band: 'A' | 'D') => {
      const out = new CopyText();
      const start = dayOf('2025-01-06');
      return personContacts(out, 1, 1, [{ startDay: start, endDay: start + 364, past: true, band, practitionerId: 1, unpaidWork: null, rar: null, programme: null }],
        personRandom(1, 7, 2), dayOf(TODAY), CONTACT_TYPES);
    };
    assert.ok(count('A') > 2 * count('D'), `${count('A')} against ${count('D')}`);
    assert.equal(weekdayOf(dayOf('2026-12-05')), 6);
  });

  it('puts addresses in the person\'s own region', () => {
    const person = generateChunk(ctx.plan, 0).find((p) => p.addresses.some((a) => a.postcode))!;
    const towns = new Set(REGION_TOWNS.LN!.map((t) => t.town));
    for (const address of regionalAddresses(1, person, 'LN')) {
      assert.ok(towns.has(address.town), address.town);
      if (address.postcode) assert.match(address.postcode, /^[A-Z]{1,2}\d{1,2} \d[A-Z]{2}$/);
    }
    assert.deepEqual(regionalAddresses(1, person, 'NE'), person.addresses);
  });
});
