import type { FastifyInstance } from 'fastify';
import { audit } from '../audit/request-audit.ts';
import { PERMISSIONS } from '../auth/current-user.ts';
import { requires } from '../auth/plugin.ts';
import { createApiToken } from '../auth/repository.ts';
import type { Db } from '../database.ts';
import { HttpError } from '../platform/http/errors.ts';
import { parseId, validateTokenRequest, type FieldErrors } from './forms.ts';
import { activeUserByName, findToken, listTokens, revokeToken, tokenHolders } from './repository.ts';

type Values = Record<string, unknown>;

export async function tokenRoutes(app: FastifyInstance, db: Db) {
  const guard = { onRequest: requires(PERMISSIONS.tokensManage) };

  const showTokens = async (values: Values, extra: Record<string, unknown> = {}) => {
    const holders = await tokenHolders(db);
    return {
      pageTitle: 'API tokens',
      tokens: await listTokens(db),
      values,
      holders: [
        { value: '', text: 'Select a user' },
        ...holders.map((h) => ({
          value: h.username,
          text: `${h.username} (${h.display_name}${h.service_account ? ', service account' : ''})`,
          selected: String(values.username ?? '').toLowerCase() === h.username.toLowerCase(),
        })),
      ],
      ...extra,
    };
  };

  app.get('/admin/tokens', guard, async (request, reply) => {
    const revoked = (request.query as { revoked?: string }).revoked;
    return reply.page('org/views/tokens.njk', await showTokens({}, { flash: revoked ? 'Token revoked. Anything using it can no longer call the API.' : undefined }));
  });

  app.post('/admin/tokens', guard, async (request, reply) => {
    const body = (request.body ?? {}) as Values;
    const fail = async (errors: FieldErrors) => reply.code(400).page('org/views/tokens.njk', await showTokens(body, { errors }));
    const validated = validateTokenRequest(body);
    if (!validated.ok) return fail(validated.errors);
    const holder = await activeUserByName(db, validated.value.username);
    if (!holder) return fail({ username: `There is no active user called ${validated.value.username}` });
    const { id, token } = await createApiToken(db, { userId: holder.id, label: validated.value.label, createdBy: request.user!.id });
    // The token itself goes nowhere but this one response: not the log, not the audit, not a cache.
    await audit(db, request, { action: 'token.create', detail: { tokenId: id, userId: holder.id, username: holder.username, label: validated.value.label, prefix: token.slice(0, 8) } });
    return reply.header('cache-control', 'no-store').page('org/views/token-issued.njk', {
      pageTitle: 'API token issued', token, label: validated.value.label, username: holder.username,
    });
  });

  app.post('/admin/tokens/:id/revoke', guard, async (request, reply) => {
    const idParam = (request.params as { id: string }).id;
    const id = parseId(idParam);
    const token = id === null ? undefined : await findToken(db, id);
    if (!token) throw new HttpError(404, `There is no API token with id ${idParam}.`);
    // Revoking twice is harmless: only the first is audited.
    if (await revokeToken(db, token.id)) {
      await audit(db, request, { action: 'token.revoke', detail: { tokenId: token.id, userId: token.user_id, username: token.username, label: token.label, prefix: token.prefix } });
    }
    return reply.redirect('/admin/tokens?revoked=1', 303);
  });
}
