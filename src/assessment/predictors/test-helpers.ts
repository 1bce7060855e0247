import assert from 'node:assert/strict';
import type { Validated } from './common.ts';

/** The value of a result the test expects to succeed. */
export const ok = <T>(result: Validated<T>): T => {
  if (!result.ok) assert.fail(`expected success, got ${JSON.stringify(result.errors)}`);
  return result.value;
};

/** The field errors of a result the test expects to be refused. */
export const refused = (result: Validated<unknown>): Record<string, string> => {
  if (result.ok) assert.fail('expected a refusal');
  return result.errors;
};
