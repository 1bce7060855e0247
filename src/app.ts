import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { accessRoutes } from './access/routes.ts';
import { assessmentApi } from './assessment/api.ts';
import { needsApi } from './assessment/needs/api.ts';
import { needsRoutes } from './assessment/needs/routes.ts';
import { roshApi } from './assessment/rosh/api.ts';
import { roshRoutes } from './assessment/rosh/routes.ts';
import { assessmentRoutes } from './assessment/routes.ts';
import { sentencingApi } from './sentencing/api.ts';
import { sentencingRoutes } from './sentencing/routes.ts';
import { forecastApi } from './sentencing/forecast/api.ts';
import { forecastRoutes } from './sentencing/forecast/routes.ts';
import { reportsApi } from './reports/api.ts';
import { reportRoutes } from './reports/routes.ts';
import { workloadApi } from './workforce/workload/api.ts';
import { workloadRoutes } from './workforce/workload/routes.ts';
import { staffApi } from './workforce/staff/api.ts';
import { staffRoutes } from './workforce/staff/routes.ts';
import { allocationApi } from './workforce/allocation/api.ts';
import { allocationRoutes } from './workforce/allocation/routes.ts';
import { transferApi } from './workforce/transfers/api.ts';
import { transferRoutes } from './workforce/transfers/routes.ts';
import { contactApi } from './supervision/contacts/api.ts';
import { contactRoutes } from './supervision/contacts/routes.ts';
import { enforcementApi } from './supervision/enforcement/api.ts';
import { enforcementRoutes } from './supervision/enforcement/routes.ts';
import { planApi } from './supervision/plans/api.ts';
import { planRoutes } from './supervision/plans/routes.ts';
import { reminderApi } from './supervision/reminders/api.ts';
import { reminderRoutes } from './supervision/reminders/routes.ts';
import { timeApi } from './supervision/time/api.ts';
import { timeRoutes } from './supervision/time/routes.ts';
import { caseloadApi } from './supervision/caseload/api.ts';
import { caseloadRoutes } from './supervision/caseload/routes.ts';
import { allegedBreachApi } from './supervision/alleged-breaches/api.ts';
import { allegedBreachRoutes } from './supervision/alleged-breaches/routes.ts';
import { reallocationRoutes } from './assessment/tier/reallocation-routes.ts';
import { tierApi } from './assessment/tier/api.ts';
import { auditRoutes } from './audit/routes.ts';
import { auth } from './auth/plugin.ts';
import { signInRoutes } from './auth/routes.ts';
import { can, PERMISSIONS } from './auth/current-user.ts';
import type { SignInThrottle } from './auth/throttle.ts';
import type { Db } from './database.ts';
import { notifications } from './notifications/routes.ts';
import { adminRoutes } from './org/routes.ts';
import { peopleApi } from './people/api.ts';
import { peopleRoutes } from './people/routes.ts';
import { casePagesCheckSession } from './people/case-page.ts';
import { registrationsApi } from './registrations/api.ts';
import { registrationRoutes } from './registrations/routes.ts';
import type { DatabaseKind } from './platform/db/connect.ts';
import { errorHandling } from './platform/http/error-handling.ts';
import { operations } from './platform/http/operations.ts';
import { pages } from './platform/http/pages.ts';
import { Problem } from './platform/http/problem.ts';
import { securityHeaders } from './platform/http/security-headers.ts';
import { assetRoots, createViews, headerCrestSvg } from './platform/views/render.ts';

export interface AppOptions {
  db: Db;
  databaseKind: DatabaseKind;
  secureCookies?: boolean;
  sessionIdleMinutes?: number;
  logLevel?: string;
  /** Where logs go (stdout by default); tests capture them to check nothing sensitive is written. */
  logStream?: NodeJS.WritableStream;
  throttle?: SignInThrottle;
}

const version: string = JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version;

function navigation(request: FastifyRequest) {
  const user = request.user;
  if (!user) return [];
  const items = [
    { href: '/cases', text: 'My cases' },
    { href: '/search', text: 'Search' },
  ];
  if (can(user, PERMISSIONS.caseloadHold)) items.push({ href: '/diary', text: 'Diary' });
  if (can(user, PERMISSIONS.caseloadHold) || can(user, PERMISSIONS.casesAllocate)) items.push({ href: '/enforcement', text: 'Enforcement' });
  if (can(user, PERMISSIONS.caseCreate)) items.push({ href: '/people/new', text: 'Add a person' });
  if (can(user, PERMISSIONS.casesAllocate)) {
    items.push({ href: '/allocations', text: 'Allocations' });
    items.push({ href: '/transfers', text: 'Transfers' });
    items.push({ href: '/reallocations', text: 'Re-allocation reviews' });
  }
  if (can(user, PERMISSIONS.workloadRead)) {
    items.push({ href: '/workload', text: 'Workload' });
    items.push({ href: '/staff', text: 'Staff' });
    items.push({ href: '/time-with-people', text: 'Time with people' });
  }
  if (can(user, PERMISSIONS.capacityManage)) items.push({ href: '/delivery', text: 'Delivery capacity' });
  if (can(user, PERMISSIONS.reportsWrite)) items.push({ href: '/reports', text: 'Reports' });
  if (can(user, PERMISSIONS.remindersRead)) items.push({ href: '/reminders/outbox', text: 'Text reminders' });
  items.push({ href: '/notifications', text: request.unreadNotifications ? `Notifications (${request.unreadNotifications})` : 'Notifications' });
  if (can(user, PERMISSIONS.usersManage) || can(user, PERMISSIONS.teamsManage) || can(user, PERMISSIONS.tokensManage)) {
    items.push({ href: '/admin', text: 'Administration' });
  }
  const path = request.url.split('?')[0] ?? '';
  return items.map((item) => ({ ...item, active: path === item.href || path.startsWith(`${item.href}/`) }));
}

