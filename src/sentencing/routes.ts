import type { FastifyInstance, FastifyRequest } from 'fastify';
import { audit } from '../audit/request-audit.ts';
import { can, PERMISSIONS } from '../auth/current-user.ts';
import { requires } from '../auth/plugin.ts';
import type { Db } from '../database.ts';
import { openCasePage, type CaseHeader } from '../people/case-page.ts';
import { HttpError } from '../platform/http/errors.ts';
import { forecastsAt, pduForPerson } from './forecast/service.ts';
import { endingItems, presentConvictionForm, presentEvent, presentSentenceForm, presentStanding } from './presenter.ts';
import { endOrder, recordConviction, recordSentence } from './record-conviction.ts';
import { activeSentence, convictionReferences, eventByNumber, eventsFor, sentenceStanding } from './repository.ts';
import { validateConviction, validateEnding, validateSentence } from './rules.ts';

const todayIso = () => new Date().toISOString().slice(0, 10);
const VIEWS = 'sentencing/views';
type Values = Record<string, unknown>;
type Person = { id: number; crn: string };

/** A whole positive event number from the URL, or a 404 that says so. */
export function eventNumberOf(request: FastifyRequest): number {
  const raw = (request.params as { number: string }).number;
  const number = /^\d{1,9}$/.test(raw) ? Number(raw) : NaN;
  if (!(number > 0)) throw new HttpError(404, `${raw} is not an event number. Events are numbered 1, 2, 3 on each case.`);
  return number;
}

