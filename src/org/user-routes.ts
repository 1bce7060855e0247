import type { FastifyInstance } from 'fastify';
import { audit } from '../audit/request-audit.ts';
import { PERMISSIONS } from '../auth/current-user.ts';
import { requires } from '../auth/plugin.ts';
import { hashPassword } from '../auth/passwords.ts';
import type { Db } from '../database.ts';
import { HttpError } from '../platform/http/errors.ts';
import { GRADES, parseId, userChanges, validateNewUser, validateUserEdit, type FieldErrors } from './forms.ts';
import { createUser, findUser, isUniqueViolation, listUsers, updateUser, userChoices, usernameTaken, type UserChoiceLists, type UserRecord } from './repository.ts';

type Values = Record<string, unknown>;

/** Select items for the user form, with the typed (or saved) value selected. */
function formOptions(choices: UserChoiceLists, values: Values, currentTeamId: number | null = null) {
  const pick = <T>(list: T[], value: (item: T) => string, text: (item: T) => string, field: string, none?: string) => [
    ...(none !== undefined ? [{ value: '', text: none }] : []),
    ...list.map((item) => ({ value: value(item), text: text(item), selected: String(values[field] ?? '') === value(item) })),
  ];
  return {
    roles: pick(choices.roles, (r) => r.code, (r) => r.name, 'roleCode', 'Select a role'),
    agencies: pick(choices.agencies, (a) => a.code, (a) => a.name, 'agencyCode', 'Select an agency'),
    teams: pick(choices.teams.filter((t) => t.active || t.id === currentTeamId), (t) => String(t.id), (t) => `${t.label}${t.active ? '' : ' - inactive'}`, 'teamId', 'No team'),
    regions: pick(choices.regions, (r) => String(r.id), (r) => r.name, 'regionId', 'No region'),
    grades: pick([...GRADES], (g) => g, (g) => g, 'grade', 'No grade'),
  };
}

/** The saved user as the edit form's values. */
const editValues = (user: UserRecord): Values => ({
  displayName: user.display_name, email: user.email ?? '', roleCode: user.role_code, agencyCode: user.agency_code,
  teamId: user.team_id ?? '', regionId: user.team_id ? '' : (user.region_id ?? ''), grade: user.grade ?? '', active: user.active ? 'yes' : 'no',
});

/** Passwords are never echoed back into a page. */
const withoutPassword = ({ password: _password, _csrf, ...rest }: Values) => rest;

export async function userRoutes(app: FastifyInstance, db: Db) {
  const guard = { onRequest: requires(PERMISSIONS.usersManage) };

  const loadUser = async (idParam: string) => {
    const id = parseId(idParam);
    const user = id === null ? undefined : await findUser(db, id);
    if (!user) throw new HttpError(404, `There is no user with id ${idParam}. Find them in the list of users.`);
    return user;
  };

  app.get('/admin/users', guard, async (request, reply) => {
    const q = String((request.query as { q?: unknown }).q ?? '').trim().slice(0, 100);
    const { rows, total } = await listUsers(db, q);
    return reply.page('org/views/users.njk', { pageTitle: q ? `Users matching ${q}` : 'Users', q, rows, total });
  });

  const showNew = async (values: Values, errors?: FieldErrors) => {
    const choices = await userChoices(db);
    return { pageTitle: 'Add a user', values, options: formOptions(choices, values), errors };
  };

  app.get('/admin/users/new', guard, async (_request, reply) =>
    reply.page('org/views/user-new.njk', await showNew({ agencyCode: 'probation' })));

  app.post('/admin/users/new', guard, async (request, reply) => {
    const body = (request.body ?? {}) as Values;
    const values = withoutPassword(body);
    const validated = validateNewUser(body, await userChoices(db));
    const fail = async (errors: FieldErrors) => reply.code(400).page('org/views/user-new.njk', await showNew(values, errors));
    if (!validated.ok) return fail(validated.errors);
    const user = validated.value;
    const taken = { username: `The username ${user.username} is already taken: choose another` };
    if (await usernameTaken(db, user.username)) return fail(taken);
    let id: number;
    try {
      id = await createUser(db, user, user.password ? await hashPassword(user.password) : null);
    } catch (error) {
      if (isUniqueViolation(error)) return fail(taken);
      throw error;
    }
    await audit(db, request, {
      action: 'user.create',
      detail: { userId: id, username: user.username, roleCode: user.roleCode, agencyCode: user.agencyCode, teamId: user.teamId, regionId: user.regionId, grade: user.grade, serviceAccount: user.serviceAccount },
    });
    return reply.redirect(`/admin/users/${id}?saved=created`, 303);
  });

  const showEdit = async (user: UserRecord, values: Values, extra: Record<string, unknown> = {}) => {
    const choices = await userChoices(db);
    return { pageTitle: `${user.display_name} (${user.username})`, user, values, options: formOptions(choices, values, user.team_id), ...extra };
  };

  app.get('/admin/users/:id', guard, async (request, reply) => {
    const user = await loadUser((request.params as { id: string }).id);
    const saved = (request.query as { saved?: string }).saved;
    const flash = saved === 'created' ? `User ${user.username} added.` : saved ? 'Changes saved.' : undefined;
    return reply.page('org/views/user-edit.njk', await showEdit(user, editValues(user), { flash }));
  });

  app.post('/admin/users/:id', guard, async (request, reply) => {
    const user = await loadUser((request.params as { id: string }).id);
    const body = (request.body ?? {}) as Values;
    const self = user.id === request.user!.id;
    const validated = validateUserEdit(body, await userChoices(db), { self, serviceAccount: user.service_account, currentTeamId: user.team_id });
    if (!validated.ok) {
      return reply.code(400).page('org/views/user-edit.njk', await showEdit(user, withoutPassword(body), { errors: validated.errors }));
    }
    const edit = validated.value;
    const before = { displayName: user.display_name, email: user.email, roleCode: user.role_code, agencyCode: user.agency_code, teamId: user.team_id, regionId: user.region_id, grade: user.grade, active: user.active };
    const detail = userChanges(before, edit);
    // A password reset signs the user out everywhere too, except an administrator changing their own.
    const endSessions = !edit.active || (edit.password !== null && !self);
    await updateUser(db, user.id, edit, { passwordHash: edit.password ? await hashPassword(edit.password) : null, endSessions });
    await audit(db, request, { action: 'user.update', detail: { userId: user.id, username: user.username, ...detail, ...(endSessions ? { sessionsEnded: true } : {}) } });
    return reply.redirect(`/admin/users/${user.id}?saved=1`, 303);
  });
}
