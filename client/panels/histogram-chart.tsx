import type { Histogram } from '../encodings/histogram.ts';

/** Bars of a histogram: all points faint, the subset (passing other filters) on top, the chosen range lit. */
export function HistogramChart(props: { histogram: Histogram; lo: number; hi: number; height?: number }) {
  const { histogram } = props;
  const h = props.height ?? 44;
  const k = histogram.counts.length;
  let peak = 1;
  for (const c of histogram.counts) peak = Math.max(peak, c);
  const w = 100 / k;
  return (
    <svg className="histogram" viewBox={`0 0 100 ${h}`} preserveAspectRatio="none" aria-hidden="true" height={h}>
      {Array.from(histogram.counts, (c, i) => {
        const inRange = histogram.edges[i + 1] > props.lo && histogram.edges[i] < props.hi;
        const sub = histogram.subsetCounts ? histogram.subsetCounts[i] : c;
        return (
          <g key={i}>
            <rect x={i * w + 0.15} width={w - 0.3} y={h - (c / peak) * h} height={(c / peak) * h} className="bar-all" />
            <rect x={i * w + 0.15} width={w - 0.3} y={h - (sub / peak) * h} height={(sub / peak) * h} className={inRange ? 'bar-in' : 'bar-out'} />
          </g>
        );
      })}
    </svg>
  );
}