/** The Sentence tab: a case's events with their sentences, recording a conviction or a sentence, and ending a sentence. */
export async function sentencingRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const read = { onRequest: requires(PERMISSIONS.caseRead) };
  const manage = { onRequest: requires(PERMISSIONS.sentencesManage) };
  const crnOf = (request: FastifyRequest) => (request.params as { crn: string }).crn;
  const dateOfBirth = async (personId: number) =>
    (await db.selectFrom('people').select('date_of_birth').where('id', '=', personId).executeTakeFirstOrThrow()).date_of_birth;

  const listPage = async (request: FastifyRequest, person: Person, caseHeader: CaseHeader, extra: { flash?: string; errors?: Record<string, string>; ending?: { number: number; values: Values } } = {}) => {
    const events = await eventsFor(db, person.id);
    return {
      pageTitle: `Sentence for ${person.crn}`,
      crn: person.crn,
      caseHeader,
      standing: presentStanding(await sentenceStanding(db, person.id)),
      awaitingCount: events.filter((e) => !e.sentence).length,
      events: events.map((event) => {
        const typed = extra.ending?.number === event.event_number ? extra.ending.values : undefined;
        return { ...presentEvent(event, todayIso()), endings: endingItems(typed), endValues: typed ?? {} };
      }),
      canManage: can(request.user, PERMISSIONS.sentencesManage),
      flash: extra.flash,
      errors: extra.errors,
    };
  };

  app.get('/people/:crn/events', read, async (request, reply) => {
    const { person, caseHeader } = await openCasePage(db, request, crnOf(request), 'case.events.read');
    const saved = (request.query as { saved?: string }).saved;
    return reply.page(`${VIEWS}/events.njk`, await listPage(request, person, caseHeader, {
      flash: saved ? 'Saved. The scores and tier have been recalculated.' : undefined,
    }));
  });

  /** The sentence part of a form, with the start-date forecast for each requirement at the person's PDU. */
  const sentenceOptions = async (personId: number, values: Values, errors?: Record<string, string>) => {
    const refs = await convictionReferences(db);
    const pdu = await pduForPerson(db, personId);
    const keys = [...refs.requirementTypes.map((t) => t.code), ...refs.programmes.map((p) => `accredited_programme:${p.code}`)];
    const forecasts = pdu ? await forecastsAt(db, pdu.id, todayIso(), keys) : new Map();
    return { refs, sentence: presentSentenceForm(refs, values, errors, forecasts, pdu) };
  };

  const formPage = async (person: Person, caseHeader: CaseHeader, values: Values = {}, errors?: Record<string, string>) => {
    const { refs, sentence } = await sentenceOptions(person.id, values, errors);
    return {
      pageTitle: `Record a conviction for ${person.crn}`,
      crn: person.crn,
      caseHeader,
      values,
      options: { ...presentConvictionForm(refs, values), sentence },
      errors,
    };
  };

  app.get('/people/:crn/events/new', manage, async (request, reply) => {
    const { person, caseHeader } = await openCasePage(db, request, crnOf(request), 'case.events.read');
    return reply.page(`${VIEWS}/new.njk`, await formPage(person, caseHeader));
  });

  app.post('/people/:crn/events', manage, async (request, reply) => {
    const { person, caseHeader } = await openCasePage(db, request, crnOf(request), 'case.events.read');
    const body = (request.body ?? {}) as Values;
    const validated = validateConviction(body, await convictionReferences(db), { dateOfBirth: await dateOfBirth(person.id) }, todayIso());
    if (!validated.ok) return reply.code(400).page(`${VIEWS}/new.njk`, await formPage(person, caseHeader, body, validated.errors));
    const { event } = await recordConviction(db, person.id, validated.value, request.user!.id, todayIso());
    await audit(db, request, { action: 'event.create', personId: person.id, detail: { event: event.event_number, outcome: validated.value.outcome, sentence: validated.value.sentence?.type ?? null } });
    return reply.redirect(`/people/${person.crn}/events?saved=1`, 303);
  });

  /** The event awaiting sentence, or a 404 / 409 that says why there is nothing to sentence. */
  const awaitingEvent = async (person: Person, number: number) => {
    const event = await eventByNumber(db, person.id, number);
    if (!event) throw new HttpError(404, `There is no event ${number} on this case.`);
    if (event.sentence_id) throw new HttpError(409, `Event ${number} already has a sentence: an event can have only one.`);
    return event;
  };

  const sentencePage = async (person: Person, caseHeader: CaseHeader, number: number, values: Values = {}, errors?: Record<string, string>) => {
    const event = (await eventsFor(db, person.id)).find((e) => e.event_number === number)!;
    const { sentence } = await sentenceOptions(person.id, values, errors);
    return {
      pageTitle: `Record the sentence for event ${number}, ${person.crn}`,
      crn: person.crn,
      caseHeader,
      event: presentEvent(event, todayIso()),
      values,
      options: { sentence },
      errors,
    };
  };

  app.get('/people/:crn/events/:number/sentence', manage, async (request, reply) => {
    const { person, caseHeader } = await openCasePage(db, request, crnOf(request), 'case.events.read');
    const number = eventNumberOf(request);
    await awaitingEvent(person, number);
    return reply.page(`${VIEWS}/sentence.njk`, await sentencePage(person, caseHeader, number));
  });

  app.post('/people/:crn/events/:number/sentence', manage, async (request, reply) => {
    const { person, caseHeader } = await openCasePage(db, request, crnOf(request), 'case.events.read');
    const number = eventNumberOf(request);
    const event = await awaitingEvent(person, number);
    const body = (request.body ?? {}) as Values;
    const validated = validateSentence(body, await convictionReferences(db), { dateOfBirth: await dateOfBirth(person.id) }, todayIso(), { convictionDate: event.conviction_date });
    if (!validated.ok) return reply.code(400).page(`${VIEWS}/sentence.njk`, await sentencePage(person, caseHeader, number, body, validated.errors));
    const saved = await recordSentence(db, person.id, event, validated.value, request.user!.id, todayIso());
    if (saved.status === 'sentenced') throw new HttpError(409, `Event ${number} already has a sentence: an event can have only one.`);
    await audit(db, request, { action: 'sentence.create', personId: person.id, detail: { event: number, sentence: validated.value.type } });
    return reply.redirect(`/people/${person.crn}/events?saved=1#event-${number}`, 303);
  });

  app.post('/people/:crn/events/:number/end', manage, async (request, reply) => {
    const { person, caseHeader } = await openCasePage(db, request, crnOf(request), 'case.events.read');
    const number = Number((request.params as { number: string }).number);
    const sentence = Number.isSafeInteger(number) && number > 0 ? await activeSentence(db, person.id, number) : undefined;
    if (!sentence) throw new HttpError(404, 'There is no active sentence for that event on this case. It may have ended already.');
    const body = (request.body ?? {}) as Values;
    const ending = validateEnding(body, sentence.sentenced_on, todayIso());
    if (!ending.ok) {
      const errors = Object.fromEntries(Object.entries(ending.errors).map(([field, text]) => [`end-${number}-${field}`, text]));
      return reply.code(400).page(`${VIEWS}/events.njk`, await listPage(request, person, caseHeader, { errors, ending: { number, values: body } }));
    }
    await endOrder(db, person.id, sentence, ending.value, request.user!.id);
    await audit(db, request, { action: 'sentence.end', personId: person.id, detail: { event: number, status: ending.value.status } });
    return reply.redirect(`/people/${person.crn}/events?saved=1`, 303);
  });
}
