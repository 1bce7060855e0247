import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decide, decisionsFor, mayRequest, reasonRequired, type Actor, type TransferParties } from './status.ts';

const transfer: TransferParties = { status: 'requested', fromTeamId: 1, toTeamId: 2, requestedBy: 10 };
const receivingManager: Actor = { id: 20, teamId: 2, canAllocate: true };
const sendingManager: Actor = { id: 11, teamId: 1, canAllocate: true };
const requester: Actor = { id: 10, teamId: 1, canAllocate: false };
const receivingPractitioner: Actor = { id: 21, teamId: 2, canAllocate: false };
const otherManager: Actor = { id: 30, teamId: 3, canAllocate: true };

describe('transfer decisions', () => {
  it('lets the receiving manager accept or reject a requested transfer', () => {
    assert.deepEqual(decide(transfer, 'accept', receivingManager), { ok: true, value: 'accepted' });
    assert.deepEqual(decide(transfer, 'reject', receivingManager), { ok: true, value: 'rejected' });
    assert.deepEqual(decisionsFor(transfer, receivingManager), ['accept', 'reject']);
  });

  it('refuses acceptance by anyone else with 403', () => {
    for (const actor of [sendingManager, requester, receivingPractitioner, otherManager]) {
      const outcome = decide(transfer, 'accept', actor);
      assert.equal(outcome.ok, false);
      assert.equal(!outcome.ok && outcome.status, 403);
      assert.match(!outcome.ok ? outcome.message : '', /manager of the receiving team/);
    }
  });

  it('lets the requester or a manager of the sending team cancel, nobody else', () => {
    assert.deepEqual(decide(transfer, 'cancel', requester), { ok: true, value: 'cancelled' });
    assert.deepEqual(decide(transfer, 'cancel', sendingManager), { ok: true, value: 'cancelled' });
    assert.equal(decide(transfer, 'cancel', receivingManager).ok, false);
    assert.equal(decide(transfer, 'cancel', otherManager).ok, false);
    assert.deepEqual(decisionsFor(transfer, requester), ['cancel']);
  });

  it('treats accepted, rejected and cancelled as final (409)', () => {
    for (const status of ['accepted', 'rejected', 'cancelled'] as const) {
      for (const decision of ['accept', 'reject', 'cancel'] as const) {
        const outcome = decide({ ...transfer, status }, decision, receivingManager);
        assert.equal(!outcome.ok && outcome.status, 409, `${decision} on ${status}`);
        assert.match(!outcome.ok ? outcome.message : '', new RegExp(`already been ${status}`));
      }
      assert.deepEqual(decisionsFor({ ...transfer, status }, requester), []);
    }
  });

  it('needs a reason only to reject', () => {
    assert.equal(reasonRequired('reject'), true);
    assert.equal(reasonRequired('accept'), false);
    assert.equal(reasonRequired('cancel'), false);
  });
});

describe('who may request a transfer', () => {
  const holding = { teamId: 1, practitionerId: 10 };
  it('the holding team manager and the holding practitioner may', () => {
    assert.equal(mayRequest({ ...sendingManager, canReadCases: true }, holding, false).ok, true);
    assert.equal(mayRequest({ ...requester, canReadCases: true }, holding, false).ok, true);
  });
  it('another team manager or practitioner may not (403)', () => {
    const other = mayRequest({ ...otherManager, canReadCases: true }, holding, false);
    assert.equal(!other.ok && other.status, 403);
    assert.equal(mayRequest({ id: 12, teamId: 1, canAllocate: false, canReadCases: true }, holding, false).ok, false);
  });
  it('not while another transfer is open, nor for a case with no team (409)', () => {
    const open = mayRequest({ ...sendingManager, canReadCases: true }, holding, true);
    assert.equal(!open.ok && open.status, 409);
    const none = mayRequest({ ...sendingManager, canReadCases: true }, null, false);
    assert.equal(!none.ok && none.status, 409);
  });
  it('an unallocated case (no practitioner) can be moved by its team manager', () => {
    assert.equal(mayRequest({ ...sendingManager, canReadCases: true }, { teamId: 1, practitionerId: null }, false).ok, true);
    assert.equal(mayRequest({ ...requester, canReadCases: true }, { teamId: 1, practitionerId: null }, false).ok, false);
  });
});
