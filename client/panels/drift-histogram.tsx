import type { DriftHistogram as Histogram } from '../../shared/insights/drift.ts';

/**
 * Both sources' distributions of one column, side by side per bin (shares of each side's
 * values): the reference in `colors[0]`, the current dataset in `colors[1]`.
 */
export function DriftHistogram({ histogram, colors, column }: { histogram: Histogram; colors: [string, string]; column: string }) {
  const bins = histogram.labels.slice(0, 12);
  if (bins.length === 0) return null;
  const peak = Math.max(1e-9, ...bins.flatMap((_, i) => [histogram.reference[i], histogram.current[i]]));
  const w = 100 / bins.length;
  const pct = (v: number) => `${Math.round(v * 100)}%`;
  return (
    <svg className="drift-hist" viewBox="0 0 100 24" preserveAspectRatio="none" role="img" aria-label={`${column}: both datasets' distributions`}>
      {bins.map((label, i) => {
        const a = (histogram.reference[i] / peak) * 24;
        const b = (histogram.current[i] / peak) * 24;
        return (
          <g key={i}>
            <title>{`${label}: ${pct(histogram.reference[i])} → ${pct(histogram.current[i])}`}</title>
            <rect x={i * w} width={w} y={0} height={24} fill="transparent" />
            <rect x={i * w + 0.3} width={w / 2 - 0.4} y={24 - a} height={a} fill={colors[0]} />
            <rect x={i * w + w / 2 + 0.1} width={w / 2 - 0.4} y={24 - b} height={b} fill={colors[1]} />
          </g>
        );
      })}
    </svg>
  );
}
