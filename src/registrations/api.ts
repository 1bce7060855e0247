import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { PERMISSIONS } from '../auth/current-user.ts';
import { requires } from '../auth/plugin.ts';
import type { Db } from '../database.ts';
import { ProblemRef } from '../platform/http/problem.ts';
import { openCase } from '../people/case-page.ts';
import { registrationsFor } from './repository.ts';
import { reviewStatus } from './rules.ts';

const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);
const Registration = Type.Object({
  id: Type.Integer(), type: Type.String(), name: Type.String(), level: Nullable(Type.String()), notes: Type.String(),
  registeredOn: Type.String({ format: 'date' }), nextReviewOn: Nullable(Type.String({ format: 'date' })),
  reviewStatus: Type.String({ description: 'overdue, due (within 14 days), scheduled or none' }),
  lastReviewedOn: Nullable(Type.String({ format: 'date' })),
  active: Type.Boolean(), deregisteredOn: Nullable(Type.String({ format: 'date' })), deregistrationReason: Nullable(Type.String()),
});

/** A case's risk flags on the API, under the same access rules and audit as the page. */
export async function registrationsApi(app: FastifyInstance, { db }: { db: Db }) {
  app.get('/people/:crn/registrations', {
    onRequest: requires(PERMISSIONS.caseRead),
    schema: {
      summary: 'A person\'s risk flags (registrations), active first, with review status',
      tags: ['people'],
      params: Type.Object({ crn: Type.String({ maxLength: 20 }) }),
      response: { 200: Type.Object({ crn: Type.String(), registrations: Type.Array(Registration) }), 401: ProblemRef, 403: ProblemRef, 404: ProblemRef },
    },
  }, async (request) => {
    const person = await openCase(db, request, (request.params as { crn: string }).crn, 'api.case.flags.read');
    const today = new Date().toISOString().slice(0, 10);
    const rows = await registrationsFor(db, person.id);
    return {
      crn: person.crn,
      registrations: rows.map((row) => ({
        id: row.id, type: row.type_code, name: row.name, level: row.level, notes: row.notes,
        registeredOn: row.registered_on, nextReviewOn: row.next_review_on,
        reviewStatus: row.deregistered_on ? 'none' : reviewStatus(row.next_review_on, today),
        lastReviewedOn: row.last_reviewed_on, active: !row.deregistered_on,
        deregisteredOn: row.deregistered_on, deregistrationReason: row.deregistration_reason,
      })),
    };
  });
}
