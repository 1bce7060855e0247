import type { FastifyInstance } from 'fastify';
import { audit } from '../audit/request-audit.ts';
import { PERMISSIONS } from '../auth/current-user.ts';
import { requires } from '../auth/plugin.ts';
import type { Db } from '../database.ts';
import { HttpError } from '../platform/http/errors.ts';
import { parseId, validateNewTeam, validateTeamUpdate, type FieldErrors } from './forms.ts';
import { createTeam, findTeam, isUniqueViolation, pduChoices, teamCodeTaken, teamTree, updateTeam } from './repository.ts';

type Values = Record<string, unknown>;

export async function teamRoutes(app: FastifyInstance, db: Db) {
  const guard = { onRequest: requires(PERMISSIONS.teamsManage) };

  // The list and the "add a team" form are one page, so a mistake in the form re-renders both.
  const showTeams = async (values: Values, extra: Record<string, unknown> = {}) => {
    const pdus = await pduChoices(db);
    return {
      pageTitle: 'Teams',
      regions: await teamTree(db),
      values,
      pdus: [{ value: '', text: 'Select a probation delivery unit' }, ...pdus.map((p) => ({ value: String(p.id), text: p.label, selected: String(values.pduId ?? '') === String(p.id) }))],
      ...extra,
    };
  };

  const loadTeam = async (idParam: string) => {
    const id = parseId(idParam);
    const team = id === null ? undefined : await findTeam(db, id);
    if (!team) throw new HttpError(404, `There is no team with id ${idParam}. Find it in the list of teams.`);
    return team;
  };

  app.get('/admin/teams', guard, async (request, reply) => {
    const saved = (request.query as { saved?: string }).saved;
    return reply.page('org/views/teams.njk', await showTeams({}, { flash: saved ? 'Team saved.' : undefined }));
  });

  app.post('/admin/teams', guard, async (request, reply) => {
    const body = (request.body ?? {}) as Values;
    const fail = async (errors: FieldErrors) => reply.code(400).page('org/views/teams.njk', await showTeams(body, { errors }));
    const validated = validateNewTeam(body, await pduChoices(db));
    if (!validated.ok) return fail(validated.errors);
    const team = validated.value;
    const taken = { code: `A team with the code ${team.code} already exists: choose another code` };
    if (await teamCodeTaken(db, team.code)) return fail(taken);
    let id: number;
    try {
      id = await createTeam(db, team);
    } catch (error) {
      if (isUniqueViolation(error)) return fail(taken);
      throw error;
    }
    await audit(db, request, { action: 'team.create', detail: { teamId: id, code: team.code, name: team.name, pduId: team.pduId } });
    return reply.redirect('/admin/teams?saved=1', 303);
  });

  app.get('/admin/teams/:id', guard, async (request, reply) => {
    const team = await loadTeam((request.params as { id: string }).id);
    return reply.page('org/views/team-edit.njk', { pageTitle: `Change team ${team.code}`, team, values: { name: team.name, active: team.active ? 'yes' : 'no' } });
  });

  app.post('/admin/teams/:id', guard, async (request, reply) => {
    const team = await loadTeam((request.params as { id: string }).id);
    const body = (request.body ?? {}) as Values;
    const validated = validateTeamUpdate(body);
    if (!validated.ok) {
      return reply.code(400).page('org/views/team-edit.njk', { pageTitle: `Change team ${team.code}`, team, values: body, errors: validated.errors });
    }
    const change = validated.value;
    await updateTeam(db, team.id, change);
    const changed: Record<string, { from: unknown; to: unknown }> = {};
    if (change.name !== team.name) changed.name = { from: team.name, to: change.name };
    if (change.active !== team.active) changed.active = { from: team.active, to: change.active };
    await audit(db, request, { action: 'team.update', detail: { teamId: team.id, code: team.code, changed } });
    return reply.redirect('/admin/teams?saved=1', 303);
  });
}