/** The composition root: middleware in a fixed order, then each capability's routes. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { db } = options;
  const secureCookies = options.secureCookies ?? false;
  const app = Fastify({
    logger: {
      level: options.logLevel ?? 'info',
      ...(options.logStream ? { stream: options.logStream } : {}),
      // Nothing personal in the logs: requests by method and path only (a query string can hold a
      // searched name), never bodies, cookies or tokens; errors without the database's detail (it can
      // quote the values of a failed row).
      serializers: {
        req: (request: { method: string; url: string; id: string }) => ({ id: request.id, method: request.method, path: request.url.split('?')[0] }),
        err: (error: Error & { code?: string }) => ({ type: error.name, message: error.message, code: error.code, stack: error.stack ?? '' }),
      },
    },
    genReqId: () => randomUUID(),
    trustProxy: true,
    bodyLimit: 1024 * 1024,
  });

  await app.register(errorHandling);
  await app.register(operations, { db, version, databaseKind: options.databaseKind });
  await app.register(securityHeaders, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        upgradeInsecureRequests: secureCookies ? [] : null,
      },
    },
    hsts: secureCookies,
    referrerPolicy: { policy: 'same-origin' },
  });
  await app.register(cookie);
  await app.register(formbody);
  await app.register(fastifyStatic, { root: assetRoots, prefix: '/assets/', maxAge: '1h', index: false });
  app.get('/assets/header-crest.svg', (_request, reply) => reply.header('cache-control', 'public, max-age=3600').type('image/svg+xml').send(headerCrestSvg));
  // Only the API's routes (each tagged) belong in its document, not the pages.
  await app.register(swagger, {
    hideUntagged: true,
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Throughline API', version, description: 'Probation case management. Every call is subject to the caller\'s role and each case\'s access list, and is audited.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
  });

  const views = createViews();
  await app.register(pages, {
    views,
    layoutContext: (request) => ({ user: request.user, csrfToken: request.csrfToken, navigation: navigation(request) }),
  });
  await app.register(auth, { db, secureCookies, sessionIdleMinutes: options.sessionIdleMinutes ?? 30 });
  app.addHook('onRoute', casePagesCheckSession);

  await app.register(notifications, { db });
  await app.register(signInRoutes, { db, secureCookies, ...(options.throttle ? { throttle: options.throttle } : {}) });
  await app.register(peopleRoutes, { db });
  await app.register(registrationRoutes, { db });
  await app.register(assessmentRoutes, { db });
  await app.register(reallocationRoutes, { db });
  await app.register(roshRoutes, { db });
  await app.register(needsRoutes, { db });
  await app.register(sentencingRoutes, { db });
  await app.register(forecastRoutes, { db });
  await app.register(reportRoutes, { db });
  await app.register(workloadRoutes, { db });
  await app.register(staffRoutes, { db });
  await app.register(allocationRoutes, { db });
  await app.register(transferRoutes, { db });
  await app.register(contactRoutes, { db });
  await app.register(enforcementRoutes, { db });
  await app.register(planRoutes, { db });
  await app.register(reminderRoutes, { db });
  await app.register(timeRoutes, { db });
  await app.register(caseloadRoutes, { db });
  await app.register(allegedBreachRoutes, { db });
  await app.register(accessRoutes, { db });
  await app.register(auditRoutes, { db });
  await app.register(adminRoutes, { db });
  app.addSchema(Problem);
  await app.register(peopleApi, { db, prefix: '/api/v1' });
  await app.register(assessmentApi, { prefix: '/api/v1' });
  await app.register(registrationsApi, { db, prefix: '/api/v1' });
  await app.register(tierApi, { db, prefix: '/api/v1' });
  await app.register(sentencingApi, { db, prefix: '/api/v1' });
  await app.register(forecastApi, { db, prefix: '/api/v1' });
  await app.register(reportsApi, { db, prefix: '/api/v1' });
  await app.register(workloadApi, { db, prefix: '/api/v1' });
  await app.register(staffApi, { db, prefix: '/api/v1' });
  await app.register(allocationApi, { db, prefix: '/api/v1' });
  await app.register(transferApi, { db, prefix: '/api/v1' });
  await app.register(contactApi, { db, prefix: '/api/v1' });
  await app.register(enforcementApi, { db, prefix: '/api/v1' });
  await app.register(planApi, { db, prefix: '/api/v1' });
  await app.register(reminderApi, { db, prefix: '/api/v1' });
  await app.register(timeApi, { db, prefix: '/api/v1' });
  await app.register(caseloadApi, { db, prefix: '/api/v1' });
  await app.register(allegedBreachApi, { db, prefix: '/api/v1' });
  await app.register(roshApi, { db, prefix: '/api/v1' });
  await app.register(needsApi, { db, prefix: '/api/v1' });
  app.get('/api/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  return app;
}
