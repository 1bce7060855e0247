/** The weights forms and the work item form, read and checked as pure functions: field errors in GOV.UK's words. */
import { readDate } from '../../platform/http/dates.ts';

type Body = Record<string, unknown>;
export type Result<T> = { ok: true; value: T } | { ok: false; errors: Record<string, string> };
const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

export type WeightTable = 'case_weights' | 'task_weights' | 'grade_targets' | 'settings';
/** One value of one table: its form field, its label, its current value and the limits of a new one. */
export interface Field { table: WeightTable; item: string; field: string; label: string; current: number; max: number; decimals?: boolean; min?: number }
export interface Change { table: WeightTable; item: string; oldValue: number; newValue: number }

/** Whole numbers (or one decimal where allowed) within the field's limits. */
export function readValue(raw: string, f: Field): { value: number } | { error: string } {
  const pattern = f.decimals ? /^\d{1,3}(\.\d)?$/ : /^\d{1,6}$/;
  const value = pattern.test(raw) ? Number(raw) : NaN;
  const min = f.min ?? 0;
  if (!raw) return { error: `Enter ${f.label}` };
  if (Number.isNaN(value) || value < min || value > f.max) {
    const kind = f.decimals ? 'a number with at most one decimal place' : 'a whole number';
    return { error: `${f.label} must be ${kind} from ${min} to ${f.max.toLocaleString('en-GB')}` };
  }
  return { value };
}

export function readReason(body: Body, errors: Record<string, string>): string {
  const reason = text(body.reason);
  if (!reason) errors.reason = 'Enter the reason for the change, for example the HMPPS update or the agreement it follows';
  else if (reason.length > 2000) errors.reason = 'The reason must be 2,000 characters or fewer';
  return reason;
}

/** A form of one table: every field read, the changed ones returned with the reason. */
export function validateWeights(body: Body, fields: readonly Field[]): Result<{ changes: Change[]; reason: string }> {
  const errors: Record<string, string> = {};
  const changes: Change[] = [];
  for (const f of fields) {
    const read = readValue(text(body[f.field]), f);
    if ('error' in read) errors[f.field] = read.error;
    else if (read.value !== f.current) changes.push({ table: f.table, item: f.item, oldValue: f.current, newValue: read.value });
  }
  const reason = readReason(body, errors);
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, value: { changes, reason } };
}

export interface WorkItemValues { task: string; crn: string | null; description: string; dueOn: string }

export function validateWorkItem(body: Body, tasks: readonly string[]): Result<WorkItemValues> {
  const errors: Record<string, string> = {};
  const task = text(body.task);
  if (!tasks.includes(task)) errors.task = 'Select the kind of work';
  const crn = text(body.crn).toUpperCase();
  if (crn && !/^[A-Z]\d{6}$/.test(crn)) errors.crn = 'Enter a CRN like X123456, or leave it blank';
  const description = text(body.description);
  if (description.length > 500) errors.description = 'The description must be 500 characters or fewer';
  const due = readDate(body, 'dueOn');
  if (!due.typed) errors.dueOn = 'Enter the date it is due';
  else if (!due.value) errors.dueOn = 'The date it is due must be a real date, like 27 3 2026';
  return Object.keys(errors).length || !due.value ? { ok: false, errors } : { ok: true, value: { task, crn: crn || null, description, dueOn: due.value } };
}
