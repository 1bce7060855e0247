/**
 * The two things that happen to an alleged breach, each in one transaction: a partner reports it (matched
 * to a case, stored once per reference, the responsible practitioner told), and probation decides it.
 * Accepting records the failure through the contacts service, which asks enforcement what follows; the
 * next step (a warning, breach action) is then a practitioner's decision there, never the partner's.
 */
import type { CurrentUser } from '../../auth/current-user.ts';
import type { Db } from '../../database.ts';
import { recordContact } from '../contacts/service.ts';
import { byReference, matchPerson, recipientsFor, requirementFor } from './repository.ts';
import { contactForAcceptance, KINDS, sameReport, type DecisionInput, type ReportInput } from './rules.ts';

export type ReportResult =
  | { kind: 'created' | 'repeated'; id: number; status: string; personId: number }
  | { kind: 'conflict'; id: number }
  | { kind: 'no-match' };

/** Call inside a transaction (`trx`): the demo load runs it inside its own. */
export async function reportAllegedBreach(trx: Db, user: Pick<CurrentUser, 'id' | 'agencyCode'>, input: ReportInput): Promise<ReportResult> {
  const person = await matchPerson(trx, input);
  if (!person) return { kind: 'no-match' } as const;
  const inserted = await trx.insertInto('alleged_breaches').values({
    person_id: person.id, agency_code: user.agencyCode, reported_by: user.id, reporter_reference: input.reference,
    failure_date: input.failureDate, kind: input.kind, activity: input.activity, activity_detail: input.activityDetail,
    description: input.description, contact_name: input.contactName,
  }).onConflict((oc) => oc.columns(['agency_code', 'reporter_reference']).doNothing()).returning(['id', 'status']).executeTakeFirst();
  if (!inserted) {
    // The same reference again: harmless if it says the same thing, a conflict if it says something else.
    const stored = (await byReference(trx, user.agencyCode, input.reference))!;
    return sameReport(stored, person.id, input)
      ? { kind: 'repeated', id: stored.id, status: stored.status, personId: stored.person_id } as const
      : { kind: 'conflict', id: stored.id } as const;
  }
  const agency = await trx.selectFrom('agencies').select('name').where('code', '=', user.agencyCode).executeTakeFirstOrThrow();
  const recipients = await recipientsFor(trx, person.id, person);
  if (recipients.length) {
    await trx.insertInto('notifications').values(recipients.map((user_id) => ({
      person_id: person.id, user_id, kind: 'alleged-breach',
      message: `Alleged breach for ${person.crn} reported by ${agency.name}: ${KINDS[input.kind].toLowerCase()} on ${input.failureDate}. It needs your decision.`,
      link: `/alleged-breaches/${inserted.id}`,
    }))).execute();
  }
  return { kind: 'created', id: inserted.id, status: inserted.status, personId: person.id } as const;
}

export type DecideResult = { kind: 'decided'; contactId: number | null } | { kind: 'already-decided' };

/** Records probation's decision once: the row is locked so two deciders cannot both record one. */
export async function decideAllegedBreach(trx: Db, user: Pick<CurrentUser, 'id'>, id: number, decision: DecisionInput): Promise<DecideResult> {
  const row = await trx.selectFrom('alleged_breaches').selectAll().where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
  if (row.status !== 'reported') return { kind: 'already-decided' } as const;
  let contactId: number | null = null;
  if (decision.decision === 'accept') {
    const { typeCode, outcome } = contactForAcceptance(row.kind, row.activity);
    const requirement = await requirementFor(trx, row.person_id, row.activity);
    const agency = await trx.selectFrom('agencies').select('name').where('code', '=', row.agency_code).executeTakeFirstOrThrow();
    const practitioner = await trx.selectFrom('case_allocations as a').innerJoin('users as u', 'u.id', 'a.practitioner_id').select('a.practitioner_id')
      .where('a.person_id', '=', row.person_id).where('a.ended_at', 'is', null).where('u.active', '=', true).executeTakeFirst();
    // The failure happened on the partner's day; the record says when it was, never a time in the future.
    const startsAt = new Date(Math.min(Date.parse(`${row.failure_date}T09:00:00Z`), Date.now()));
    ({ contactId } = await recordContact(trx, {
      personId: row.person_id,
      typeCode,
      practitionerId: practitioner?.practitioner_id ?? user.id,
      startsAt,
      location: agency.name,
      requirementId: requirement?.id ?? null,
      outcome,
      // Time with the provider, not with probation: it is not direct engagement.
      directEngagement: false,
      notes: `Alleged breach ${row.id} reported by ${agency.name} (their reference ${row.reporter_reference}, contact ${row.contact_name}), accepted as a failure to comply.\n\n${row.description}${decision.reason ? `\n\nProbation's note: ${decision.reason}` : ''}`,
      by: user.id,
    }));
  }
  await trx.updateTable('alleged_breaches').set({
    status: decision.decision === 'accept' ? 'accepted' : 'not_accepted', decided_by: user.id, decided_at: new Date(),
    decision_reason: decision.reason, partner_note: decision.partnerNote, contact_id: contactId,
  }).where('id', '=', id).execute();
  return { kind: 'decided', contactId } as const;
}
