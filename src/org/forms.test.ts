import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  parseId, userChanges, usernameProblem, validateNewTeam, validateNewUser, validateTeamUpdate, validateTokenRequest, validateUserEdit,
  type UserChoices,
} from './forms.ts';

const choices: UserChoices = {
  roles: [
    { code: 'practitioner', caseScope: 'region', permissions: ['case:read'] },
    { code: 'admin', caseScope: 'national', permissions: ['case:read', 'users:manage'] },
  ],
  agencies: [{ code: 'probation' }],
  teams: [{ id: 10, regionId: 1, active: true }, { id: 11, regionId: 2, active: false }],
  regions: [{ id: 1 }, { id: 2 }],
};
const newUser = { username: 'ada.l', displayName: 'Ada Lovelace', roleCode: 'practitioner', agencyCode: 'probation', teamId: '10', password: 'correct horse battery' };
const editContext = { self: false, serviceAccount: false, currentTeamId: 10 };
const edit = { displayName: 'Ada Lovelace', roleCode: 'practitioner', agencyCode: 'probation', teamId: '10', active: 'yes' };

describe('parseId', () => {
  it('accepts positive integers that fit an int4 and nothing else', () => {
    assert.equal(parseId('42'), 42);
    for (const bad of ['', 'abc', '0', '-1', '1.5', '1e3', '007', '2147483648', '99999999999', undefined, null]) assert.equal(parseId(bad), null, String(bad));
  });
});

describe('usernameProblem', () => {
  it('allows 3 to 50 letters, digits, dots, hyphens and underscores', () => {
    assert.equal(usernameProblem('jo.po'), null);
    assert.equal(usernameProblem('A_b-9'), null);
    assert.match(usernameProblem('jo')!, /between 3 and 50/);
    assert.match(usernameProblem('x'.repeat(51))!, /between 3 and 50/);
    assert.match(usernameProblem('jo po')!, /only contain/);
    assert.match(usernameProblem('jo@po')!, /only contain/);
    assert.equal(usernameProblem(''), 'Enter a username');
  });
});

describe('validateNewUser', () => {
  it('accepts a valid user and derives the region from the team', () => {
    const result = validateNewUser({ ...newUser, grade: 'PQiP', email: ' ada@example.com ', regionId: '2' }, choices);
    assert.ok(result.ok);
    assert.deepEqual(result.value, {
      username: 'ada.l', displayName: 'Ada Lovelace', email: 'ada@example.com', roleCode: 'practitioner', agencyCode: 'probation',
      teamId: 10, regionId: 1, grade: 'PQiP', serviceAccount: false, password: 'correct horse battery',
    });
  });

  it('reports every problem at once, by field', () => {
    const result = validateNewUser({ username: 'a b', email: 'nope', roleCode: 'wizard', agencyCode: 'mi6', teamId: '99', grade: 'CEO', password: 'short' }, choices);
    assert.ok(!result.ok);
    assert.deepEqual(Object.keys(result.errors).sort(), ['agencyCode', 'displayName', 'email', 'grade', 'password', 'roleCode', 'teamId', 'username']);
    assert.equal(result.errors.roleCode, 'Select a role from the list');
    assert.match(result.errors.password!, /at least 12 characters/);
  });

  it('refuses an inactive team for a new user', () => {
    const result = validateNewUser({ ...newUser, teamId: '11' }, choices);
    assert.ok(!result.ok);
    assert.equal(result.errors.teamId, 'Select a team from the list');
  });

  it('needs a team or a region for a role that sees one region, but not for a national one', () => {
    const regional = validateNewUser({ ...newUser, teamId: '' }, choices);
    assert.ok(!regional.ok);
    assert.match(regional.errors.teamId!, /Select a team, or a region/);
    const withRegion = validateNewUser({ ...newUser, teamId: '', regionId: '2' }, choices);
    assert.ok(withRegion.ok);
    assert.equal(withRegion.value.regionId, 2);
    assert.equal(withRegion.value.teamId, null);
    assert.ok(validateNewUser({ ...newUser, roleCode: 'admin', teamId: '' }, choices).ok);
    const unknownRegion = validateNewUser({ ...newUser, teamId: '', regionId: '7' }, choices);
    assert.ok(!unknownRegion.ok);
    assert.equal(unknownRegion.errors.regionId, 'Select a region from the list');
  });

  it('requires a password unless it is a service account, which must not have one', () => {
    const noPassword = validateNewUser({ ...newUser, password: '' }, choices);
    assert.ok(!noPassword.ok);
    assert.match(noPassword.errors.password!, /Enter a password, or tick service account/);
    const service = validateNewUser({ ...newUser, password: '', serviceAccount: 'yes' }, choices);
    assert.ok(service.ok);
    assert.equal(service.value.serviceAccount, true);
    assert.equal(service.value.password, null);
    const both = validateNewUser({ ...newUser, serviceAccount: 'yes' }, choices);
    assert.ok(!both.ok);
    assert.match(both.errors.password!, /service account has no password/);
  });

  it('treats non-string input as missing rather than throwing', () => {
    const result = validateNewUser({ username: ['a', 'b'], displayName: { x: 1 }, roleCode: null }, choices);
    assert.ok(!result.ok);
    assert.equal(result.errors.username, 'Enter a username');
    assert.equal(result.errors.roleCode, 'Select a role');
  });
});

