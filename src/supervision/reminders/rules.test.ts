import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MOBILE_EXAMPLE, afterTemporaryFailure, clockTime, deliveryDecision, earliestSendAt, formatUkMobile, fromNotifyStatus, inQuietHours, isQueueDay, normaliseUkMobile, reminderText, retryDelayMinutes, type AppointmentFacts, type ReminderSettings } from './rules.ts';
import { londonInstant } from '../../platform/uk-time.ts';

const settings: ReminderSettings = {
  quietStart: '21:00', quietEnd: '08:00', daysBefore: 1, latestMinutesBefore: 120, firstRetryMinutes: 5, maxRetryMinutes: 240, maxAttempts: 6,
};
const at = (iso: string) => new Date(iso);

describe('UK mobile numbers', () => {
  for (const written of ['07700 900123', '07700900123', '+447700900123', '+44 7700 900123', '+44 (0)7700 900123', '+4407700900123',
    '0044 7700 900123', '447700900123', '07700-900-123', '(07700) 900123', ' 07700 900 123 ']) {
    it(`accepts ${written}`, () => assert.deepEqual(normaliseUkMobile(written), { ok: true, value: '+447700900123' }));
  }
  it('accepts the other mobile ranges and Isle of Man 07624', () => {
    for (const n of ['07123 456789', '07412 345678', '07512 345678', '07812 345678', '07912 345678', '07624 123456']) {
      assert.equal(normaliseUkMobile(n).ok, true, n);
    }
  });
  const refuses = (input: string, words: RegExp) => {
    const result = normaliseUkMobile(input);
    assert.equal(result.ok, false, input);
    if (!result.ok) {
      assert.match(result.reason, words);
      assert.match(result.reason, /Enter a UK mobile number, like 07700 900123/);
    }
  };
  it('asks for a number when there is none', () => assert.deepEqual(normaliseUkMobile('  '), { ok: false, reason: MOBILE_EXAMPLE }));
  it('refuses landlines', () => {
    refuses('0191 498 0000', /landline number \(01 or 02\)/);
    refuses('020 7946 0000', /landline number/);
    refuses('+44 20 7946 0000', /landline number/);
    refuses('0300 123 4567', /non-geographic/);
  });
  it('refuses personal numbers, pagers, VoIP, freephone and premium numbers', () => {
    refuses('07012 345678', /personal number \(070\)/);
    refuses('07612 345678', /pager number \(076\)/);
    refuses('0560 123 4567', /internet phone/);
    refuses('0800 123 4567', /freephone or premium/);
    refuses('0909 123 4567', /freephone or premium/);
  });
  it('refuses wrong lengths, saying how many digits there are', () => {
    refuses('0770 090 012', /11 digits, starting 07 \(that has 10\)/);
    refuses('077009001234', /that has 12/);
    refuses('+44770090012', /that has 10/);
  });
  it('refuses other countries, letters and numbers without the 0', () => {
    refuses('+33 6 12 34 56 78', /not a UK number/);
    refuses('0033 6 12 34 56 78', /not a UK number/);
    refuses('07700 9OO123', /digits only/);
    refuses('7700 900123', /starting 07/);
  });
  it('shows a number as people read it', () => {
    assert.equal(formatUkMobile('+447700900123'), '07700 900123');
    assert.equal(formatUkMobile('0191 498 0000'), '0191 498 0000');
  });
});

