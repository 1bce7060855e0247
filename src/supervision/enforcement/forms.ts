/** Pure checks of the enforcement forms (pages and API), with GOV.UK error messages keyed by field. */
import { readDateField } from '../../platform/http/dates.ts';
import type { BreachOutcome, DecisionKind, RecallOutcome, RecallType } from './tables.ts';

type Body = Record<string, unknown>;
type Result<T> = { ok: true; value: T } | { ok: false; errors: Record<string, string> };
const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
const MAX = 5000;
const done = <T>(errors: Record<string, string>, value: () => T): Result<T> => (Object.keys(errors).length ? { ok: false, errors } : { ok: true, value: value() });

export function validateWarning(body: Body, today: string): Result<{ issuedOn: string }> {
  const errors: Record<string, string> = {};
  const issuedOn = readDateField(body, errors, 'issuedOn', 'date of the warning');
  if (issuedOn && issuedOn > today) errors.issuedOn = 'The date of the warning must be today or in the past';
  return done(errors, () => ({ issuedOn: issuedOn! }));
}

export function validatePropose(body: Body): Result<{ kind: DecisionKind; reasons: string; recallType: RecallType | null }> {
  const errors: Record<string, string> = {};
  const kind = body.kind === 'breach' || body.kind === 'recall' ? body.kind : null;
  const reasons = text(body.reasons);
  const recallType = body.recallType === 'standard' || body.recallType === 'fixed_term' ? body.recallType : null;
  if (!kind) errors.kind = 'Select breach or recall';
  if (!reasons) errors.reasons = 'Give the reasons for the proposal';
  else if (reasons.length > MAX) errors.reasons = `The reasons must be ${MAX} characters or fewer`;
  if (kind === 'recall' && !recallType) errors.recallType = 'Select the type of recall: standard or fixed-term';
  return done(errors, () => ({ kind: kind!, reasons, recallType: kind === 'recall' ? recallType : null }));
}

export function validateCountersign(body: Body): Result<{ countersign: boolean; reasons: string }> {
  const errors: Record<string, string> = {};
  const decision = body.decision === 'countersign' || body.decision === 'return' ? body.decision : null;
  const reasons = text(body.reasons);
  if (!decision) errors.decision = 'Select whether you countersign the proposal or return it';
  if (decision === 'return' && !reasons) errors.reasons = 'Give the reason for returning the proposal';
  if (reasons.length > MAX) errors.reasons = `The reasons must be ${MAX} characters or fewer`;
  return done(errors, () => ({ countersign: decision === 'countersign', reasons }));
}

export const BREACH_OUTCOME_CODES: BreachOutcome[] = ['continued_with_warning', 'amended', 'revoked_resentenced', 'not_proven'];
export const RECALL_OUTCOME_CODES: RecallOutcome[] = ['recalled', 'not_recalled'];

export function validateOutcome(body: Body, kind: DecisionKind): Result<{ outcome: string; concludedOn: string; notes: string }> {
  const errors: Record<string, string> = {};
  const allowed: string[] = kind === 'breach' ? BREACH_OUTCOME_CODES : RECALL_OUTCOME_CODES;
  const outcome = text(body.outcome);
  if (!allowed.includes(outcome)) errors.outcome = `Select the outcome of the ${kind}`;
  const concludedOn = readDateField(body, errors, 'concludedOn', 'date of the outcome');
  const notes = text(body.notes);
  if (notes.length > MAX) errors.notes = `The notes must be ${MAX} characters or fewer`;
  return done(errors, () => ({ outcome, concludedOn: concludedOn!, notes }));
}

export function validateLaid(body: Body): Result<{ laidOn: string }> {
  const errors: Record<string, string> = {};
  const laidOn = readDateField(body, errors, 'laidOn', 'date the breach was laid');
  return done(errors, () => ({ laidOn: laidOn! }));
}

export function validateReturn(body: Body, today: string): Result<{ returnedOn: string; note: string }> {
  const errors: Record<string, string> = {};
  const returnedOn = readDateField(body, errors, 'returnedOn', 'date they returned to compliance');
  if (returnedOn && returnedOn > today) errors.returnedOn = 'The date must be today or in the past';
  const note = text(body.note);
  if (!note) errors.note = 'Describe the return to compliance';
  else if (note.length > 2000) errors.note = 'The note must be 2000 characters or fewer';
  return done(errors, () => ({ returnedOn: returnedOn!, note }));
}

export function validateClose(body: Body): Result<{ note: string }> {
  const errors: Record<string, string> = {};
  const note = text(body.note);
  if (!note) errors.note = 'Say what was done and why';
  else if (note.length > 2000) errors.note = 'The note must be 2000 characters or fewer';
  return done(errors, () => ({ note }));
}
