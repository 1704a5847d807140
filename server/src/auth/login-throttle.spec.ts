import { loginThrottle, throttleDecision } from './login-throttle';

describe('throttleDecision', () => {
  it('allows attempts below both thresholds', () => {
    expect(throttleDecision({ user: 0, ip: 0 })).toEqual({ allowed: true });
    expect(throttleDecision({ user: 4, ip: 19 })).toEqual({ allowed: true });
  });

  it('refuses the 5th failure for one user for the whole 15-minute window', () => {
    expect(throttleDecision({ user: 5, ip: 0 })).toEqual({ allowed: false, retryAfterSeconds: 900 });
    expect(throttleDecision({ user: 50, ip: 0 })).toEqual({ allowed: false, retryAfterSeconds: 900 });
  });

  it('refuses the 20th failure from one IP whatever the user count', () => {
    expect(throttleDecision({ user: 0, ip: 20 })).toEqual({ allowed: false, retryAfterSeconds: 900 });
    expect(throttleDecision({ user: 4, ip: 20 })).toEqual({ allowed: false, retryAfterSeconds: 900 });
  });

  it('reports retry-after as the window length in seconds', () => {
    expect(loginThrottle.windowMs / 1000).toBe(900);
  });
});