describe('validateUserEdit', () => {
  it('accepts an edit and keeps the password null when none is typed', () => {
    const result = validateUserEdit({ ...edit, password: '' }, choices, editContext);
    assert.ok(result.ok);
    assert.equal(result.value.active, true);
    assert.equal(result.value.password, null);
  });

  it('lets a user stay in their team after it was deactivated, but not move into one', () => {
    assert.ok(validateUserEdit({ ...edit, teamId: '11' }, choices, { ...editContext, currentTeamId: 11 }).ok);
    assert.ok(!validateUserEdit({ ...edit, teamId: '11' }, choices, editContext).ok);
  });

  it('requires the status to be chosen', () => {
    const result = validateUserEdit({ ...edit, active: 'maybe' }, choices, editContext);
    assert.ok(!result.ok);
    assert.equal(result.errors.active, 'Select whether the user is active');
  });

  it('stops administrators deactivating themselves or dropping their own users:manage', () => {
    const adminEdit = { ...edit, roleCode: 'admin' };
    assert.ok(validateUserEdit(adminEdit, choices, { ...editContext, self: true }).ok);
    const deactivate = validateUserEdit({ ...adminEdit, active: 'no' }, choices, { ...editContext, self: true });
    assert.ok(!deactivate.ok);
    assert.match(deactivate.errors.active!, /cannot deactivate your own account/);
    const demote = validateUserEdit(edit, choices, { ...editContext, self: true });
    assert.ok(!demote.ok);
    assert.match(demote.errors.roleCode!, /cannot remove your own permission to manage users/);
    assert.ok(validateUserEdit({ ...edit, active: 'no' }, choices, editContext).ok, 'others can be deactivated');
  });

  it('checks a new password, and refuses one for a service account', () => {
    const short = validateUserEdit({ ...edit, password: 'short' }, choices, editContext);
    assert.ok(!short.ok);
    assert.match(short.errors.password!, /at least 12/);
    const service = validateUserEdit({ ...edit, password: 'a long enough password' }, choices, { ...editContext, serviceAccount: true });
    assert.ok(!service.ok);
    assert.match(service.errors.password!, /service account/);
  });
});

describe('userChanges', () => {
  const before = { displayName: 'Ada', email: null, roleCode: 'practitioner', agencyCode: 'probation', teamId: 10, regionId: 1, grade: 'PO', active: true };
  it('lists only what changed, and never the password', () => {
    const detail = userChanges(before, { ...before, roleCode: 'admin', active: false, password: 'a secret password' });
    assert.deepEqual(detail, { changed: { roleCode: { from: 'practitioner', to: 'admin' }, active: { from: true, to: false } }, passwordChanged: true });
    assert.doesNotMatch(JSON.stringify(detail), /secret/);
    assert.deepEqual(userChanges(before, { ...before, password: null }), { changed: {} });
  });
});

describe('team forms', () => {
  it('validates a new team and upper-cases its code', () => {
    const result = validateNewTeam({ code: ' ne-ncl-e ', name: 'Newcastle East', pduId: '3' }, [{ id: 3 }]);
    assert.ok(result.ok);
    assert.deepEqual(result.value, { code: 'NE-NCL-E', name: 'Newcastle East', pduId: 3 });
  });

  it('reports a bad code, a missing name and an unknown PDU', () => {
    const result = validateNewTeam({ code: 'NE NCL!', name: '', pduId: '4' }, [{ id: 3 }]);
    assert.ok(!result.ok);
    assert.deepEqual(Object.keys(result.errors).sort(), ['code', 'name', 'pduId']);
    assert.match(result.errors.pduId!, /from the list/);
  });

  it('validates a rename or deactivation', () => {
    const result = validateTeamUpdate({ name: 'Durham North', active: 'no' });
    assert.ok(result.ok);
    assert.deepEqual(result.value, { name: 'Durham North', active: false });
    const bad = validateTeamUpdate({ name: ' ' });
    assert.ok(!bad.ok);
    assert.deepEqual(Object.keys(bad.errors).sort(), ['active', 'name']);
  });
});

describe('validateTokenRequest', () => {
  it('needs a user and a label of at most 100 characters', () => {
    assert.deepEqual(validateTokenRequest({ username: 'svc.courts', label: ' Courts feed ' }), { ok: true, value: { username: 'svc.courts', label: 'Courts feed' } });
    const bad = validateTokenRequest({ label: 'x'.repeat(101) });
    assert.ok(!bad.ok);
    assert.deepEqual(Object.keys(bad.errors).sort(), ['label', 'username']);
  });
});
