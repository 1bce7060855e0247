import type { FastifyInstance, FastifyRequest } from 'fastify';
import { audit } from '../audit/request-audit.ts';
import { PERMISSIONS } from '../auth/current-user.ts';
import { requires } from '../auth/plugin.ts';
import type { Db } from '../database.ts';
import { HttpError } from '../platform/http/errors.ts';
import { parseCrn } from '../people/identifiers.ts';
import { personHeader } from '../people/repository.ts';
import { validateAccessRule } from './access-form.ts';
import { accessRules, removeAccessRule, saveAccessRule, usersByName } from './repository.ts';

/** The person an access or audit page is about: found by CRN, 404 otherwise. Shows only CRN and name. */
export async function adminSubject(db: Db, crnInput: string) {
  const crn = parseCrn(crnInput);
  const person = crn.ok ? await personHeader(db, crn.value) : undefined;
  if (!person) throw new HttpError(404, `There is no person with CRN ${crnInput}.`);
  return { id: person.id, crn: person.crn, name: `${person.first_name} ${person.last_name}` };
}

/**
 * Administrators manage a case's access list. The page shows only the CRN and name (not case content)
 * so an administrator can fix a list that shuts them out too.
 */
export async function accessRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const guard = { onRequest: requires(PERMISSIONS.accessManage) };

  const show = async (request: FastifyRequest, person: { id: number; crn: string; name: string }, extra: Record<string, unknown> = {}) => ({
    pageTitle: `Access list for ${person.crn}`,
    person,
    rules: await accessRules(db, person.id),
    values: {},
    ...extra,
  });

  app.get('/people/:crn/access', guard, async (request, reply) => {
    const person = await adminSubject(db, (request.params as { crn: string }).crn);
    await audit(db, request, { action: 'access.read', personId: person.id });
    const saved = (request.query as { saved?: string }).saved;
    return reply.page('access/views/access.njk', await show(request, person, { flash: saved ? 'The access list has been updated.' : undefined }));
  });

  app.post('/people/:crn/access', guard, async (request, reply) => {
    const person = await adminSubject(db, (request.params as { crn: string }).crn);
    const body = (request.body ?? {}) as Record<string, unknown>;
    if (body.action === 'remove') {
      const kind = body.kind === 'exclusion' || body.kind === 'restriction' ? body.kind : null;
      if (!kind) throw new HttpError(400, 'Choose which rule to remove');
      await removeAccessRule(db, person.id, kind);
      await audit(db, request, { action: 'access.remove', personId: person.id, detail: { kind } });
      return reply.redirect(`/people/${person.crn}/access?saved=1`, 303);
    }
    const validated = validateAccessRule(body);
    let errors = validated.ok ? {} : validated.errors;
    if (validated.ok) {
      const users = await usersByName(db, validated.value.usernames);
      if (users.unknown.length) errors = { usernames: `There is no user called ${users.unknown.join(', ')}` };
      else {
        await saveAccessRule(db, person.id, { ...validated.value, userIds: users.ids }, request.user!.id);
        await audit(db, request, { action: 'access.update', personId: person.id, detail: { kind: validated.value.kind, usernames: validated.value.usernames, endsOn: validated.value.endsOn } });
        return reply.redirect(`/people/${person.crn}/access?saved=1`, 303);
      }
    }
    return reply.code(400).page('access/views/access.njk', await show(request, person, { values: body, errors }));
  });
}
