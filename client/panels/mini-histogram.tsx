import type { ColumnProfile } from '../../shared/profile.ts';

/** A tiny distribution chart from a column profile: bins for numbers and dates, top values for categories. */
export function MiniHistogram({ profile }: { profile: ColumnProfile }) {
  let bars: number[] = [];
  let title = '';
  if (!('top' in profile)) {
    bars = profile.histogram?.counts ?? [];
    title = profile.min !== null && profile.max !== null ? `${profile.type === 'datetime' ? new Date(profile.min).toISOString().slice(0, 10) : profile.min} – ${profile.type === 'datetime' ? new Date(profile.max).toISOString().slice(0, 10) : profile.max}` : '';
  } else {
    bars = profile.top.slice(0, 12).map((t) => t.count);
    title = profile.top.slice(0, 5).map((t) => `${t.value} (${t.count})`).join(', ');
  }
  if (bars.length === 0) return <div className="mini-hist empty" />;
  const peak = Math.max(1, ...bars);
  const w = 100 / bars.length;
  return (
    <svg className="mini-hist" viewBox="0 0 100 24" preserveAspectRatio="none" aria-label={title} role="img">
      <title>{title}</title>
      {bars.map((c, i) => (
        <rect key={i} x={i * w + 0.4} width={Math.max(0.5, w - 0.8)} y={24 - (c / peak) * 24} height={(c / peak) * 24} />
      ))}
    </svg>
  );
}
