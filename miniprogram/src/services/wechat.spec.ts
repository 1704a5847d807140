import { taroMock } from '../../test/unit/taro.mock';
import { deviceId, loginCode, referrerFromQuery, sandboxPhoneCode } from './wechat';

beforeEach(() => taroMock.reset());

describe('the referral code a launch carries', () => {
  it.each([
    [{ r: 'quvabbr7' }, 'quvabbr7'],
    [{ scene: 'r%3Dquvabbr7' }, 'quvabbr7'], // a poster's mini-program code: the scene arrives URL-encoded
    [{ scene: 'x%3D1%26r%3Dab12' }, 'ab12'],
    [{ referrer: 'zz99' }, 'zz99'],
    [{ scene: '1047' }, null],
    [{}, null],
    [undefined, null],
  ])('%j → %j', (query, code) => {
    expect(referrerFromQuery(query as Record<string, string> | undefined)).toBe(code);
  });
});

describe('the H5 stand-ins the sandbox accepts', () => {
  it('login codes fit code2session and keep the device (the same sandbox user)', async () => {
    const one = await loginCode();
    const two = await loginCode();
    expect(one).toMatch(/^[A-Za-z0-9_-]{4,64}$/);
    expect(one).not.toBe(two);
    expect(one.split('-').slice(0, 2)).toEqual(['user', deviceId()]);
    expect(two.split('-').slice(0, 2)).toEqual(one.split('-').slice(0, 2));
  });

  it('phone codes name one mainland number per device, and are single-use codes', () => {
    const a = sandboxPhoneCode();
    const b = sandboxPhoneCode();
    expect(a).toMatch(/^[A-Za-z0-9_-]{4,64}$/);
    const phone = /^phone-(1[3-9]\d{9})(?:-|$)/.exec(a)?.[1];
    expect(phone).toMatch(/^13\d{9}$/);
    expect(/^phone-(1[3-9]\d{9})-/.exec(b)?.[1]).toBe(phone);
    expect(a).not.toBe(b);
  });
});
