import type { ClusterTrend } from '../../shared/insights/trends.ts';

const WIDTH = 300;
const HEIGHT = 56;
const PAD = 3;

/**
 * One cluster's series as a sparkline in its colour, the forecast dashed after it (joined to the
 * last value), a faint rule where the history ends. Periods without a value break the line.
 */
export function TrendChart({ trend, color, counts, label }: { trend: ClusterTrend; color: string; counts: boolean; label: string }) {
  const forecast = trend.forecast?.values ?? [];
  const total = trend.values.length + forecast.length;
  const known = [...trend.values.filter((v): v is number => v !== null), ...forecast];
  if (known.length === 0) return null;
  let low = counts ? 0 : Math.min(...known);
  let high = Math.max(...known);
  if (high === low) {
    high += 1;
    low -= counts ? 0 : 1;
  }
  const x = (k: number) => PAD + ((WIDTH - 2 * PAD) * k) / Math.max(1, total - 1);
  const y = (v: number) => HEIGHT - PAD - ((HEIGHT - 2 * PAD) * (v - low)) / (high - low);
  const segments: string[] = [];
  let current = '';
  trend.values.forEach((v, k) => {
    if (v === null) {
      if (current) segments.push(current);
      current = '';
      return;
    }
    current += `${current ? 'L' : 'M'}${x(k).toFixed(1)},${y(v).toFixed(1)}`;
  });
  if (current) segments.push(current);
  const lastIndex = trend.values.length - 1;
  const lastKnown = trend.values.findLastIndex((v) => v !== null);
  const forecastPath =
    forecast.length > 0 && lastKnown >= 0
      ? `M${x(lastKnown).toFixed(1)},${y(trend.values[lastKnown]!).toFixed(1)}` + forecast.map((v, k) => `L${x(lastIndex + 1 + k).toFixed(1)},${y(v).toFixed(1)}`).join('')
      : null;
  return (
    <svg className="trend-chart" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} preserveAspectRatio="none" role="img" aria-label={label} data-testid="trend-chart">
      <title>{label}</title>
      {forecast.length > 0 && <line className="trend-split" x1={x(lastIndex + 0.5)} x2={x(lastIndex + 0.5)} y1={0} y2={HEIGHT} vectorEffect="non-scaling-stroke" />}
      {segments.map((d, k) => (
        <path key={k} d={d} fill="none" stroke={color} strokeWidth={1.6} vectorEffect="non-scaling-stroke" strokeLinejoin="round" />
      ))}
      {forecastPath && <path className="trend-forecast" d={forecastPath} fill="none" stroke={color} strokeWidth={1.6} strokeDasharray="4 3" vectorEffect="non-scaling-stroke" />}
    </svg>
  );
}
