/**
 * The UI's one clock: SLA timers, "x minutes ago" and the calendar's default range ask it.
 * Tests and the demo may pin it (window.__lodestarNow) to line the UI up with a moved sandbox clock.
 */
declare global {
  interface Window {
    __lodestarNow?: number;
  }
}

export function now(): number {
  if (typeof window !== 'undefined' && typeof window.__lodestarNow === 'number') return window.__lodestarNow;
  // eslint-disable-next-line no-restricted-syntax -- the browser's clock seam; everything else asks now()
  return Date.now();
}

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;
