import { cleanLead, phoneState, type CleaningFacts } from './cleaning.plan';

const reachable: CleaningFacts = { openLead: false,
    recentlyClosed: false, lastRejection: null, phone: 'valid', doNotContact: false, wecom: false, servingStaffId: null };
const noSeats = { seatGroupId: null };
const seats = { seatGroupId: 'seat-group-1' };

describe('phoneState', () => {
  it('tells no number, a masked mainland mobile and anything else apart', () => {
    expect(phoneState(false, null)).toBe('none');
    expect(phoneState(false, '138****5678')).toBe('none');
    expect(phoneState(true, '138****5678')).toBe('valid');
    expect(phoneState(true, '199****0000')).toBe('valid');
    expect(phoneState(true, '120****5678')).toBe('invalid');
    expect(phoneState(true, '****')).toBe('invalid');
    expect(phoneState(true, '138****567')).toBe('invalid');
    expect(phoneState(true, null)).toBe('invalid');
  });
});

describe('cleanLead', () => {
  it('skips a customer who already has an open lead of the line, whatever else holds', () => {
    expect(cleanLead({ ...reachable, openLead: true, doNotContact: true }, seats)).toEqual({
      action: 'skip',
      verdict: 'duplicate',
      reason: 'duplicate: the customer has an open lead of this line',
    });
  });

  it('rejects a number on the do-not-contact list even when WeCom or their agent could reach them', () => {
    const d = cleanLead({ ...reachable, doNotContact: true, wecom: true, servingStaffId: 'agent-1' }, seats);
    expect(d).toMatchObject({ action: 'create', status: 'rejected', move: 'rejected', verdict: 'do_not_contact' });
  });

  it('rejects a customer with no valid mobile and no WeCom relationship, saying which', () => {
    expect(cleanLead({ ...reachable, phone: 'invalid' }, noSeats)).toMatchObject({
      status: 'rejected',
      verdict: 'invalid_phone',
      reason: 'invalid_phone: the phone number is not a valid mobile number and no WeCom relationship',
    });
    expect(cleanLead({ ...reachable, phone: 'none' }, noSeats).reason).toBe('invalid_phone: no phone number and no WeCom relationship');
  });

  it('does not reject the same customer again for a reason that still holds, but does for a new one', () => {
    expect(cleanLead({ ...reachable, recentlyClosed: true }, noSeats)).toMatchObject({ action: 'skip', verdict: 'duplicate', reason: expect.stringMatching(/closed within the last 30 days/) });
    expect(cleanLead({ ...reachable, phone: 'none', lastRejection: 'invalid_phone' }, noSeats)).toMatchObject({ action: 'skip', verdict: 'invalid_phone' });
    expect(cleanLead({ ...reachable, doNotContact: true, lastRejection: 'invalid_phone' }, noSeats)).toMatchObject({ action: 'create', verdict: 'do_not_contact' });
    // Reachable now: the old rejection no longer matters.
    expect(cleanLead({ ...reachable, lastRejection: 'invalid_phone' }, noSeats)).toMatchObject({ action: 'create', status: 'ready', verdict: 'ok' });
  });

  it('keeps a customer without a phone but with WeCom, ready for assignment (never for the seats)', () => {
    expect(cleanLead({ ...reachable, phone: 'none', wecom: true }, seats)).toEqual({
      action: 'create',
      verdict: 'ok',
      status: 'ready',
      move: 'ready',
      reason: 'ok: reachable over WeCom only; ready for assignment',
    });
  });

  it('sends a customer served by their own agent to assignment as in service, before any seat group', () => {
    expect(cleanLead({ ...reachable, wecom: true, servingStaffId: 'agent-1' }, seats)).toMatchObject({ status: 'ready', move: 'ready', verdict: 'in_service' });
  });

  it('queues a valid mobile for the source’s seat group, and makes it ready when the source has none', () => {
    expect(cleanLead(reachable, seats)).toMatchObject({ status: 'calling', move: 'queued_for_call', verdict: 'ok' });
    expect(cleanLead({ ...reachable, wecom: true }, noSeats)).toMatchObject({ status: 'ready', move: 'ready', reason: 'ok: valid mobile number and WeCom; ready for assignment' });
  });
});
