import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { requires } from '../auth/plugin.ts';
import type { Db } from '../database.ts';
import { formatDateTime } from '../platform/views/render.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Unread notifications for the signed-in user, for the navigation's count (pages only). */
    unreadNotifications: number;
  }
}

const BADGE_SECONDS = 10;
const BADGE_USERS = 50_000;

/** A user's notifications (a change of tier on a case they hold or manage): the list and marking them read. */
export const notifications = fp(async (app: FastifyInstance, { db }: { db: Db }) => {
  app.decorateRequest('unreadNotifications', 0);
  // Counted for signed-in page views only: the API and assets never pay for it. The count is the
  // navigation's badge, not the list: it is kept for a few seconds rather than read on every page
  // (reading it was one of a case page's six queries); the notifications page always reads afresh.
  const counts = new Map<number, { n: number; until: number }>();
  app.addHook('preHandler', async (request) => {
    if (!request.user || request.method !== 'GET' || request.url.startsWith('/api/') || request.url.startsWith('/assets/')) return;
    const now = Date.now();
    const kept = counts.get(request.user.id);
    if (kept && kept.until > now) {
      request.unreadNotifications = kept.n;
      return;
    }
    const row = await db.selectFrom('notifications').select((eb) => eb.fn.countAll<string>().as('n'))
      .where('user_id', '=', request.user.id).where('read_at', 'is', null).executeTakeFirst();
    request.unreadNotifications = Number(row?.n ?? 0);
    if (counts.size >= BADGE_USERS) counts.clear();
    counts.set(request.user.id, { n: request.unreadNotifications, until: now + BADGE_SECONDS * 1000 });
  });

  app.get('/notifications', { onRequest: requires() }, async (request, reply) => {
    const rows = await db.selectFrom('notifications').select(['id', 'message', 'link', 'created_at', 'read_at'])
      .where('user_id', '=', request.user!.id).orderBy('id', 'desc').limit(100).execute();
    return reply.page('notifications/views/notifications.njk', {
      pageTitle: 'Notifications',
      items: rows.map((row) => ({ ...row, when: formatDateTime(row.created_at), unread: !row.read_at })),
    });
  });

  app.post('/notifications/read', { onRequest: requires() }, async (request, reply) => {
    await db.updateTable('notifications').set({ read_at: new Date() }).where('user_id', '=', request.user!.id).where('read_at', 'is', null).execute();
    counts.delete(request.user!.id);
    return reply.redirect('/notifications', 303);
  });
}, { name: 'notifications' });
