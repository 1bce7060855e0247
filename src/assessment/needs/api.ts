import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { PERMISSIONS } from '../../auth/current-user.ts';
import { requires } from '../../auth/plugin.ts';
import type { Db } from '../../database.ts';
import { ProblemRef } from '../../platform/http/problem.ts';
import { openCase } from '../../people/case-page.ts';
import { latestCompleted, needsHistory } from './repository.ts';
import { NEED_LEVEL_LABELS, needLevel, sectionScores } from './rules.ts';
import { SECTIONS } from './sections.ts';

const Section = Type.Object({
  key: Type.String(), label: Type.String(), pathway: Type.String(), score: Type.Integer(), max: Type.Integer(),
  need: Type.String({ description: 'no need, standard need or severe need' }),
  linkedToHarm: Type.Boolean(), linkedToReoffending: Type.Boolean(), note: Type.String(),
});
const Latest = Type.Object({
  id: Type.Integer(), version: Type.Integer(), completedOn: Type.String({ format: 'date' }),
  personsView: Type.String(), viewDeclined: Type.Boolean(), summary: Type.String(),
  sections: Type.Array(Section),
  answers: Type.Record(Type.String(), Type.Integer({ minimum: 0, maximum: 2 }), { description: 'Item key -> 0, 1 or 2 (yes/no items: 0 no, 2 yes)' }),
});
const Version = Type.Object({ id: Type.Integer(), version: Type.Integer(), completedOn: Type.String({ format: 'date' }), scores: Type.Record(Type.String(), Type.Integer()) });

/** A case's needs on the API: the latest completed assessment and each version's section scores. */
export async function needsApi(app: FastifyInstance, { db }: { db: Db }) {
  app.get('/people/:crn/needs', {
    onRequest: requires(PERMISSIONS.caseRead),
    schema: {
      summary: 'A person\'s criminogenic needs: the latest completed assessment, and the section scores of every version',
      tags: ['people'],
      params: Type.Object({ crn: Type.String({ maxLength: 20 }) }),
      response: { 200: Type.Object({ crn: Type.String(), latest: Type.Union([Latest, Type.Null()]), history: Type.Array(Version) }), 401: ProblemRef, 403: ProblemRef, 404: ProblemRef },
    },
  }, async (request) => {
    const person = await openCase(db, request, (request.params as { crn: string }).crn, 'api.case.needs.read');
    const [latest, history] = await Promise.all([latestCompleted(db, person.id), needsHistory(db, person.id)]);
    const scores = latest && sectionScores(latest.content.answers);
    return {
      crn: person.crn,
      latest: latest && scores && {
        id: latest.id, version: latest.version!, completedOn: latest.completedOn!,
        personsView: latest.content.personsView, viewDeclined: latest.content.viewDeclined, summary: latest.content.summary,
        sections: SECTIONS.map((section) => ({
          key: section.key, label: section.label, pathway: section.pathway, score: scores[section.key], max: section.max,
          need: NEED_LEVEL_LABELS[needLevel(section, scores[section.key])],
          linkedToHarm: latest.content.sections[section.key].harm, linkedToReoffending: latest.content.sections[section.key].reoffending,
          note: latest.content.sections[section.key].note,
        })),
        answers: latest.content.answers,
      },
      history: history.map((h) => ({ id: h.id, version: h.version, completedOn: h.completedOn, scores: h.scores })),
    };
  });
}
