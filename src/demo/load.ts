import { hashPassword } from '../auth/passwords.ts';
import type { Db } from '../database.ts';
import { personColumns } from '../people/repository.ts';
import { inBatches } from '../platform/db/batches.ts';
import { DEMO_PASSWORD, DEMO_PDUS, DEMO_REGION, DEMO_TEAMS, DEMO_USERS } from './organisation.ts';
import { generateCrns, generateDemoPeople } from './people.ts';
import { Random } from './random.ts';
import { seedNeedsDemo } from '../assessment/needs/demo.ts';
import { seedRoshDemo } from '../assessment/rosh/demo.ts';
import { seedCriminalHistoriesDemo } from '../assessment/scores/demo.ts';
import { recalculateTiers } from '../assessment/tier/recalculate.ts';
import { seedRegistrationsDemo } from '../registrations/demo.ts';
import { seedSentencingDemo } from '../sentencing/demo.ts';
import { seedForecastDemo } from '../sentencing/forecast/demo.ts';
import { seedReportsDemo } from '../reports/demo.ts';
import { demoContractedHours, seedStaffDemo } from '../workforce/staff/demo.ts';
import { seedContactDemo } from '../supervision/contacts/demo.ts';
import { seedEnforcementDemo } from '../supervision/enforcement/demo.ts';
import { seedPlanDemo } from '../supervision/plans/demo.ts';
import { seedReminderDemo } from '../supervision/reminders/demo.ts';
import { seedTimeDemo } from '../supervision/time/demo.ts';
import { seedCaseloadDemo } from '../supervision/caseload/demo.ts';
import { seedAllegedBreachDemo } from '../supervision/alleged-breaches/demo.ts';
import { seedAllocationDemo } from '../workforce/allocation/demo.ts';
import { seedTransferDemo } from '../workforce/transfers/demo.ts';


/** True when the database holds no users yet: the first start of a fresh installation. */
export async function isEmpty(db: Db): Promise<boolean> {
  const row = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n) === 0;
}

/**
 * Loads the demonstration region: PDUs, teams, staff with a known password and synthetic people,
 * allocated across the practitioners, a few with access lists. Deterministic for a given seed.
 */
