import type { FastifyInstance, FastifyRequest } from 'fastify';
import { audit } from '../../audit/request-audit.ts';
import { can, PERMISSIONS } from '../../auth/current-user.ts';
import { requires } from '../../auth/plugin.ts';
import type { Db } from '../../database.ts';
import { ROSH_LEVELS } from '../../assessment/rosh/rules.ts';
import { LEVEL_NAMES } from '../../assessment/rosh/rules.ts';
import { openCasePage } from '../../people/case-page.ts';
import { HttpError } from '../../platform/http/errors.ts';
import { formatDateTime } from '../../platform/views/render.ts';
import { ENFORCEMENT_LABELS } from './enforcement-status.ts';
import { parseDefaultsForm } from './forms.ts';
import { ENFORCEMENT_STATES, filterCases, isFiltered, parseListQuery, sortCases } from './list.ts';
import { myCaseload } from './my-cases.ts';
import { caseRows, contactTag, presentEntry, sortableHead } from './presenter.ts';
import { changeDefaults, contactLevelDefaults, defaultChanges, endOverride, overrideHistory, setOverride } from './repository.ts';
import { frequencyText, parseFrequency, parseReason } from './rules.ts';
import { contactLevelOf } from './service.ts';
import { parseTimelineQuery, windowOf } from './timeline/query.ts';
import { timelineOf } from './timeline/timeline.ts';
import { KIND_CODES, TIMELINE_KINDS } from './timeline/types.ts';

const VIEWS = 'supervision/caseload/views';
const todayIso = () => new Date().toISOString().slice(0, 10);
type Body = Record<string, unknown>;

/** Setting a case's contact level: practitioners who hold cases and their managers. */
export const mayChangeLevel = (request: FastifyRequest) => can(request.user, PERMISSIONS.caseloadHold) || can(request.user, PERMISSIONS.casesAllocate);
async function changesLevels(request: FastifyRequest) {
  if (!mayChangeLevel(request)) throw new HttpError(403, 'Your role does not allow you to set a contact level. It needs caseload:hold or cases:allocate.');
}

