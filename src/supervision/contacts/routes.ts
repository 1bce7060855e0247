import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { audit } from '../../audit/request-audit.ts';
import { can, PERMISSIONS } from '../../auth/current-user.ts';
import { requires } from '../../auth/plugin.ts';
import type { Db } from '../../database.ts';
import { openCase, openCasePage } from '../../people/case-page.ts';
import { HttpError, notFound } from '../../platform/http/errors.ts';
import { requirementProgress } from './counting.ts';
import { validateAppointment, validateContact, validateCorrection, validateOutcome, validateReschedule } from './forms.ts';
import { addDays } from '../../platform/http/dates.ts';
import { londonMidnight, londonParts, longDate } from '../../platform/uk-time.ts';
import { presentContact, presentProgress, presentVersions, weekHeading } from './presenter.ts';
import { contactOf, contactTypes, contactsPage, countedFor, diaryOf, diaryOwner, practitionerChoices, requirementsOf, teamMembers, toCounted, toRequirementsToCount, versionsOf, type ContactCursor } from './repository.ts';
import { bookAppointment, correctContact, OUTCOMES, recordContact, recordOutcome, rescheduleAppointment } from './service.ts';

type Body = Record<string, unknown>;
const whenValues = (instant: Date) => {
  const { date, time } = londonParts(instant);
  const [y, m, d] = date.split('-');
  return { 'date-day': String(Number(d)), 'date-month': String(Number(m)), 'date-year': y, time };
};
const contactIdParam = (raw: string) => {
  const id = /^\d{1,12}$/.test(raw) ? Number(raw) : 0;
  if (!id) throw notFound('There is no such contact on this case.');
  return id;
};
const CONTACTS_PAGE = 50;
/** The contacts page's cursor, `before=<the last contact's time>_<its id>`, as the "Older contacts" link writes it. */
const contactCursor = (raw: unknown): ContactCursor | null => {
  if (raw === undefined || raw === '') return null;
  const match = typeof raw === 'string' ? /^(\d{4}-\d{2}-\d{2}T[\d:.]+Z)_(\d{1,12})$/.exec(raw) : null;
  const startsAt = match ? new Date(match[1]!) : null;
  if (!match || !startsAt || Number.isNaN(startsAt.getTime())) throw new HttpError(400, 'The page of contacts asked for is not one this service links to: use the Older contacts link.');
  return { startsAt, contactId: Number(match[2]) };
};
/** A service refusal with field errors (400 or a 409 clash) shown on the form, anything else thrown on. */
const formError = (error: unknown): { status: number; errors: Record<string, string> } | null =>
  error instanceof HttpError && (error.statusCode === 400 || error.statusCode === 409)
    ? { status: error.statusCode, errors: error.fields && Object.keys(error.fields).length ? mapFields(error.fields) : { form: error.message } }
    : null;
// The service names startsAt; the form's field is the date input.
const mapFields = (fields: Record<string, string>) => Object.fromEntries(Object.entries(fields).map(([k, v]) => [k === 'startsAt' ? 'date' : k, v]));