export async function loadDemoData(db: Db, options: { people?: number; seed?: number } = {}) {
  const count = options.people ?? 2000;
  const seed = options.seed ?? 20261123;
  await db.transaction().execute(async (trx) => {
    const region = await trx.selectFrom('regions').select(['id', 'crn_letter']).where('code', '=', DEMO_REGION).executeTakeFirstOrThrow();
    // The PDUs are reference data shipped by migration 0014: the demo only puts teams in them.
    const pdus = await trx.selectFrom('pdus').select(['id', 'code']).where('code', 'in', DEMO_PDUS.map((pdu) => pdu.code)).execute();
    const pduId = new Map(pdus.map((pdu) => [pdu.code, pdu.id]));
    const teams = await trx.insertInto('teams')
      .values(DEMO_TEAMS.map((team) => ({ code: team.code, name: team.name, pdu_id: pduId.get(team.pdu)! })))
      .returning(['id', 'code']).execute();
    const teamId = new Map(teams.map((team) => [team.code, team.id]));

    // One hash for the shared demo password: 25 argon2id hashes would add seconds to the first start.
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    const users = await trx.insertInto('users').values(DEMO_USERS.map((user) => ({
      username: user.username,
      display_name: user.displayName,
      email: `${user.username}@probation.example`,
      password_hash: passwordHash,
      role_code: user.role,
      agency_code: 'probation',
      region_id: region.id,
      team_id: user.team ? teamId.get(user.team)! : null,
      grade: user.grade,
    }))).returning(['id', 'username', 'team_id', 'role_code', 'grade']).execute();

    const holders = users.filter((user) => user.role_code === 'practitioner' && user.team_id !== null);
    const people = generateDemoPeople(count, seed);
    const crns = generateCrns(count, seed, region.crn_letter);
    await inBatches(crns, (batch) => trx.insertInto('issued_crns').values(batch.map((crn) => ({ crn }))).execute());

    const ids: number[] = [];
    await inBatches(people.map((person, i) => ({ person, crn: crns[i]! })), async (batch) => {
      const rows = await trx.insertInto('people')
        .values(batch.map(({ person, crn }) => ({ crn, ...personColumns(person), region_id: region.id })))
        .returning('id').execute();
      ids.push(...rows.map((row) => row.id));
    });

    const addresses = people.flatMap((person, i) => person.addresses.map((address) => ({
      person_id: ids[i]!,
      status: address.status,
      line1: address.line1,
      line2: address.line2,
      town: address.town,
      postcode: address.postcode,
      no_fixed_abode: address.line1 === 'No fixed abode',
      start_date: address.startDate,
      end_date: address.endDate,
    })));
    await inBatches(addresses, (batch) => trx.insertInto('person_addresses').values(batch).execute());
    const aliases = people.flatMap((person, i) => person.aliases.map((alias) => ({ person_id: ids[i]!, first_name: alias.firstName, last_name: alias.lastName, date_of_birth: alias.dateOfBirth })));
    await inBatches(aliases, (batch) => trx.insertInto('person_aliases').values(batch).execute());

    // Probation officers carry fuller caseloads than PSOs and trainees, and part-timers fewer in proportion
    // to their hours (PO full time 6 shares, PSO 4; 22.5 h about 60% of that). Shares are dealt in rounds, one
    // case to every holder a round, so even a small demo gives everyone a case. About 1 in 20 awaits allocation.
    const shares = (user: (typeof holders)[number]) => Math.max(1, Math.round((user.grade === 'PO' ? 6 : 4) * demoContractedHours(user.username) / 37));
    const rounds = Math.max(...holders.map(shares));
    const dealt = Array.from({ length: rounds }, (_, round) => holders.filter((user) => shares(user) > round)).flat();
    const allocations = ids.map((personId, i) => {
      const holder = dealt[i % dealt.length]!;
      return { person_id: personId, team_id: holder.team_id!, practitioner_id: i % 20 === 19 ? null : holder.id };
    });
    await inBatches(allocations, (batch) => trx.insertInto('case_allocations').values(batch).execute());

    // A few limited-access cases to show the access list at work.
    const byName = new Map(users.map((user) => [user.username, user.id]));
    const [admin, jo, lee, sam] = ['admin', 'jo.po', 'lee.po', 'sam.spo'].map((name) => byName.get(name)!);
    const restricted = ids.slice(0, 3);
    const excluded = ids.slice(3, 6);
    for (const personId of restricted) {
      await trx.insertInto('case_access_rules').values({ person_id: personId, kind: 'restriction', message: 'This case is restricted. Contact the Newcastle Central team manager, Sam Robson, if you need access.', ends_on: null, created_by: admin }).execute();
      await trx.insertInto('case_access_users').values([sam!, lee!].map((user_id) => ({ person_id: personId, kind: 'restriction' as const, user_id }))).execute();
    }
    for (const personId of excluded) {
      await trx.insertInto('case_access_rules').values({ person_id: personId, kind: 'exclusion', message: 'You are excluded from this case because of a conflict of interest. Speak to your team manager.', ends_on: null, created_by: admin }).execute();
      await trx.insertInto('case_access_users').values({ person_id: personId, kind: 'exclusion', user_id: jo! }).execute();
    }
    // Lee, named on the restrictions, manages these cases; Jo in the same team is refused them.
    await trx.updateTable('case_allocations').set({ practitioner_id: lee!, team_id: teamId.get('NE-NCL-C')! }).where('person_id', 'in', [...restricted, ...excluded]).execute();

    // The case work each area records, then every case's scores and tier from it, as the service would calculate them.
    const today = new Date().toISOString().slice(0, 10);
    const cases = ids.map((id, i) => ({ id, dateOfBirth: people[i]!.dateOfBirth }));
    await seedSentencingDemo(trx, cases, new Random(seed + 1), today);
    await seedForecastDemo(trx, today); // capacity and queues from the recent orders
    await seedCriminalHistoriesDemo(trx, cases, new Random(seed + 2));
    await seedRoshDemo(trx, cases, new Random(seed + 3), today);
    await seedNeedsDemo(trx, cases, new Random(seed + 4), today);
    await seedRegistrationsDemo(trx, cases, new Random(seed + 5), today);
    await recalculateTiers(trx, ids, 'Demonstration data loaded', null, { notify: false });
    await seedReportsDemo(trx, new Random(seed + 7), today); // pre-sentence reports in each court team's queue
    await seedStaffDemo(trx, new Random(seed + 8), today); // contracted hours, qualifications, specialisms, absences, reductions
    await seedAllocationDemo(trx, new Random(seed + 9), today); // new cases waiting in each team's allocation queue
    await seedTransferDemo(trx, new Random(seed + 10), today); // transfers requested, accepted and rejected
    await seedContactDemo(trx, new Random(seed + 11), today); // appointments and contacts over each order, with outcomes
    await seedEnforcementDemo(trx, new Random(seed + 12), today); // warnings, breaches and recalls from the contact history
    await seedPlanDemo(trx, new Random(seed + 13), today); // sentence plans with objectives and reviews
    await seedReminderDemo(trx, new Random(seed + 14), today); // reminder consent, mobile numbers and the outbox
    await seedTimeDemo(trx, new Random(seed + 15), today); // other work time, for time with people
    await seedCaseloadDemo(trx, new Random(seed + 16), today); // contact levels by tier
    await seedAllegedBreachDemo(trx, new Random(seed + 17), today); // alleged breaches reported by providers
  });
  return { people: count, users: DEMO_USERS.length };
}