/** My cases, the case timeline, a case's contact level and the managers' contact level defaults. */
export async function caseloadRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const canRead = { onRequest: requires(PERMISSIONS.caseRead) };

  app.get('/cases', { ...canRead, config: { checksSession: true } }, async (request, reply) => {
    const today = todayIso();
    const query = parseListQuery(request.query as Body);
    const all = await myCaseload(db, request, today);
    const shown = sortCases(filterCases(all, query), query);
    const option = (value: string, text: string, selected: boolean) => ({ value, text, selected });
    return reply.page('people/views/my-cases.njk', {
      pageTitle: 'My cases', count: all.length, shownCount: shown.length, filtered: isFiltered(query), query,
      head: sortableHead(query), rows: caseRows(shown, today),
      tierItems: [option('', 'Any tier', !query.tier), ...['A', 'B', 'C', 'D'].map((t) => option(t, `Tier ${t}`, query.tier === t))],
      roshItems: [option('', 'Any RoSH', !query.rosh), ...ROSH_LEVELS.map((l) => option(l, LEVEL_NAMES[l], query.rosh === l))],
      enforcementItems: [option('', 'Any status', !query.enforcement), ...ENFORCEMENT_STATES.map((s) => option(s, ENFORCEMENT_LABELS[s], query.enforcement === s))],
    });
  });

  app.get('/people/:crn/timeline', canRead, async (request, reply) => {
    const { crn } = request.params as { crn: string };
    const { person, caseHeader } = await openCasePage(db, request, crn, 'case.timeline.read');
    const raw = request.query as Body;
    const parsed = parseTimelineQuery(raw);
    const kindItems = (chosen: readonly string[]) => KIND_CODES.map((k) => ({ value: k, text: TIMELINE_KINDS[k], checked: chosen.includes(k) }));
    const chosenRaw = Array.isArray(raw.kinds) ? raw.kinds.map(String) : typeof raw.kinds === 'string' ? [raw.kinds] : [];
    const values = { from: typeof raw.from === 'string' ? raw.from : '', to: typeof raw.to === 'string' ? raw.to : '' };
    if (!parsed.ok) {
      return reply.code(400).page(`${VIEWS}/timeline.njk`, { pageTitle: `Timeline: ${caseHeader.name}`, caseHeader, crn: person.crn, errors: parsed.errors, values, kindItems: kindItems(chosenRaw), entries: [] });
    }
    const q = parsed.value;
    const page = await timelineOf(db, person.id, { kinds: q.kinds, ...windowOf(q), before: q.before }, { canSeeSensitive: request.user!.permissions.has('contacts:sensitive') });
    let next: string | null = null;
    if (page.nextBefore) {
      const params = new URLSearchParams();
      for (const k of q.kinds) params.append('kinds', k);
      if (q.from) params.set('from', values.from);
      if (q.to) params.set('to', values.to);
      params.set('before', page.nextBefore.toISOString());
      next = `/people/${person.crn}/timeline?${params.toString()}`;
    }
    return reply.page(`${VIEWS}/timeline.njk`, {
      pageTitle: `Timeline: ${caseHeader.name}`, caseHeader, crn: person.crn, values, kindItems: kindItems(q.kinds),
      entries: page.entries.map(presentEntry), next, paged: !!q.before, filtered: q.kinds.length > 0 || !!q.from || !!q.to,
    });
  });

  const levelPage = async (request: FastifyRequest, extra: Body = {}) => {
    const { crn } = request.params as { crn: string };
    const { person, caseHeader } = await openCasePage(db, request, crn, 'case.contact-level.read');
    const [level, history] = await Promise.all([contactLevelOf(db, person.id, todayIso()), overrideHistory(db, person.id)]);
    return {
      person,
      view: {
        pageTitle: `Contact level: ${caseHeader.name}`, caseHeader, crn: person.crn, level, tag: contactTag(level),
        frequency: level.frequencyDays ? frequencyText(level.frequencyDays) : 'None', defaultFrequency: level.defaultDays ? frequencyText(level.defaultDays) : null,
        history: history.map((h) => ({ ...h, setAt: formatDateTime(h.set_at), endedAt: h.ended_at ? formatDateTime(h.ended_at) : null })),
        canChange: mayChangeLevel(request), ...extra,
      },
    };
  };

  app.get('/people/:crn/contact-level', canRead, async (request, reply) => {
    const flash = { set: 'The contact level has been set for this case.', default: 'The case has returned to its tier\'s default contact level.' }[String((request.query as Body).saved)];
    return reply.page(`${VIEWS}/contact-level.njk`, (await levelPage(request, { flash })).view);
  });

  app.post('/people/:crn/contact-level', { onRequest: [requires(PERMISSIONS.caseRead), changesLevels] }, async (request, reply) => {
    const body = (request.body ?? {}) as Body;
    const { person } = await levelPage(request);
    const frequency = parseFrequency(body.frequencyDays);
    const reason = parseReason(body.reason, 'Give the reason for this contact level: the risks and needs behind your judgement');
    if (!frequency.ok || !reason.ok) {
      const errors: Record<string, string> = {};
      if (!frequency.ok) errors.frequencyDays = frequency.message;
      if (!reason.ok) errors.reason = reason.message;
      return reply.code(400).page(`${VIEWS}/contact-level.njk`, (await levelPage(request, { errors, values: body })).view);
    }
    const id = await setOverride(db, person.id, frequency.value, reason.value, request.user!.id);
    await audit(db, request, { action: 'contact-level.set', personId: person.id, detail: { id, frequencyDays: frequency.value, reason: reason.value } });
    return reply.redirect(`/people/${person.crn}/contact-level?saved=set`, 303);
  });

  app.post('/people/:crn/contact-level/default', { onRequest: [requires(PERMISSIONS.caseRead), changesLevels] }, async (request, reply) => {
    const body = (request.body ?? {}) as Body;
    const { person } = await levelPage(request);
    const reason = parseReason(body.endReason, 'Give the reason for returning to the default');
    if (!reason.ok) return reply.code(400).page(`${VIEWS}/contact-level.njk`, (await levelPage(request, { errors: { endReason: reason.message }, values: body })).view);
    const ended = await endOverride(db, person.id, reason.value, request.user!.id);
    if (!ended) return reply.code(400).page(`${VIEWS}/contact-level.njk`, (await levelPage(request, { errors: { endReason: 'This case already follows its tier\'s default: there is no level set for the case to end' }, values: body })).view);
    await audit(db, request, { action: 'contact-level.default', personId: person.id, detail: { reason: reason.value } });
    return reply.redirect(`/people/${person.crn}/contact-level?saved=default`, 303);
  });

  const defaultsPage = async (request: FastifyRequest, extra: Body = {}) => {
    const [defaults, changes] = await Promise.all([contactLevelDefaults(db), defaultChanges(db)]);
    return {
      pageTitle: 'Contact levels', defaults, canEdit: can(request.user, PERMISSIONS.casesAllocate),
      changes: changes.map((c) => ({ ...c, when: formatDateTime(c.changed_at) })), ...extra,
    };
  };

  app.get('/contact-levels', canRead, async (request, reply) => {
    const saved = (request.query as Body).saved;
    return reply.page(`${VIEWS}/contact-levels.njk`, await defaultsPage(request, { flash: saved ? 'The contact level defaults have been saved.' : undefined }));
  });

  app.post('/contact-levels', { onRequest: requires(PERMISSIONS.casesAllocate) }, async (request, reply) => {
    const body = (request.body ?? {}) as Body;
    const defaults = await contactLevelDefaults(db);
    const parsed = parseDefaultsForm(body, defaults.map((d) => d.key));
    if (!parsed.ok) return reply.code(400).page(`${VIEWS}/contact-levels.njk`, await defaultsPage(request, { errors: parsed.errors, values: body }));
    const changed = await changeDefaults(db, parsed.changes, parsed.reason, request.user!.id);
    await audit(db, request, { action: 'contact-level-defaults.change', detail: { changes: parsed.changes, reason: parsed.reason, changed } });
    return reply.redirect('/contact-levels?saved=1', 303);
  });
}
