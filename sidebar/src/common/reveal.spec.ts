import { personalDataRevealSchema } from '@lodestar/shared';
import { mayOfferReveal, quickRevealReasons, reasonProblem, revealErrorText, secondsLeft } from './reveal';

describe('revealing a masked phone or ID number', () => {
  it('offers 查看 only for a field the server lists as revealable and that has a value', () => {
    const view = { phone: '138****5678', idNumber: '110105********002X', revealable: ['phone' as const] };
    expect(mayOfferReveal(view, 'phone')).toBe(true);
    expect(mayOfferReveal(view, 'idNumber')).toBe(false);
    expect(mayOfferReveal({ ...view, phone: null }, 'phone')).toBe(false);
    expect(mayOfferReveal({ ...view, revealable: [] }, 'phone')).toBe(false);
  });

  it('checks the reason as the server will, so the request is not refused for it', () => {
    for (const r of ['', ' ', '看', ' 看 ', 'x'.repeat(201)]) {
      expect(reasonProblem(r)).not.toBeNull();
      expect(personalDataRevealSchema.safeParse({ fields: ['phone'], reason: r }).success).toBe(false);
    }
    for (const r of ['核实', 'x'.repeat(200), ...quickRevealReasons.phone, ...quickRevealReasons.idNumber]) {
      expect(reasonProblem(r)).toBeNull();
      expect(personalDataRevealSchema.safeParse({ fields: ['phone'], reason: r }).success).toBe(true);
    }
  });

  it('counts down in whole seconds and stops at zero', () => {
    expect(secondsLeft(30_000, 0)).toBe(30);
    expect(secondsLeft(30_000, 100)).toBe(30);
    expect(secondsLeft(30_000, 29_001)).toBe(1);
    expect(secondsLeft(30_000, 30_000)).toBe(0);
    expect(secondsLeft(30_000, 45_000)).toBe(0);
  });

  it('says why a reveal failed, with the server’s message', () => {
    expect(revealErrorText('idNumber', { status: 403, message: 'Your role may not see the ID number unmasked' })).toBe('你的角色无权查看身份证号明文（Your role may not see the ID number unmasked）');
    expect(revealErrorText('phone', { status: 404, message: 'Customer not found' })).toBe('客户不存在，或不在你的可见范围内（Customer not found）');
    expect(revealErrorText('phone', { status: 0, message: 'Failed to fetch' })).toBe('网络异常，未能查看（Failed to fetch）');
    expect(revealErrorText('phone', { status: 500, message: '' })).toBe('查看手机号失败');
  });
});