describe('quiet hours, in UK time across GMT and BST', () => {
  it('winter (GMT): quiet from 21:00 to 08:00 UTC', () => {
    assert.equal(inQuietHours(at('2025-01-15T20:59:00Z'), settings), false);
    assert.equal(inQuietHours(at('2025-01-15T21:00:00Z'), settings), true);
    assert.equal(inQuietHours(at('2025-01-16T03:00:00Z'), settings), true);
    assert.equal(inQuietHours(at('2025-01-16T07:59:00Z'), settings), true);
    assert.equal(inQuietHours(at('2025-01-16T08:00:00Z'), settings), false);
  });
  it('summer (BST): quiet from 20:00 to 07:00 UTC', () => {
    assert.equal(inQuietHours(at('2025-07-15T19:59:00Z'), settings), false);
    assert.equal(inQuietHours(at('2025-07-15T20:00:00Z'), settings), true);
    assert.equal(inQuietHours(at('2025-07-16T06:59:00Z'), settings), true);
    assert.equal(inQuietHours(at('2025-07-16T07:00:00Z'), settings), false);
  });
  it('a window that does not wrap midnight, and none at all', () => {
    const day = { quietStart: '12:00', quietEnd: '14:00' };
    assert.equal(inQuietHours(at('2025-01-15T13:00:00Z'), day), true);
    assert.equal(inQuietHours(at('2025-01-15T14:00:00Z'), day), false);
    assert.equal(inQuietHours(at('2025-01-15T23:00:00Z'), { quietStart: '00:00', quietEnd: '00:00' }), false);
  });
  it('the earliest time to send is the end of quiet hours, by the UK clock of that morning', () => {
    assert.deepEqual(earliestSendAt(at('2025-01-15T06:00:00Z'), settings), at('2025-01-15T08:00:00Z'));
    assert.deepEqual(earliestSendAt(at('2025-07-15T21:30:00Z'), settings), at('2025-07-16T07:00:00Z'));
    assert.deepEqual(earliestSendAt(at('2025-07-15T12:00:00Z'), settings), at('2025-07-15T12:00:00Z'));
    // Clocks go forward in the night of 29-30 March 2025: 22:00 GMT Saturday -> 08:00 BST Sunday.
    assert.deepEqual(earliestSendAt(at('2025-03-29T22:00:00Z'), settings), at('2025-03-30T07:00:00Z'));
    // Clocks go back in the night of 25-26 October 2025: 22:00 BST Saturday -> 08:00 GMT Sunday.
    assert.deepEqual(earliestSendAt(at('2025-10-25T21:00:00Z'), settings), at('2025-10-26T08:00:00Z'));
  });
  it('reads UK clock times as instants on both sides of a change', () => {
    assert.deepEqual(londonInstant('2025-03-30', '00:00'), at('2025-03-30T00:00:00Z'));
    assert.deepEqual(londonInstant('2025-03-31', '00:00'), at('2025-03-30T23:00:00Z'));
    assert.deepEqual(londonInstant('2025-10-26', '08:00'), at('2025-10-26T08:00:00Z'));
  });
});

describe('which appointments are due a reminder', () => {
  it('is the UK calendar day before the appointment', () => {
    assert.equal(isQueueDay(at('2025-07-17T09:00:00Z'), at('2025-07-16T12:00:00Z'), settings), true);
    assert.equal(isQueueDay(at('2025-07-17T09:00:00Z'), at('2025-07-15T12:00:00Z'), settings), false);
    assert.equal(isQueueDay(at('2025-07-17T09:00:00Z'), at('2025-07-17T06:00:00Z'), settings), false);
  });
  it('uses the UK date, not UTC, near midnight in summer', () => {
    // 23:30 UTC on the 15th is 00:30 BST on the 16th: tomorrow is the 17th.
    assert.equal(isQueueDay(at('2025-07-17T09:00:00Z'), at('2025-07-15T23:30:00Z'), settings), true);
    assert.equal(isQueueDay(at('2025-07-16T10:00:00Z'), at('2025-07-15T23:30:00Z'), settings), false);
    // An appointment at 00:30 BST on the 17th is on the 17th, though it is the 16th in UTC.
    assert.equal(isQueueDay(at('2025-07-16T23:30:00Z'), at('2025-07-16T10:00:00Z'), settings), true);
  });
  it('across the spring change: Monday\'s appointment is queued on Sunday', () => {
    assert.equal(isQueueDay(at('2025-03-31T08:30:00Z'), at('2025-03-30T12:00:00Z'), settings), true);
  });

  const appointmentAt = at('2025-07-17T09:00:00Z');
  const standing: AppointmentFacts = { versionId: 7, startsAt: appointmentAt, appointment: true, outcome: null, change: 'booked' };
  const consent = { consented: true, mobile: '+447700900123' };
  const decide = (over: Partial<Parameters<typeof deliveryDecision>[0]>) =>
    deliveryDecision({ now: at('2025-07-16T12:00:00Z'), settings, appointmentAt, appointment: standing, consent, ...over });

  it('sends to a consenting person with a valid number, outside quiet hours', () => {
    assert.deepEqual(decide({}), { kind: 'send', phone: '+447700900123' });
    assert.deepEqual(decide({ consent: { consented: true, mobile: '07700 900123' } }), { kind: 'send', phone: '+447700900123' });
  });
  it('never sends without consent, or after it is withdrawn', () => {
    assert.equal(decide({ consent: null }).kind, 'cancel');
    assert.match((decide({ consent: { consented: false, mobile: '+447700900123' } }) as { reason: string }).reason, /not consented/);
  });
  it('does not send to a number that is not a UK mobile, and says why', () => {
    const d = decide({ consent: { consented: true, mobile: '0191 498 0000' } });
    assert.equal(d.kind, 'cancel');
    assert.match((d as { reason: string }).reason, /0191 498 0000.*landline/);
  });
  it('does not send for an appointment rescheduled, cancelled, moved, with an outcome or gone', () => {
    assert.match((decide({ appointment: { ...standing, outcome: 'rescheduled' } }) as { reason: string }).reason, /rescheduled/);
    assert.match((decide({ appointment: { ...standing, change: 'cancelled' } }) as { reason: string }).reason, /cancelled/);
    assert.match((decide({ appointment: { ...standing, startsAt: at('2025-07-17T10:00:00Z') } }) as { reason: string }).reason, /time changed/);
    assert.match((decide({ appointment: { ...standing, outcome: 'attended_complied' } }) as { reason: string }).reason, /outcome/);
    assert.match((decide({ appointment: null }) as { reason: string }).reason, /no longer/);
  });
  it('waits for the end of quiet hours, and gives up when that is too close to the appointment', () => {
    assert.deepEqual(decide({ now: at('2025-07-16T21:00:00Z'), appointmentAt: at('2025-07-17T13:00:00Z'), appointment: { ...standing, startsAt: at('2025-07-17T13:00:00Z') } }),
      { kind: 'wait', until: at('2025-07-17T07:00:00Z'), reason: 'Quiet hours' });
    assert.match((decide({ now: at('2025-07-16T21:00:00Z') }) as { reason: string }).reason, /Too late/);
  });
});

