import type { Db } from '../../database.ts';
import type { Random } from '../../demo/random.ts';
import { addDays } from '../../platform/http/dates.ts';
import type { ReportInput } from './rules.ts';
import { decideAllegedBreach, reportAllegedBreach } from './service.ts';

/** Two synthetic partners, each with a service account a token can be issued for (npm run cli -- token create --user NAME). */
export const DEMO_PARTNERS = [
  { code: 'demo-crs', name: 'Tyneside Community Rehabilitation Services (demo)', kind: 'provider', username: 'tyneside.crs', displayName: 'Tyneside CRS case system' },
  { code: 'demo-iom', name: 'North East Police IOM Unit (demo)', kind: 'police', username: 'ne.iom', displayName: 'North East IOM unit system' },
] as const;

/**
 * Partners' agencies and accounts, then alleged breaches from the provider on Newcastle Central cases held by
 * jo.po and lee.po: some awaiting a decision (their practitioners notified), one accepted, one not accepted.
 */
export async function seedAllegedBreachDemo(db: Db, random: Random, today: string): Promise<void> {
  const region = await db.selectFrom('regions').select('id').where('code', '=', 'NE').executeTakeFirstOrThrow();
  await db.insertInto('agencies').values(DEMO_PARTNERS.map(({ code, name, kind }) => ({ code, name, kind }))).execute();
  const accounts = await db.insertInto('users').values(DEMO_PARTNERS.map((partner) => ({
    username: partner.username, display_name: partner.displayName, role_code: 'partner-reporter', agency_code: partner.code,
    region_id: region.id, team_id: null, grade: null, service_account: true, password_hash: null,
  }))).returning(['id', 'agency_code']).execute();
  const provider = { id: accounts.find((a) => a.agency_code === 'demo-crs')!.id, agencyCode: 'demo-crs' };

  const staff = await db.selectFrom('users').select(['id', 'username']).where('username', 'in', ['jo.po', 'lee.po']).execute();
  const id = (name: string) => staff.find((user) => user.username === name)?.id;
  // Cases each holds with an unpaid work requirement under an active order and no access list.
  const casesOf = (userId: number | undefined) => (userId === undefined ? Promise.resolve([]) : db.selectFrom('case_allocations as a')
    .innerJoin('people as p', 'p.id', 'a.person_id')
    .innerJoin('requirements as r', 'r.person_id', 'a.person_id').innerJoin('sentences as s', 's.id', 'r.sentence_id')
    .select(['p.id', 'p.crn', 'p.date_of_birth', 'p.last_name'])
    .where('a.ended_at', 'is', null).where('a.practitioner_id', '=', userId)
    .where('r.requirement_type', '=', 'unpaid_work').where('r.ended_on', 'is', null).where('s.status', '=', 'active')
    .where((eb) => eb.not(eb.exists(eb.selectFrom('case_access_rules as x').select('x.id').whereRef('x.person_id', '=', 'p.id'))))
    .orderBy('p.id').limit(3).execute());
  const [jo, lee] = await Promise.all([casesOf(id('jo.po')), casesOf(id('lee.po'))]);

  const stories: Array<Pick<ReportInput, 'kind' | 'activity' | 'activityDetail' | 'description'>> = [
    { kind: 'missed_appointment', activity: 'unpaid_work', activityDetail: 'Saturday placement, Walker Riverside Park', description: 'Did not attend the 9am placement and did not call. Two texts and a phone call unanswered.' },
    { kind: 'behaviour', activity: 'unpaid_work', activityDetail: 'Tuesday group, Byker allotments', description: 'Arrived late, was abusive to the supervisor when asked to start work and left the site at 11am.' },
    { kind: 'failed_to_comply', activity: 'unpaid_work', activityDetail: 'Thursday placement, charity shop', description: 'Refused to follow the supervisor\'s safety instructions and was sent home.' },
    { kind: 'missed_appointment', activity: 'unpaid_work', activityDetail: 'Sunday placement, Heaton Park', description: 'Did not attend. Said afterwards by text that they had been unwell.' },
    { kind: 'missed_appointment', activity: 'unpaid_work', activityDetail: 'Saturday placement, Walker Riverside Park', description: 'Did not attend and gave no reason.' },
  ];
  const people = [jo[0], jo[1], lee[0], jo[2], lee[1]];
  const ids: number[] = [];
  for (const [i, person] of people.entries()) {
    if (!person) continue;
    const story = stories[i]!;
    const result = await reportAllegedBreach(db, provider, {
      ...story, crn: person.crn, dateOfBirth: person.date_of_birth, surname: person.last_name,
      reference: `TCRS-${2400 + i}`, failureDate: addDays(today, -random.int(1, 6)), contactName: 'Dana Whitfield, placement supervisor',
    });
    if (result.kind === 'created') ids[i] = result.id;
  }
  // One accepted (a person decides; enforcement then opens its action), one not accepted with a reason.
  const joId = id('jo.po'), leeId = id('lee.po');
  if (ids[3] && joId) {
    await decideAllegedBreach(db, { id: joId }, ids[3], { decision: 'reject', reason: 'GP fit note seen for that day: the absence was acceptable.', partnerNote: 'Not accepted: the absence was explained. Please keep the next placement open.' });
  }
  if (ids[4] && leeId) {
    await decideAllegedBreach(db, { id: leeId }, ids[4], { decision: 'accept', reason: null, partnerNote: 'Accepted. Probation will take the enforcement action the rules require.' });
  }
  // The decided ones' notices have been acted on.
  const decided = [ids[3], ids[4]].filter((n): n is number => n !== undefined).map((n) => `/alleged-breaches/${n}`);
  if (decided.length) await db.updateTable('notifications').set({ read_at: new Date() }).where('link', 'in', decided).execute();
}
