import type { Db } from '../../database.ts';
import type { Random } from '../../demo/random.ts';

/**
 * Consent to text reminders for the demo people: about 60% agree (numbers from Ofcom's drama range
 * 07700 900000-900999, which reach no one), some refuse, a few agreed and later withdrew; the rest were
 * never asked. Nothing is sent here: the running service's sweep writes tomorrow's reminders.
 */
export async function seedReminderDemo(db: Db, random: Random, today: string): Promise<void> {
  const people = await db.selectFrom('people').leftJoin('case_allocations as a', (join) => join.onRef('a.person_id', '=', 'people.id').on('a.ended_at', 'is', null))
    .select(['people.id', 'a.practitioner_id']).orderBy('people.id').execute();
  const rows: { person_id: number; consented: boolean; mobile: string | null; withdrawn: boolean; note: string | null; recorded_by: number | null; recorded_at: Date }[] = [];
  const dayBefore = (days: number) => new Date(new Date(`${today}T10:00:00Z`).getTime() - days * 86_400_000 + random.int(0, 6 * 3600) * 1000);
  for (const person of people) {
    const roll = random.next();
    const mobile = `+447700900${String(random.int(0, 999)).padStart(3, '0')}`;
    const by = person.practitioner_id ?? null;
    if (roll < 0.6) {
      rows.push({ person_id: person.id, consented: true, mobile, withdrawn: false, note: null, recorded_by: by, recorded_at: dayBefore(random.int(10, 300)) });
    } else if (roll < 0.7) {
      rows.push({ person_id: person.id, consented: false, mobile: null, withdrawn: false, note: random.pick(['Has no mobile phone', 'Prefers letters', null]), recorded_by: by, recorded_at: dayBefore(random.int(10, 300)) });
    } else if (roll < 0.75) {
      const agreed = random.int(60, 300);
      rows.push({ person_id: person.id, consented: true, mobile, withdrawn: false, note: null, recorded_by: by, recorded_at: dayBefore(agreed) });
      rows.push({ person_id: person.id, consented: false, mobile: null, withdrawn: true, note: random.pick(['Shares the phone with family', 'Changed number and did not give the new one', null]), recorded_by: by, recorded_at: dayBefore(random.int(1, agreed - 1)) });
    }
  }
  for (let i = 0; i < rows.length; i += 1000) await db.insertInto('reminder_consents').values(rows.slice(i, i + 1000)).execute();
}
