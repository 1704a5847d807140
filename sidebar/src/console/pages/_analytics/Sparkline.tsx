/** A tiny trend line (inline SVG: cheap enough for a card per metric); gaps where a point is null. */
export function Sparkline({ values, width = 120, height = 32, color = '#0052d9' }: { values: Array<number | null>; width?: number; height?: number; color?: string }) {
  const nums = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (values.length < 2 || nums.length < 2) return <svg width={width} height={height} className="an-spark an-spark--empty" aria-hidden />;
  const min = Math.min(...nums);
  const max = Math.max(...nums);
  const span = max - min || 1;
  const x = (i: number): number => (i / (values.length - 1)) * (width - 4) + 2;
  const y = (v: number): number => height - 3 - ((v - min) / span) * (height - 6);
  const runs: string[] = [];
  let run: string[] = [];
  values.forEach((v, i) => {
    if (v === null || !Number.isFinite(v)) {
      if (run.length) runs.push(run.join(' '));
      run = [];
    } else run.push(`${x(i).toFixed(1)},${y(v).toFixed(1)}`);
  });
  if (run.length) runs.push(run.join(' '));
  const lastIndex = values.map((v, i) => (v === null ? -1 : i)).reduce((a, b) => Math.max(a, b), -1);
  const last = values[lastIndex] as number;
  return (
    <svg width={width} height={height} className="an-spark" data-testid="sparkline" aria-hidden>
      {runs.map((pts, i) => (pts.includes(' ') ? <polyline key={i} points={pts} fill="none" stroke={color} strokeWidth={1.5} strokeLinejoin="round" /> : null))}
      <circle cx={x(lastIndex)} cy={y(last)} r={2.5} fill={color} />
    </svg>
  );
}
