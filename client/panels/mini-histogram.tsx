import type { ColumnProfile } from '../../shared/profile.ts';
import '../styles/start.css';

export interface HistogramBar {
  count: number;
  /** What a tooltip says about the bar: its value or range, and how many rows. */
  label: string;
}

/** A tiny distribution chart from a column profile: bins for numbers and dates, top values for categories. */
export function MiniHistogram({ profile }: { profile: ColumnProfile }) {
  const bars = histogramBars(profile);
  if (bars.length === 0) return <div className="mini-hist empty" />;
  const title = histogramTitle(profile);
  const peak = Math.max(1, ...bars.map((b) => b.count));
  const w = 100 / bars.length;
  // Each bar sits in a full-height transparent hit area, so a short bar still shows its tooltip.
  return (
    <svg className="mini-hist" viewBox="0 0 100 24" preserveAspectRatio="none" aria-label={title} role="img" data-testid="mini-hist">
      <title>{title}</title>
      {bars.map((b, i) => (
        <g key={i} className="mini-hist-bar">
          <title>{b.label}</title>
          <rect className="hit" x={i * w} width={w} y={0} height={24} />
          <rect className="bar" x={i * w + 0.4} width={Math.max(0.5, w - 0.8)} y={24 - (b.count / peak) * 24} height={(b.count / peak) * 24} />
        </g>
      ))}
    </svg>
  );
}

/** Bars with their tooltips: categories name their value, bins their range (dates as days). */
export function histogramBars(profile: ColumnProfile): HistogramBar[] {
  const rows = (n: number) => `${n.toLocaleString('en-US')} ${n === 1 ? 'row' : 'rows'}`;
  if ('top' in profile) {
    const shown = profile.top.slice(0, 12);
    return shown.map((t) => ({ count: t.count, label: `${t.value}: ${rows(t.count)}` }));
  }
  const h = profile.histogram;
  if (!h) return [];
  const fmt = (v: number) => formatEdge(v, profile.type === 'datetime');
  return h.counts.map((count, i) => {
    const last = i === h.counts.length - 1;
    return { count, label: `${fmt(h.edges[i])} – ${fmt(h.edges[i + 1])}${last ? '' : ' (excl.)'}: ${rows(count)}` };
  });
}

export function histogramTitle(profile: ColumnProfile): string {
  if ('top' in profile) {
    const more = profile.distinct - Math.min(12, profile.top.length);
    return `${profile.top.slice(0, 5).map((t) => `${t.value} (${t.count})`).join(', ')}${more > 0 ? ` … ${more} more values` : ''}`;
  }
  if (profile.min === null || profile.max === null) return '';
  const date = profile.type === 'datetime';
  return `${formatEdge(profile.min, date)} – ${formatEdge(profile.max, date)}`;
}

function formatEdge(v: number, date: boolean): string {
  if (date) return new Date(v).toISOString().slice(0, 10);
  return Number.isInteger(v) ? v.toLocaleString('en-US') : String(Number(v.toPrecision(4)));
}
