import type { Insertable } from 'kysely';
import type { Db } from '../../database.ts';
import type { Random } from '../../demo/random.ts';
import { inBatches } from '../../platform/db/batches.ts';
import { contactTimes } from './repository.ts';
import { addDays, contactCounts, weekStart } from './rules.ts';
import type { WorkTimeEntriesTable } from './tables.ts';

const WEEKS = 26;
type Kind = 'reports' | 'admin' | 'travel' | 'training' | 'meetings' | 'other';
const NOTES: Partial<Record<Kind, string[]>> = {
  reports: ['Pre-sentence report', 'OASys review', 'Parole report', 'Breach report', 'Risk management plan review'],
  admin: ['Case recording', 'Emails and phone messages', 'Referrals to partner agencies', 'Letters and appointment cards'],
  travel: ['Travel to home visits', 'Travel to court', 'Travel to HMP Durham'],
  meetings: ['Team meeting', 'Supervision with SPO', 'MAPPA meeting', 'MARAC', 'Case conference'],
  training: ['Mandatory e-learning', 'Safeguarding training'],
};

/**
 * Other work time for every demo practitioner over the last 26 weeks, from the day their contacts (the
 * contacts demo) start: each week, enough reports and admin (most), travel, meetings, training and other
 * work that, with the week's contacts, the share lands near the person's own usual share, a quarter to two
 * fifths (officers spend up to three-quarters of their time away from the people they supervise: Justice
 * Committee), varied by week and capped at their contracted hours. Leave and sickness days (staff absences)
 * have nothing; training absences are a day's training. The page counts only these recorded minutes.
 */
export async function seedTimeDemo(db: Db, random: Random, today: string): Promise<void> {
  const staff = await db.selectFrom('users as u').leftJoin('staff_profiles as sp', 'sp.user_id', 'u.id')
    .select(['u.id', 'u.grade', 'sp.contracted_hours']).where('u.grade', 'is not', null).where('u.active', '=', true).where('u.service_account', '=', false)
    .where('u.team_id', 'is not', null).orderBy('u.id').execute();
  if (!staff.length) return;
  const ids = staff.map((s) => s.id);
  const from = addDays(weekStart(today), -7 * (WEEKS - 1));
  const [contacts, absences, cases] = await Promise.all([
    contactTimes(db, ids, from, today),
    db.selectFrom('staff_absences').select(['user_id', 'kind', 'starts_on', 'ends_on']).where('user_id', 'in', ids).where('ends_on', '>=', from).execute(),
    db.selectFrom('case_allocations').select(['practitioner_id', 'person_id']).where('practitioner_id', 'in', ids).where('ended_at', 'is', null).execute(),
  ]);
  const rows: Insertable<WorkTimeEntriesTable>[] = [];
  for (const s of staff) {
    const mine = contacts.filter((c) => c.userId === s.id && contactCounts(c));
    if (!mine.length) continue; // no contacts recorded: nothing to set other work against
    const first = mine.reduce((m, c) => (c.date < m ? c.date : m), today);
    const direct = new Map<string, number>(), all = new Map<string, number>();
    for (const c of mine) {
      const w = weekStart(c.date);
      all.set(w, (all.get(w) ?? 0) + c.minutes);
      if (c.directEngagement) direct.set(w, (direct.get(w) ?? 0) + c.minutes);
    }
    const off = new Map<string, string>();
    for (const a of absences.filter((x) => x.user_id === s.id)) for (let d = a.starts_on; d <= a.ends_on; d = addDays(d, 1)) off.set(d, a.kind);
    const caseIds = cases.filter((c) => c.practitioner_id === s.id).map((c) => c.person_id);
    const dailyMinutes = (Number(s.contracted_hours ?? 37) / 5) * 60;
    // Each person has their own share of time with people (a quarter to two fifths) and mix of other work.
    const usualShare = 0.25 + random.next() * 0.13;
    const mix: [Kind, number][] = [
      ['reports', s.grade === 'PSO' ? 18 : 30 + random.int(0, 10)], ['admin', 32 + random.int(0, 12)], ['travel', 8 + random.int(0, 8)],
      ['meetings', s.grade === 'SPO' ? 25 : 10 + random.int(0, 6)], ['training', 2 + random.int(0, 4)], ['other', 2 + random.int(0, 3)],
    ];
    for (let week = weekStart(first); week <= today; week = addDays(week, 7)) {
      const days = [0, 1, 2, 3, 4].map((i) => addDays(week, i)).filter((d) => d <= today);
      if (!days.length) continue;
      const training = days.filter((d) => off.get(d) === 'training');
      const working = days.filter((d) => !off.has(d));
      for (const d of training) rows.push(entry(s.id, d, 'training', Math.round(dailyMinutes / 15) * 15, random.pick(NOTES.training!), null));
      if (!working.length && !all.has(week)) continue; // a week of leave: nothing recorded
      // The other work that, with the week's contacts, gives about this person's usual share (varied by week),
      // but never more than the hours they were at work nor less than an hour a working day.
      const share = Math.min(0.6, Math.max(0.15, usualShare + (random.next() - 0.5) * 0.14));
      const atWork = dailyMinutes * Math.max(1, working.length);
      const wanted = (direct.get(week) ?? 0) / share - (all.get(week) ?? 0);
      let remaining = Math.round(Math.min(atWork, Math.max(60 * Math.max(1, working.length), wanted)) / 15) * 15;
      const workDays = working.length ? working : days;
      const byDayKind = new Map<string, number>();
      while (remaining > 0) {
        const minutes = Math.min(remaining, 15 * random.int(2, 10));
        const key = `${random.pick(workDays)}|${random.weighted(mix)}`;
        byDayKind.set(key, (byDayKind.get(key) ?? 0) + minutes);
        remaining -= minutes;
      }
      for (const [key, minutes] of byDayKind) {
        const [date, kind] = key.split('|') as [string, Kind];
        const note = NOTES[kind] && random.chance(0.5) ? random.pick(NOTES[kind]!) : null;
        rows.push(entry(s.id, date, kind, Math.min(minutes, 1440), note, kind === 'reports' && caseIds.length && random.chance(0.6) ? random.pick(caseIds) : null));
      }
    }
  }
  await inBatches(rows, async (batch) => { await db.insertInto('work_time_entries').values(batch).execute(); });
}

function entry(userId: number, workedOn: string, kind: Kind, minutes: number, note: string | null, personId: number | null): Insertable<WorkTimeEntriesTable> {
  return { supersedes_id: null, user_id: userId, worked_on: workedOn, kind, minutes, note, person_id: personId, change: 'recorded', change_reason: null, recorded_by: userId };
}
