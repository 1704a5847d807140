/** The background and text colour of a retention cell: deeper blue for a higher share of the best cell. */
export function heatColour(rate: number | null, max: number): { background: string; color: string } {
  if (rate === null || !Number.isFinite(rate)) return { background: '#f7f8fa', color: '#c9cdd4' };
  const t = max > 0 ? Math.min(1, rate / max) : 0;
  const alpha = 0.06 + 0.84 * t;
  return { background: `rgba(0, 82, 217, ${alpha.toFixed(2)})`, color: alpha > 0.5 ? '#fff' : '#1f2329' };
}