describe('retries', () => {
  it('double from the first delay up to the cap', () => {
    assert.deepEqual([1, 2, 3, 4, 5, 6, 7, 40].map((n) => retryDelayMinutes(n, settings)), [5, 10, 20, 40, 80, 160, 240, 240]);
  });
  it('stop after the last attempt, and never land in quiet hours', () => {
    assert.deepEqual(afterTemporaryFailure(1, at('2025-07-16T12:00:00Z'), settings), { status: 'pending', nextAttemptAt: at('2025-07-16T12:05:00Z') });
    assert.deepEqual(afterTemporaryFailure(1, at('2025-07-16T19:58:00Z'), settings), { status: 'pending', nextAttemptAt: at('2025-07-17T07:00:00Z') });
    assert.deepEqual(afterTemporaryFailure(6, at('2025-07-16T12:00:00Z'), settings), { status: 'failed' });
  });
});

describe('the message', () => {
  const office = { firstName: 'Daniel', typeCode: 'office', typeName: 'Office appointment', startsAt: at('2025-07-17T13:15:00Z'), location: 'Pilgrim Street office' };
  it('gives the first name, the kind, the UK day, date, time and place, in one text', () => {
    const text = reminderText(office);
    assert.equal(text, 'Hello Daniel, this is a reminder of your office appointment on Thursday 17 July at 2:15pm at Pilgrim Street office. If you cannot come, please call us.');
    assert.ok(text.length <= 160);
  });
  it('leaves out the place of phone, video and home appointments', () => {
    assert.doesNotMatch(reminderText({ ...office, typeCode: 'phone', typeName: 'Phone appointment', location: '0191 498 0000' }), /0191/);
    assert.match(reminderText({ ...office, typeCode: 'home_visit', typeName: 'Home visit', location: '1 Acacia Avenue' }), /home visit on Thursday 17 July at 2:15pm\./);
  });
  it('uses only the first of several first names, and the short form when the long one is over 160', () => {
    const text = reminderText({ ...office, firstName: 'Mary Jane', location: 'Newcastle Community Justice Centre, 4th floor, Pilgrim Street, Newcastle upon Tyne' });
    assert.match(text, /^Mary, reminder: office appointment Thursday 17 July at 2:15pm, Newcastle/);
    assert.doesNotMatch(text, /Jane/);
  });
  it('writes times the GOV.UK way, in UK time', () => {
    assert.equal(clockTime(at('2025-01-15T09:00:00Z')), '9am');
    assert.equal(clockTime(at('2025-07-15T11:00:00Z')), 'midday');
    assert.equal(clockTime(at('2025-07-15T08:30:00Z')), '9:30am');
    assert.equal(clockTime(at('2025-01-15T17:05:00Z')), '5:05pm');
  });
});

describe('Notify delivery statuses', () => {
  it('map to ours', () => {
    assert.equal(fromNotifyStatus('delivered').status, 'delivered');
    assert.equal(fromNotifyStatus('permanent-failure').status, 'permanent_failure');
    assert.equal(fromNotifyStatus('temporary-failure').status, 'failed');
    assert.equal(fromNotifyStatus('technical-failure').status, 'failed');
    assert.deepEqual(fromNotifyStatus('sending'), { status: 'sent', final: false });
    assert.deepEqual(fromNotifyStatus('created'), { status: 'sent', final: false });
  });
});
