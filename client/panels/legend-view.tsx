import type { Legend } from '../encodings/legend.ts';
import { formatNumber } from '../encodings/legend.ts';
import { rampCss } from '../encodings/palettes.ts';

/** The colour legend over the scene: swatches for categories, a colour bar for numbers. */
export function LegendView(props: { legend: Legend | null; onItemClick?: (key: string | number | null) => void; max?: number }) {
  const { legend } = props;
  if (!legend || legend.kind === 'constant') return null;
  if (legend.kind === 'continuous') {
    return (
      <div className="legend" data-testid="legend">
        <div className="legend-title">{legend.title}</div>
        <div className="colour-bar" style={{ background: rampCss(legend.stops) }} />
        <div className="colour-ticks">
          {legend.ticks.map((t) => (
            <span key={t.t}>{t.label}</span>
          ))}
        </div>
        {legend.missing > 0 && <div className="legend-note">{formatNumber(legend.missing)} missing (grey)</div>}
      </div>
    );
  }
  const max = props.max ?? 12;
  const shown = legend.items.slice(0, max);
  const hidden = legend.items.length - shown.length;
  return (
    <div className="legend" data-testid="legend">
      <div className="legend-title">{legend.title}</div>
      <ul className="legend-items">
        {shown.map((item) => (
          <li key={`${item.key}-${item.label}`}>
            <button type="button" className="legend-item" disabled={!props.onItemClick} onClick={() => props.onItemClick?.(item.key)} title={item.label}>
              <span className="swatch" style={{ background: item.color }} />
              <span className="legend-label">{item.label}</span>
              <span className="legend-count">{formatNumber(item.count)}</span>
            </button>
          </li>
        ))}
      </ul>
      {(hidden > 0 || legend.otherCount > 0) && (
        <div className="legend-note">
          {hidden > 0 ? `${hidden} more levels` : ''}
          {hidden > 0 && legend.otherCount > 0 ? ' · ' : ''}
          {legend.otherCount > 0 ? `${formatNumber(legend.otherCount)} points in rarer levels (grey)` : ''}
        </div>
      )}
    </div>
  );
}
