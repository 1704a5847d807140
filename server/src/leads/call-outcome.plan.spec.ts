import { leadCallInputSchema, type LeadCallInput } from '@lodestar/shared';
import { defaultCallSettings, planCallOutcome, type CalledLead } from './call-outcome.plan';

const now = new Date('2026-03-02T02:00:00.000Z');
const HOUR = 3_600_000;
const fresh: CalledLead = { status: 'calling', calls: 0, unanswered: 0 };
const call = (c: Partial<LeadCallInput> & Pick<LeadCallInput, 'nextStep'>): LeadCallInput => ({ connected: true, intent: 'medium', ...c });

describe('planCallOutcome', () => {
  it('sends a connected, interested lead to the assignment rules', () => {
    const d = planCallOutcome(fresh, call({ nextStep: 'assign', intent: 'high', note: '想了解重疾' }), now);
    expect(d).toEqual({
      ok: true,
      patch: { status: 'ready', callbackAt: null, updatedAt: now },
      moves: [
        { kind: 'called', reason: '外呼第 1 次：接通，意向高，转顾问跟进；想了解重疾' },
        { kind: 'ready', reason: '外呼确认意向（高），转分配' },
      ],
      doNotContact: false,
      ready: true,
      attempt: 1,
    });
  });

  it('keeps a call_again lead calling, due a day later unless the seat names a time', () => {
    const byDefault = planCallOutcome(fresh, call({ connected: false, intent: 'none', nextStep: 'call_again' }), now);
    expect(byDefault).toMatchObject({ ok: true, patch: { status: 'calling', callbackAt: new Date(now.getTime() + 24 * HOUR) }, ready: false, doNotContact: false });
    if (!byDefault.ok) throw new Error('expected ok');
    expect(byDefault.moves).toEqual([{ kind: 'called', reason: '外呼第 1 次：未接通，意向无，再次外呼（2026-03-03T02:00:00.000Z）' }]);

    const named = planCallOutcome({ status: 'calling', calls: 1, unanswered: 0 }, call({ nextStep: 'call_again', callbackAt: '2026-03-02T18:30:00+08:00' }), now);
    expect(named).toMatchObject({ ok: true, attempt: 2, patch: { status: 'calling', callbackAt: new Date('2026-03-02T10:30:00.000Z') } });
    expect(planCallOutcome(fresh, call({ nextStep: 'call_again' }), now, { ...defaultCallSettings, callbackHours: 2 })).toMatchObject({ patch: { callbackAt: new Date(now.getTime() + 2 * HOUR) } });
  });

  it('refuses a callback time in the past or too far ahead', () => {
    expect(planCallOutcome(fresh, call({ nextStep: 'call_again', callbackAt: now.toISOString() }), now)).toEqual({ ok: false, code: 'validation_failed', path: 'body.callbackAt', message: 'must be in the future' });
    expect(planCallOutcome(fresh, call({ nextStep: 'call_again', callbackAt: '2026-04-02T02:00:00.001Z' }), now)).toEqual({
      ok: false,
      code: 'validation_failed',
      path: 'body.callbackAt',
      message: 'must be within 30 days',
    });
  });

  it('closes the lead lost once the third call does not connect, but not after a connected "call me later"', () => {
    const unanswered = call({ connected: false, intent: 'none', nextStep: 'call_again' });
    expect(planCallOutcome({ status: 'calling', calls: 1, unanswered: 1 }, unanswered, now)).toMatchObject({ ok: true, patch: { status: 'calling' } });
    const third = planCallOutcome({ status: 'calling', calls: 2, unanswered: 2 }, unanswered, now);
    expect(third).toEqual({
      ok: true,
      patch: { status: 'lost', openKey: null, closedAt: now, callbackAt: null, updatedAt: now, outcome: '3 次未接通' },
      moves: [
        { kind: 'called', reason: '外呼第 3 次：未接通，意向无，再次外呼' },
        { kind: 'closed', reason: '3 次未接通，不再外呼' },
      ],
      doNotContact: false,
      ready: false,
      attempt: 3,
    });
    // Two unanswered calls and a connected one asking for a callback: the lead stays.
    expect(planCallOutcome({ status: 'calling', calls: 2, unanswered: 2 }, call({ nextStep: 'call_again', intent: 'low' }), now)).toMatchObject({ ok: true, patch: { status: 'calling' } });
    expect(planCallOutcome({ status: 'calling', calls: 4, unanswered: 1 }, unanswered, now, { ...defaultCallSettings, maxUnanswered: 5 })).toMatchObject({ patch: { status: 'calling' } });
  });

  it('closes a lead without interest lost, with the note as its outcome', () => {
    const d = planCallOutcome(fresh, call({ nextStep: 'not_interested', intent: 'none', note: '已在别家投保' }), now);
    expect(d).toMatchObject({ ok: true, patch: { status: 'lost', openKey: null, closedAt: now, outcome: '外呼无意向：已在别家投保' }, doNotContact: false });
    if (!d.ok) throw new Error('expected ok');
    expect(d.moves.map((m) => m.kind)).toEqual(['called', 'closed']);
  });

  it('rejects a lead whose number is invalid, and lists the number of one who asks not to be called', () => {
    const invalid = planCallOutcome(fresh, call({ connected: false, intent: 'none', nextStep: 'invalid_number' }), now);
    expect(invalid).toMatchObject({ ok: true, patch: { status: 'rejected', rejectReason: 'invalid_phone', openKey: null, closedAt: now }, doNotContact: false });
    const dnc = planCallOutcome(fresh, call({ nextStep: 'do_not_contact', intent: 'none' }), now);
    expect(dnc).toMatchObject({ ok: true, patch: { status: 'rejected', rejectReason: 'do_not_contact' }, doNotContact: true });
    if (!dnc.ok) throw new Error('expected ok');
    expect(dnc.moves.map((m) => m.kind)).toEqual(['called', 'rejected']);
  });

  it('refuses a call on a lead that is not calling', () => {
    for (const status of ['ready', 'assigned', 'pool', 'won', 'lost', 'rejected'] as const) {
      expect(planCallOutcome({ ...fresh, status }, call({ nextStep: 'assign' }), now)).toEqual({ ok: false, code: 'conflict', message: `The lead is ${status}, not waiting for a call` });
    }
  });

  it('keeps move reasons within the column even with a long note', () => {
    const d = planCallOutcome(fresh, call({ nextStep: 'not_interested', note: '长'.repeat(1000) }), now);
    if (!d.ok) throw new Error('expected ok');
    expect(Math.max(...d.moves.map((m) => m.reason.length))).toBe(500);
    expect(d.patch.outcome!.length).toBe(500);
  });
});

