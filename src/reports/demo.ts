/**
 * Demonstration reports: a handful in each court team's queue (the teams with a court officer), for
 * people whose conviction awaits sentence where there are such, else for their latest event. Some are
 * unassigned, one is overdue, some are in progress with drafted sections, and one is awaiting
 * countersignature with its PDF (the only PDFs made at load). Deterministic for a seed.
 */
import { sql } from 'kysely';
import type { Db } from '../database.ts';
import type { Random } from '../demo/random.ts';
import { addDays } from '../platform/http/dates.ts';
import { renderPdf } from '../platform/pdf/document.ts';
import { emptyDraft, proposalSnapshot, type Draft } from './content.ts';
import { reportDocument } from './document.ts';
import { addVersion, moveReport, personFacts, references, requestReport, riskSnapshot } from './repository.ts';
import { forecastsFor } from './service.ts';
import type { ReportType } from './status.ts';

const OFFENCE = [
  'The offence was committed after an argument that escalated. In interview the person accepted responsibility, though they minimised the harm caused and attributed much of it to alcohol.',
  'The person describes the offence as opportunistic and committed to fund their drug use. They expressed some regret and recognised the effect on the shop staff.',
  'The person pleaded guilty at the first opportunity. They say they acted on impulse and had not thought about the consequences for the victim.',
];
const CIRCUMSTANCES = [
  'They live with a relative and have no stable accommodation of their own. They are unemployed and say they want to find work in construction.',
  'They have a long history of substance misuse and have engaged with treatment services before, with periods of abstinence.',
  'They have a supportive partner and care for a young child. Their finances are stretched and they have debts.',
];
const RISK = [
  'The risk of reoffending is linked to alcohol and to unstructured time. The risk of serious harm is to a known adult and rises when they are drinking.',
  'Offending is linked to alcohol use and unstable accommodation. Stable accommodation and treatment would reduce the likelihood of further offending.',
];

type Type = { type: ReportType; status: 'requested' | 'assigned' | 'in_progress' | 'awaiting_countersignature' };
const PLAN: readonly Type[] = [
  { type: 'standard', status: 'requested' },
  { type: 'short', status: 'requested' },
  { type: 'standard', status: 'assigned' },
  { type: 'short', status: 'in_progress' },
  { type: 'standard', status: 'in_progress' },
  { type: 'standard', status: 'awaiting_countersignature' },
];

function draftFor(random: Random, complete: boolean): Draft {
  const draft = emptyDraft();
  draft.sections.offenceAnalysis = random.pick(OFFENCE);
  draft.sections.circumstances = random.pick(CIRCUMSTANCES);
  if (complete) {
    draft.sections.riskAnalysis = random.pick(RISK);
    draft.proposal = {
      sentenceType: 'community_order', otherSentence: '', lengthMonths: random.pick([12, 18, 24]), custodialTermMonths: null,
      requirements: random.pick([['rehabilitation_activity', 'unpaid_work'], ['rehabilitation_activity'], ['unpaid_work']]), programmeCode: '',
      reasons: 'A community order would let the person address the causes of their offending while keeping their accommodation and family ties.',
    };
  }
  return draft;
}

export async function seedReportsDemo(db: Db, random: Random, today: string): Promise<void> {
  const officers = await db.selectFrom('users').select(['id', 'team_id', 'display_name']).where('role_code', '=', 'court-officer').where('team_id', 'is not', null).orderBy('id').execute();
  const refs = await references(db);
  for (const officer of officers) {
    const teamId = officer.team_id!;
    const writers = await db.selectFrom('users').select(['id', 'display_name']).where('team_id', '=', teamId).where('role_code', '=', 'practitioner').where('active', '=', true).orderBy('id').execute();
    // Cases in the court team's PDU, open to everyone (no access list), those awaiting sentence first.
    const candidates = await db.selectFrom('events as e')
      .innerJoin('case_allocations as a', (join) => join.onRef('a.person_id', '=', 'e.person_id').on('a.ended_at', 'is', null))
      .innerJoin('teams as t', 't.id', 'a.team_id')
      .leftJoin('sentences as s', 's.event_id', 'e.id')
      .distinctOn('e.person_id')
      .select(['e.person_id', 'e.id as event_id', 'e.court', 'e.next_hearing_on', sql<boolean>`s.id is null`.as('awaiting')])
      .where('t.pdu_id', '=', db.selectFrom('teams').select('pdu_id').where('id', '=', teamId))
      .where('e.person_id', 'not in', db.selectFrom('case_access_rules').select('person_id'))
      .where('e.person_id', 'not in', db.selectFrom('pre_sentence_reports').select('person_id'))
      .orderBy('e.person_id').orderBy(sql`s.id is null`, 'desc').orderBy('e.conviction_date', 'desc')
      .execute();
    const chosen = [...candidates.filter((c) => c.awaiting), ...candidates.filter((c) => !c.awaiting).map((c) => [random.next(), c] as const).sort((a, b) => a[0] - b[0]).map(([, c]) => c)].slice(0, PLAN.length);
    for (const [i, c] of chosen.entries()) {
      const plan = PLAN[i]!;
      const hearingOn = c.next_hearing_on && c.next_hearing_on >= today ? c.next_hearing_on : addDays(today, random.int(3, 21));
      // The second one is overdue: due yesterday for a hearing still to come.
      const dueOn = i === 1 ? addDays(today, -1) : [today, addDays(hearingOn, -1)].sort()[1]!;
      const id = await requestReport(db, c.person_id, {
        eventId: c.event_id, type: plan.type, court: c.court, hearingOn, dueOn,
        courtNotes: random.chance(0.5) ? 'The court is considering a community order and asks about suitability for unpaid work.' : '',
      }, { id: officer.id, teamId });
      if (plan.status === 'requested' || !writers.length) continue;
      const writer = writers[i % writers.length]!;
      const report = { id, person_id: c.person_id };
      await moveReport(db, report, { action: 'assign', from: 'requested', to: 'assigned', detail: `Assigned to ${writer.display_name}`, userId: officer.id, set: { assigned_to: writer.id } });
      if (plan.status === 'assigned') continue;
      const draft = draftFor(random, plan.status === 'awaiting_countersignature');
      await moveReport(db, report, { action: 'save', from: 'assigned', to: 'in_progress', userId: writer.id, set: { draft } });
      if (plan.status !== 'awaiting_countersignature') continue;
      const [risk, { pdu, forecasts }, person, event] = await Promise.all([
        riskSnapshot(db, c.person_id, today), forecastsFor(db, c.person_id, refs, today), personFacts(db, c.person_id, c.event_id),
        db.selectFrom('events').select('event_number').where('id', '=', c.event_id).executeTakeFirstOrThrow(),
      ]);
      const proposal = proposalSnapshot(draft.proposal, refs, pdu && { code: pdu.code, name: pdu.name }, forecasts, today);
      let pdf: Buffer;
      try {
        pdf = await renderPdf(reportDocument({
          person, report: { type: plan.type, court: c.court, hearingOn, eventNumber: event.event_number }, pdu, version: 1,
          author: writer.display_name, submittedOn: today, countersigned: null,
        }, draft, risk, proposal));
      } catch {
        continue; // no PDF renderer: the report stays in progress
      }
      await moveReport(db, report, { action: 'submit', from: 'in_progress', to: 'awaiting_countersignature', detail: 'Version 1 submitted', userId: writer.id });
      await addVersion(db, report, { sections: draft.sections, risk, proposal, pdf, authorId: writer.id, submittedBy: writer.id });
    }
  }
}
