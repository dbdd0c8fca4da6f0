import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { readFilters, updateFilter, type RangeFilter } from '../../shared/session/index.ts';
import { useSession } from '../app/session-model.ts';
import { evaluateFilters } from '../encodings/filters.ts';
import { histogram } from '../encodings/histogram.ts';
import { formatDate, formatNumber } from '../encodings/legend.ts';
import { HistogramChart } from './histogram-chart.tsx';

const STEPS = 1000;
const LIVE_MS = 120;

/**
 * A two-thumb range slider over the column's histogram. Dragging writes to the shared filter a
 * few times a second so others watch it move; the bars show what passes the other filters.
 */
export function RangeFilterControl({ filter }: { filter: RangeFilter }) {
  const model = useSession();
  const { doc, origins } = model.conn;
  useSyncExternalStore(model.columns.subscribe, model.columns.getVersion);
  const column = model.ctx.columns.get(filter.column);
  useEffect(() => model.columns.ensure([filter.column]), [model, filter.column]);

  const values = useMemo(() => {
    if (!column || (column.type !== 'number' && column.type !== 'datetime')) return null;
    const out = new Float64Array(model.ctx.count);
    for (let i = 0; i < out.length; i++) out[i] = column.values[model.ctx.rowIndex[i]];
    return out;
  }, [column, model]);
  // What the other filters keep: evaluated without this one.
  const others = readFilters(doc).filter((f) => f.id !== filter.id);
  const othersKey = JSON.stringify(others);
  const subset = useMemo(() => (others.some((f) => f.enabled) ? evaluateFilters(others, model.ctx).passes : null), [othersKey, model, column]);
  const hist = useMemo(() => (values ? histogram(values, 30, subset) : null), [values, subset]);

  const [drag, setDrag] = useState<[number, number] | null>(null);
  const lastSent = useRef(0);
  if (!column) return <p className="small muted">loading {filter.column}…</p>;
  if (!hist) return <p className="small muted">no values</p>;
  const lo = hist.edges[0];
  const hi = hist.edges[hist.edges.length - 1];
  // One value only: nothing to narrow, and the step mapping below would divide by zero.
  if (!(hi > lo)) return <p className="small muted">every value is {(column.type === 'datetime' ? formatDate : formatNumber)(lo)}</p>;
  const toStep = (v: number | null, fallback: number) => Math.round((((v ?? fallback) - lo) / (hi - lo)) * STEPS);
  const fromStep = (s: number) => lo + (s / STEPS) * (hi - lo);
  const [a, b] = drag ?? [toStep(filter.min, lo), toStep(filter.max, hi)];
  const temporal = column.type === 'datetime';
  const fmt = temporal ? formatDate : formatNumber;

  const send = (next: [number, number], force: boolean) => {
    const now = Date.now();
    if (!force && now - lastSent.current < LIVE_MS) return;
    lastSent.current = now;
    const min = next[0] <= 0 ? null : fromStep(next[0]);
    const max = next[1] >= STEPS ? null : fromStep(next[1]);
    updateFilter(doc, filter.id, { min, max }, origins.user);
  };
  const onThumb = (which: 0 | 1, value: number) => {
    const next: [number, number] = which === 0 ? [Math.min(value, b), b] : [a, Math.max(value, a)];
    setDrag(next);
    send(next, false);
  };
  const release = () => {
    if (drag) send(drag, true);
    setDrag(null);
  };

  return (
    <div className="range-filter">
      <HistogramChart histogram={hist} lo={fromStep(a)} hi={fromStep(b)} />
      <div className="dual-range">
        <input type="range" min={0} max={STEPS} value={a} disabled={!model.canEdit} aria-label={`${filter.column} minimum`} onChange={(e) => onThumb(0, Number(e.target.value))} onPointerUp={release} onKeyUp={release} onBlur={release} />
        <input type="range" min={0} max={STEPS} value={b} disabled={!model.canEdit} aria-label={`${filter.column} maximum`} onChange={(e) => onThumb(1, Number(e.target.value))} onPointerUp={release} onKeyUp={release} onBlur={release} />
      </div>
      <div className="range-values small">
        <span>{filter.min === null && !drag ? `≥ ${fmt(lo)}` : fmt(fromStep(a))}</span>
        {hist.missing > 0 && <span className="muted">{formatNumber(hist.missing)} missing excluded</span>}
        <span>{filter.max === null && !drag ? `≤ ${fmt(hi)}` : fmt(fromStep(b))}</span>
      </div>
    </div>
  );
}
