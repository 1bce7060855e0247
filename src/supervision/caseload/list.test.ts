import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { filterCases, parseListQuery, sortCases } from './list.ts';
import type { MyCase } from './my-cases.ts';

const base = { viewable: true, nextAppointment: null, contact: null, overdueActions: 0, enforcement: null, rosh: null, tier: null } as const;
const cases: MyCase[] = [
  { ...base, personId: 1, crn: 'X000003', name: 'Ann Zed', sortName: 'zed, ann', tier: 'B2', rosh: { level: 'high', reviewDueOn: '2025-01-01' }, overdueActions: 2, enforcement: { state: 'in_breach', deadlineOn: '2025-01-10' } },
  { ...base, personId: 2, crn: 'X000001', name: 'Bob Able', sortName: 'able, bob', tier: 'D1', rosh: { level: 'low', reviewDueOn: '2025-01-01' }, enforcement: { state: 'compliant', deadlineOn: null } },
  { ...base, personId: 3, crn: 'X000002', viewable: false, name: null, sortName: null },
  { ...base, personId: 4, crn: 'X000004', name: 'Cat Mid', sortName: 'mid, cat', tier: 'B1', nextAppointment: { at: new Date('2025-01-02T10:00:00Z'), type: 'Office appointment' }, enforcement: { state: 'warning', deadlineOn: null } },
];

describe('my cases: sort and filter', () => {
  it('reads the query, ignoring what it does not know', () => {
    assert.deepEqual(parseListQuery({ sort: 'rosh', order: 'desc', tier: 'B', contact: 'overdue' }), { sort: 'rosh', order: 'desc', tier: 'B', rosh: null, enforcement: null, contactOverdue: true });
    assert.deepEqual(parseListQuery({ sort: 'drop table', order: 'sideways', tier: 'E', rosh: 'huge' }), { sort: 'name', order: 'asc', tier: null, rosh: null, enforcement: null, contactOverdue: false });
  });
  it('sorts by name with restricted cases last, both ways', () => {
    assert.deepEqual(sortCases(cases, { sort: 'name', order: 'asc' }).map((c) => c.personId), [2, 4, 1, 3]);
    assert.deepEqual(sortCases(cases, { sort: 'name', order: 'desc' }).map((c) => c.personId), [1, 4, 2, 3]);
  });
  it('sorts by RoSH, enforcement, actions and appointment, empty values last', () => {
    assert.deepEqual(sortCases(cases, { sort: 'rosh', order: 'desc' }).map((c) => c.personId), [1, 2, 3, 4]);
    assert.deepEqual(sortCases(cases, { sort: 'enforcement', order: 'desc' }).map((c) => c.personId), [1, 4, 2, 3]);
    assert.deepEqual(sortCases(cases, { sort: 'actions', order: 'desc' }).map((c) => c.personId), [1, 2, 4, 3]);
    assert.deepEqual(sortCases(cases, { sort: 'appointment', order: 'asc' }).map((c) => c.personId), [4, 2, 3, 1]);
  });
  it('filters by tier letter, RoSH and enforcement; a restricted case matches no filter', () => {
    assert.deepEqual(filterCases(cases, parseListQuery({ tier: 'B' })).map((c) => c.personId), [1, 4]);
    assert.deepEqual(filterCases(cases, parseListQuery({ rosh: 'low' })).map((c) => c.personId), [2]);
    assert.deepEqual(filterCases(cases, parseListQuery({ enforcement: 'in_breach' })).map((c) => c.personId), [1]);
    assert.equal(filterCases(cases, parseListQuery({})).length, 4);
  });
});
