import type { FastifyInstance, FastifyRequest } from 'fastify';
import { recalculateTier } from '../assessment/tier/recalculate.ts';
import { audit } from '../audit/request-audit.ts';
import { can, PERMISSIONS } from '../auth/current-user.ts';
import { requires } from '../auth/plugin.ts';
import type { Db } from '../database.ts';
import { openCasePage, type CaseHeader } from '../people/case-page.ts';
import { HttpError } from '../platform/http/errors.ts';
import { endingItems, presentConvictionForm, presentEvent } from './presenter.ts';
import { recordConviction } from './record-conviction.ts';
import { activeSentence, convictionReferences, endSentence, eventsFor } from './repository.ts';
import { validateConviction, validateEnding } from './rules.ts';

const todayIso = () => new Date().toISOString().slice(0, 10);
const VIEWS = 'sentencing/views';
type Values = Record<string, unknown>;
type Person = { id: number; crn: string };

/** The Sentence tab: a case's events with their sentences, recording a conviction, and ending a sentence. */
export async function sentencingRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const read = { onRequest: requires(PERMISSIONS.caseRead) };
  const manage = { onRequest: requires(PERMISSIONS.sentencesManage) };
  const crnOf = (request: FastifyRequest) => (request.params as { crn: string }).crn;
  const dateOfBirth = async (personId: number) =>
    (await db.selectFrom('people').select('date_of_birth').where('id', '=', personId).executeTakeFirstOrThrow()).date_of_birth;

  const listPage = async (request: FastifyRequest, person: Person, caseHeader: CaseHeader, extra: { flash?: string; errors?: Record<string, string>; ending?: { number: number; values: Values } } = {}) => ({
    pageTitle: `Sentence for ${person.crn}`,
    crn: person.crn,
    caseHeader,
    events: (await eventsFor(db, person.id)).map((event) => {
      const typed = extra.ending?.number === event.event_number ? extra.ending.values : undefined;
      return { ...presentEvent(event, todayIso()), endings: endingItems(typed), endValues: typed ?? {} };
    }),
    canManage: can(request.user, PERMISSIONS.sentencesManage),
    flash: extra.flash,
    errors: extra.errors,
  });

  app.get('/people/:crn/events', read, async (request, reply) => {
    const { person, caseHeader } = await openCasePage(db, request, crnOf(request), 'case.events.read');
    const saved = (request.query as { saved?: string }).saved;
    return reply.page(`${VIEWS}/events.njk`, await listPage(request, person, caseHeader, {
      flash: saved ? 'The sentence has been saved and the scores and tier recalculated.' : undefined,
    }));
  });

  const formPage = async (person: Person, caseHeader: CaseHeader, values: Values = {}, errors?: Record<string, string>) => ({
    pageTitle: `Record a conviction for ${person.crn}`,
    crn: person.crn,
    caseHeader,
    values,
    options: presentConvictionForm(await convictionReferences(db), values),
    errors,
  });

  app.get('/people/:crn/events/new', manage, async (request, reply) => {
    const { person, caseHeader } = await openCasePage(db, request, crnOf(request), 'case.events.read');
    return reply.page(`${VIEWS}/new.njk`, await formPage(person, caseHeader));
  });

  app.post('/people/:crn/events', manage, async (request, reply) => {
    const { person, caseHeader } = await openCasePage(db, request, crnOf(request), 'case.events.read');
    const body = (request.body ?? {}) as Values;
    const validated = validateConviction(body, await convictionReferences(db), { dateOfBirth: await dateOfBirth(person.id) }, todayIso());
    if (!validated.ok) return reply.code(400).page(`${VIEWS}/new.njk`, await formPage(person, caseHeader, body, validated.errors));
    const { event } = await recordConviction(db, person.id, validated.value, request.user!.id);
    await audit(db, request, { action: 'event.create', personId: person.id, detail: { event: event.event_number, sentence: validated.value.sentence.type } });
    return reply.redirect(`/people/${person.crn}/events?saved=1`, 303);
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
    await db.transaction().execute(async (trx) => {
      await endSentence(trx, sentence.id, ending.value, request.user!.id);
      await recalculateTier(trx, person.id, `Sentence ended (event ${number})`, request.user!.id);
    });
    await audit(db, request, { action: 'sentence.end', personId: person.id, detail: { event: number, status: ending.value.status } });
    return reply.redirect(`/people/${person.crn}/events?saved=1`, 303);
  });
}