/** Pages: a case's contacts with requirement progress, booking, recording, outcomes, corrections, and the diary. */
export async function contactRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const read = { onRequest: requires(PERMISSIONS.caseRead) };
  const record = { onRequest: requires(PERMISSIONS.contactsRecord) };
  const seesSensitive = (request: FastifyRequest) => can(request.user, PERMISSIONS.contactsSensitive);

  app.get('/people/:crn/contacts', read, async (request, reply) => {
    const before = contactCursor((request.query as { before?: unknown }).before);
    const { person, caseHeader } = await openCasePage(db, request, (request.params as { crn: string }).crn, 'case.contacts.read');
    const [requirements, page] = await Promise.all([requirementsOf(db, person.id), contactsPage(db, person.id, before, CONTACTS_PAGE)]);
    const counted = await countedFor(db, person.id, requirements.map((r) => r.id));
    const now = new Date();
    const names = new Map(requirements.map((r) => [r.id, r.name]));
    const progress = requirementProgress(toRequirementsToCount(requirements), toCounted(counted)).map((p) => presentProgress(p, names.get(p.requirementId) ?? p.requirementType));
    const saved = (request.query as { saved?: string }).saved;
    return reply.page('supervision/contacts/views/contacts.njk', {
      pageTitle: `Contacts - ${caseHeader.crn}`, caseHeader, progress,
      contacts: page.rows.map((r) => presentContact(r, person.crn, seesSensitive(request), now)),
      older: page.next ? `/people/${person.crn}/contacts?before=${encodeURIComponent(`${page.next.startsAt.toISOString()}_${page.next.contactId}`)}` : null,
      paged: !!before,
      canRecord: can(request.user, PERMISSIONS.contactsRecord),
      flash: saved ? 'The contact has been saved.' : undefined,
    });
  });

  // Booking: the form, then the service (type, requirement, clash checks) in a transaction.
  const appointmentPage = async (request: FastifyRequest, reply: FastifyReply, values: Body, errors?: Record<string, string>, status = 200) => {
    const { person, caseHeader } = await openCasePage(db, request, (request.params as { crn: string }).crn, 'case.contacts.read');
    const [types, requirements, practitioners] = await Promise.all([contactTypes(db), requirementsOf(db, person.id), practitionerChoices(db, request.user!, person.id)]);
    const appointmentTypes = types.filter((t) => t.appointment);
    return { person, ref: { appointmentTypes: appointmentTypes.map((t) => t.code), requirementIds: requirements.map((r) => r.id), practitionerIds: practitioners.choices.map((p) => p.id) },
      render: () => reply.code(status).page('supervision/contacts/views/new-appointment.njk', {
        pageTitle: 'Book an appointment', caseHeader, types: appointmentTypes, requirements, practitioners: practitioners.choices,
        values: { practitionerId: String(practitioners.choices.some((p) => p.id === request.user!.id) ? request.user!.id : practitioners.allocatedId ?? ''), ...values }, errors,
      }) };
  };
  app.get('/people/:crn/contacts/new-appointment', record, async (request, reply) => (await appointmentPage(request, reply, {})).render());
  app.post('/people/:crn/contacts/new-appointment', record, async (request, reply) => {
    const body = (request.body ?? {}) as Body;
    const { person, ref } = await appointmentPage(request, reply, body);
    const form = validateAppointment(body, ref, new Date());
    if (!form.ok) return (await appointmentPage(request, reply, body, form.errors, 400)).render();
    try {
      const { contactId } = await db.transaction().execute((trx) => bookAppointment(trx, { personId: person.id, ...form.value, bookedBy: request.user!.id }));
      await audit(db, request, { action: 'contact.book', personId: person.id, detail: { contactId, type: form.value.typeCode, startsAt: form.value.startsAt.toISOString() } });
      return reply.redirect(`/people/${person.crn}/contacts?saved=1`, 303);
    } catch (error) {
      const refused = formError(error);
      if (!refused) throw error;
      return (await appointmentPage(request, reply, body, refused.errors, refused.status)).render();
    }
  });

  // A contact that has happened.
  const contactPage = async (request: FastifyRequest, reply: FastifyReply, values: Body, errors?: Record<string, string>, status = 200) => {
    const { person, caseHeader } = await openCasePage(db, request, (request.params as { crn: string }).crn, 'case.contacts.read');
    const [types, requirements] = await Promise.all([contactTypes(db), requirementsOf(db, person.id)]);
    return reply.code(status).page('supervision/contacts/views/new-contact.njk', {
      pageTitle: 'Record a contact', caseHeader, types, requirements, outcomes: OUTCOMES.filter((o) => o.value !== 'rescheduled'), values, errors,
    });
  };
  app.get('/people/:crn/contacts/new', record, async (request, reply) => contactPage(request, reply, whenValues(new Date())));
  app.post('/people/:crn/contacts/new', record, async (request, reply) => {
    const body = (request.body ?? {}) as Body;
    // Saving needs the case (access checked and audited) and what the form is checked against; the page
    // around the form (the case header) is built only when the form is shown again with errors.
    const person = await openCase(db, request, (request.params as { crn: string }).crn, 'case.contacts.read');
    const chosenRequirement = typeof body.requirementId === 'string' && body.requirementId.trim() !== '';
    const [types, requirementIds] = await Promise.all([contactTypes(db), chosenRequirement ? requirementsOf(db, person.id).then((rows) => rows.map((r) => r.id)) : []]);
    const form = validateContact(body, { types, requirementIds }, new Date());
    if (!form.ok) return contactPage(request, reply, body, form.errors, 400);
    try {
      // A contact with no outcome can call for no enforcement review: it is a single insert, needing no transaction.
      const save = (trx: Db) => recordContact(trx, { personId: person.id, ...form.value, by: request.user!.id });
      const { contactId } = form.value.outcome ? await db.transaction().execute(save) : await save(db);
      await audit(db, request, { action: 'contact.record', personId: person.id, detail: { contactId, type: form.value.typeCode, outcome: form.value.outcome } });
      return reply.redirect(`/people/${person.crn}/contacts/${contactId}?saved=1`, 303);
    } catch (error) {
      const refused = formError(error);
      if (!refused) throw error;
      return contactPage(request, reply, body, refused.errors, refused.status);
    }
  });

  // One contact: its current version, its history, and the forms that add a version.
  const onePage = async (request: FastifyRequest, reply: FastifyReply, form?: { name: string; values: Body; errors: Record<string, string>; status: number }) => {
    const params = request.params as { crn: string; id: string };
    const { person, caseHeader } = await openCasePage(db, request, params.crn, 'case.contact.read');
    const id = contactIdParam(params.id);
    const row = await contactOf(db, person.id, id);
    if (!row) throw notFound(`There is no contact ${params.id} on case ${person.crn}.`);
    const sensitive = seesSensitive(request);
    const versions = await versionsOf(db, person.id, id);
    const contact = presentContact(row, person.crn, sensitive, new Date());
    const notesEditable = sensitive || !row.sensitive;
    const correctionDefaults = { ...whenValues(new Date(row.starts_at)), durationMinutes: String(row.duration_minutes), outcome: row.outcome ?? '', evidence: notesEditable ? row.outcome_evidence ?? '' : '',
      notes: notesEditable ? row.notes ?? '' : '', sensitive: row.sensitive ? 'yes' : '' };
    const saved = (request.query as { saved?: string }).saved;
    return {
      person, row, notesEditable,
      render: () => reply.code(form?.status ?? 200).page('supervision/contacts/views/contact.njk', {
        pageTitle: `${row.type_name} - ${person.crn}`, caseHeader, contact, versions: presentVersions(versions, sensitive),
        canRecord: can(request.user, PERMISSIONS.contactsRecord),
        outcomes: OUTCOMES.filter((o) => o.value !== 'rescheduled'),
        needsOutcome: row.appointment && !row.outcome, canReschedule: row.appointment && !row.outcome, notesEditable,
        form: form?.name, errors: form?.errors,
        values: { outcome: form?.name === 'outcome' ? form.values : {}, reschedule: form?.name === 'reschedule' ? form.values : {}, correct: form?.name === 'correct' ? form.values : correctionDefaults },
        flash: saved ? 'The contact has been saved.' : undefined,
      }),
    };
  };
  app.get('/people/:crn/contacts/:id', read, async (request, reply) => (await onePage(request, reply)).render());

  // A change needs the case (access checked and audited) and the contact; the page only when shown again with errors.
  const target = async (request: FastifyRequest) => {
    const params = request.params as { crn: string; id: string };
    const person = await openCase(db, request, params.crn, 'case.contact.read');
    const row = await contactOf(db, person.id, contactIdParam(params.id));
    if (!row) throw notFound(`There is no contact ${params.id} on case ${person.crn}.`);
    return { person, row, notesEditable: seesSensitive(request) || !row.sensitive };
  };
  const change = (name: string, action: string, work: (ctx: Awaited<ReturnType<typeof target>>, body: Body, request: FastifyRequest) => Promise<{ errors: Record<string, string> } | { detail: Record<string, unknown>; contactId?: number }>) =>
    app.post(`/people/:crn/contacts/:id/${name}`, record, async (request, reply) => {
      const body = (request.body ?? {}) as Body;
      const ctx = await target(request);
      let result;
      try {
        result = await work(ctx, body, request);
      } catch (error) {
        const refused = formError(error);
        if (!refused) throw error;
        return (await onePage(request, reply, { name, values: body, errors: refused.errors, status: refused.status })).render();
      }
      if ('errors' in result) return (await onePage(request, reply, { name, values: body, errors: result.errors, status: 400 })).render();
      await audit(db, request, { action, personId: ctx.person.id, detail: { contactId: ctx.row.contact_id, ...result.detail } });
      return reply.redirect(`/people/${ctx.person.crn}/contacts/${result.contactId ?? ctx.row.contact_id}?saved=1`, 303);
    });

  change('outcome', 'contact.outcome', async ({ row }, body, request) => {
    const form = validateOutcome(body);
    if (!form.ok) return form;
    await db.transaction().execute((trx) => recordOutcome(trx, row.contact_id, { ...form.value, notes: form.value.notes ?? row.notes, sensitive: form.value.sensitive || row.sensitive, by: request.user!.id }));
    return { detail: { outcome: form.value.outcome } };
  });
  change('reschedule', 'contact.reschedule', async ({ row }, body, request) => {
    const form = validateReschedule(body, new Date());
    if (!form.ok) return form;
    const { newContactId } = await db.transaction().execute((trx) => rescheduleAppointment(trx, row.contact_id, { newStartsAt: form.value.startsAt, reason: form.value.reason, by: request.user!.id }));
    return { detail: { newContactId, reason: form.value.reason }, contactId: newContactId };
  });
  change('correct', 'contact.correct', async ({ row, notesEditable }, body, request) => {
    const form = validateCorrection(body, { appointment: row.appointment, rescheduled: row.outcome === 'rescheduled', notesEditable });
    if (!form.ok) return form;
    const v = form.value;
    await db.transaction().execute((trx) => correctContact(trx, row.contact_id, {
      startsAt: v.startsAt, durationMinutes: v.durationMinutes, outcome: v.outcome, evidence: v.evidence, notes: v.notes,
      sensitive: notesEditable ? v.sensitive : undefined, reason: v.reason, by: request.user!.id,
    }));
    return { detail: { reason: v.reason, outcome: v.outcome } };
  });

  // The diary: a week of a practitioner's appointments; managers may look at their team's.
  app.get('/diary', { onRequest: requires() }, async (request, reply) => {
    const user = request.user!;
    const query = request.query as { week?: string; practitioner?: string };
    const today = londonParts(new Date()).date;
    const wanted = typeof query.week === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(query.week) && !Number.isNaN(Date.parse(`${query.week}T00:00:00Z`))
      && new Date(`${query.week}T00:00:00Z`).toISOString().slice(0, 10) === query.week ? query.week : today;
    const dow = (new Date(`${wanted}T00:00:00Z`).getUTCDay() + 6) % 7;
    const monday = addDays(wanted, -dow);
    let ownerId = user.id;
    if (query.practitioner !== undefined && query.practitioner !== '' && query.practitioner !== String(user.id)) {
      if (!can(user, PERMISSIONS.casesAllocate)) throw new HttpError(403, 'Only a team manager can look at another practitioner\'s diary.');
      const id = /^\d{1,9}$/.test(query.practitioner) ? Number(query.practitioner) : 0;
      const other = id ? await diaryOwner(db, id) : undefined;
      if (!other) throw notFound('There is no such practitioner.');
      if (other.team_id !== user.teamId) throw new HttpError(403, 'You can look at the diaries of your own team only.');
      ownerId = id;
    }
    const owner = (await diaryOwner(db, ownerId))!;
    const rows = await diaryOf(db, user, ownerId, londonMidnight(monday), londonMidnight(addDays(monday, 7)));
    const now = new Date();
    const days = Array.from({ length: 7 }, (_, i) => addDays(monday, i)).map((date) => ({
      date, heading: longDate(date), today: date === today,
      appointments: rows.filter((r) => londonParts(new Date(r.starts_at)).date === date).map((r) => ({
        time: londonParts(new Date(r.starts_at)).time, type: r.type_name, crn: r.crn, viewable: r.viewable,
        name: r.viewable ? `${r.first_name} ${r.last_name}` : 'Restricted', location: r.viewable ? r.location : null,
        href: `/people/${r.crn}/contacts/${r.contact_id}`,
        tag: presentContact({ ...r, appointment: true, outcome_evidence: null, counts_for_compliance: true, notes: null, sensitive: false, practitioner_name: null, requirement_name: null, change: 'booked', rescheduled_to_contact_id: null }, r.crn, false, now).tag,
      })),
    }));
    await audit(db, request, { action: 'diary.read', detail: { practitionerId: ownerId, week: monday } });
    const suffix = ownerId === user.id ? '' : `&practitioner=${ownerId}`;
    return reply.page('supervision/contacts/views/diary.njk', {
      pageTitle: ownerId === user.id ? 'My diary' : `Diary of ${owner.display_name}`, heading: weekHeading(monday), days,
      own: ownerId === user.id, ownerName: owner.display_name,
      previous: `/diary?week=${addDays(monday, -7)}${suffix}`, next: `/diary?week=${addDays(monday, 7)}${suffix}`, thisWeek: `/diary${ownerId === user.id ? '' : `?practitioner=${ownerId}`}`,
      team: can(user, PERMISSIONS.casesAllocate) && user.teamId ? await teamMembers(db, user.teamId) : [], ownerId, week: monday,
    });
  });
}