describe('leadCallInputSchema', () => {
  const issues = (input: unknown) => {
    const r = leadCallInputSchema.safeParse(input);
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };

  it('accepts consistent calls', () => {
    expect(issues({ connected: false, intent: 'none', nextStep: 'call_again' })).toEqual([]);
    expect(issues({ connected: false, intent: 'none', nextStep: 'invalid_number', durationSeconds: 0 })).toEqual([]);
    expect(issues({ connected: true, intent: 'high', nextStep: 'assign', note: ' 好 ', callbackAt: undefined })).toEqual([]);
  });

  it('names what is inconsistent', () => {
    expect(issues({ connected: false, intent: 'high', nextStep: 'call_again' })).toEqual(['intent: a call that did not connect has intent none']);
    expect(issues({ connected: false, intent: 'none', nextStep: 'assign' })).toEqual(['nextStep: assign needs a connected call', 'intent: assign needs an intent (high, medium or low)']);
    expect(issues({ connected: false, intent: 'none', nextStep: 'do_not_contact' })).toEqual(['nextStep: do_not_contact needs a connected call']);
    expect(issues({ connected: true, intent: 'low', nextStep: 'assign', callbackAt: '2026-03-03T02:00:00Z' })).toEqual(['callbackAt: only with nextStep call_again']);
    expect(issues({ connected: true, intent: 'low', nextStep: 'assign', extra: 1 })[0]).toMatch(/extra/);
  });
});
