import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateRole } from './role-form.ts';

describe('validateRole', () => {
  it('accepts a new role with known permissions, one or many', () => {
    const one = validateRole({ code: 'Victim-Liaison', name: 'Victim liaison officer', caseScope: 'region', permissions: 'case:read' }, { creating: true });
    assert.ok(one.ok);
    assert.deepEqual(one.value, { code: 'victim-liaison', name: 'Victim liaison officer', description: '', caseScope: 'region', permissions: ['case:read'] });
    const many = validateRole({ name: 'Auditor', caseScope: 'national', permissions: ['audit:read', 'audit:read', 'case:read'] }, { creating: false });
    assert.ok(many.ok);
    assert.deepEqual(many.value.permissions, ['audit:read', 'case:read']);
  });

  it('says what is wrong with each field', () => {
    const result = validateRole({ code: '9 bad', name: '', caseScope: 'galaxy', permissions: ['case:read', 'launch:missiles'] }, { creating: true });
    assert.ok(!result.ok);
    assert.match(result.errors.code!, /lower-case letters/);
    assert.match(result.errors.name!, /Enter/);
    assert.match(result.errors.caseScope!, /Choose/);
    assert.equal(result.errors.permissions, 'There is no permission called launch:missiles');
  });

  it('does not check the code when editing (it cannot change)', () => {
    assert.ok(validateRole({ name: 'X', caseScope: 'none' }, { creating: false }).ok);
  });
});
