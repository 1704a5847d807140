/** How many failed logins are allowed in a window before further attempts are refused. */
export const loginThrottle = { windowMs: 15 * 60 * 1000, perUser: 5, perIp: 20 } as const;

/** Decides from the recent failure counts whether a login attempt may proceed. */
export function throttleDecision(failures: { user: number; ip: number }): { allowed: true } | { allowed: false; retryAfterSeconds: number } {
  if (failures.user >= loginThrottle.perUser || failures.ip >= loginThrottle.perIp) {
    return { allowed: false, retryAfterSeconds: loginThrottle.windowMs / 1000 };
  }
  return { allowed: true };
}
