import { Type } from '@sinclair/typebox';

/** The body of every 4xx/5xx answer on the API, as the error handler sends it. */
export const Problem = Type.Object(
  { error: Type.String(), message: Type.String(), fields: Type.Optional(Type.Record(Type.String(), Type.String())) },
  { $id: 'Problem' },
);
export const ProblemRef = Type.Ref('Problem');
