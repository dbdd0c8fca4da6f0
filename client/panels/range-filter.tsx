import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { updateFilter, type RangeFilter } from '../../shared/session/index.ts';
import { useSession } from '../session/session-model.ts';
import { histogram } from '../encodings/histogram.ts';
import { formatDate, formatNumber } from '../../shared/encodings/legend.ts';
import { HistogramChart } from './histogram-chart.tsx';
import { useOtherFiltersPass } from './use-other-filters.ts';
import '../styles/filters.css';

const STEPS = 1000;
const LIVE_MS = 120;
const DAY_MS = 86_400_000;

/**
 * A typed bound: a number, or a YYYY-MM-DD day for date columns (UTC, as dates are shown). A max
 * day means the end of that day, so "until 2012-06-30" keeps the 30th. Empty text clears the
 * bound (null); anything unreadable is undefined.
 */
export function parseBound(text: string, temporal: boolean, which: 'min' | 'max'): number | null | undefined {
  const t = text.trim();
  if (t === '') return null;
  if (temporal) {
    if (!/^\d{4}-\d\d-\d\d$/.test(t)) return undefined;
    const day = Date.parse(`${t}T00:00:00Z`);
    if (Number.isNaN(day)) return undefined;
    return which === 'max' ? day + DAY_MS - 1 : day;
  }
  const v = Number(t);
  return Number.isFinite(v) ? v : undefined;
}

/**
 * The filter's bounds after typing `value` into one of them: clamped to the column's range
 * [lo, hi] and to the other bound (min ≤ max); a bound at the column's own end is no bound (null).
 */
export function applyBound(
  which: 'min' | 'max',
  value: number | null,
  current: { min: number | null; max: number | null },
  lo: number,
  hi: number,
): { min: number | null; max: number | null } {
  if (value === null) return which === 'min' ? { min: null, max: current.max } : { min: current.min, max: null };
  if (which === 'min') {
    const v = Math.min(Math.max(value, lo), current.max ?? hi);
    return { min: v <= lo ? null : v, max: current.max };
  }
  const v = Math.max(Math.min(value, hi), current.min ?? lo);
  return { min: current.min, max: v >= hi ? null : v };
}

/** A bound as the input shows it: the day for dates, the number to 6 significant digits. */
export function boundText(value: number, temporal: boolean): string {
  if (temporal) return new Date(value).toISOString().slice(0, 10);
  return String(Number(value.toPrecision(6)));
}

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
  const subset = useOtherFiltersPass(model, filter.id, column);
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
  const commit = (which: 'min' | 'max', value: number | null) => {
    updateFilter(doc, filter.id, applyBound(which, value, filter, lo, hi), origins.user);
  };
  const release = () => {
    if (drag) send(drag, true);
    setDrag(null);
  };

  return (
    <div className="range-filter">
      <HistogramChart histogram={hist} lo={drag ? fromStep(a) : (filter.min ?? lo)} hi={drag ? fromStep(b) : (filter.max ?? hi)} />
      <div className="dual-range">
        <input type="range" min={0} max={STEPS} value={a} disabled={!model.canEdit} aria-label={`${filter.column} minimum`} onChange={(e) => onThumb(0, Number(e.target.value))} onPointerUp={release} onKeyUp={release} onBlur={release} />
        <input type="range" min={0} max={STEPS} value={b} disabled={!model.canEdit} aria-label={`${filter.column} maximum`} onChange={(e) => onThumb(1, Number(e.target.value))} onPointerUp={release} onKeyUp={release} onBlur={release} />
      </div>
      <div className="range-values range-bounds small">
        <BoundInput which="min" label={`${filter.column} minimum value`} temporal={temporal} disabled={!model.canEdit} shown={drag ? fromStep(a) : (filter.min ?? lo)} onCommit={(v) => commit('min', v)} />
        {hist.missing > 0 && <span className="muted">{formatNumber(hist.missing)} missing excluded</span>}
        <BoundInput which="max" label={`${filter.column} maximum value`} temporal={temporal} disabled={!model.canEdit} shown={drag ? fromStep(b) : (filter.max ?? hi)} onCommit={(v) => commit('max', v)} />
      </div>
    </div>
  );
}

/**
 * One exact bound: what is typed stays local until Enter or leaving the field commits it;
 * Escape goes back to the filter's value. Unreadable text is dropped the same way.
 */
function BoundInput(props: { which: 'min' | 'max'; label: string; temporal: boolean; disabled: boolean; shown: number; onCommit: (value: number | null) => void }) {
  const [editing, setEditing] = useState<string | null>(null);
  const commit = () => {
    if (editing === null) return;
    const parsed = parseBound(editing, props.temporal, props.which);
    setEditing(null);
    if (parsed !== undefined) props.onCommit(parsed);
  };
  return (
    <input
      className="bound-input"
      type={props.temporal ? 'date' : 'number'}
      step="any"
      aria-label={props.label}
      disabled={props.disabled}
      value={editing ?? boundText(props.shown, props.temporal)}
      onChange={(e) => setEditing(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit();
        if (e.key === 'Escape') setEditing(null);
      }}
      onBlur={commit}
    />
  );
}
