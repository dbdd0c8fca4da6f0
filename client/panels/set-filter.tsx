import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { updateFilter, type SetFilter } from '../../shared/session/index.ts';
import { useSession } from '../session/session-model.ts';
import { formatNumber } from '../../shared/encodings/legend.ts';
import { useOtherFiltersPass } from './use-other-filters.ts';

const SHOWN = 40;

/** A checklist of a category column's values with their point counts. */
export function SetFilterControl({ filter }: { filter: SetFilter }) {
  const model = useSession();
  const { doc, origins } = model.conn;
  const columnsVersion = useSyncExternalStore(model.columns.subscribe, model.columns.getVersion);
  const column = model.ctx.columns.get(filter.column);
  // Counts among the points the other filters keep, so they add up to what this one would show.
  const subset = useOtherFiltersPass(model, filter.id, columnsVersion);
  useEffect(() => model.columns.ensure([filter.column]), [model, filter.column]);
  const [query, setQuery] = useState('');

  const levels = useMemo(() => {
    if (!column || (column.type !== 'category' && column.type !== 'boolean')) return null;
    const counts = new Uint32Array(column.dictionary.length + 1);
    const within = new Uint32Array(column.dictionary.length + 1);
    const missing = column.dictionary.length;
    for (let i = 0; i < model.ctx.count; i++) {
      const c = column.codes[model.ctx.rowIndex[i]];
      const k = c < 0 ? missing : c;
      counts[k]++;
      if (!subset || subset[i] === 1) within[k]++;
    }
    const level = (value: string | null, label: string, k: number) => ({ value, label, count: counts[k], within: within[k] });
    const out = column.dictionary.map((label, k) => level(label, label, k));
    if (counts[missing] > 0) out.push(level(null, '(missing)', missing));
    // Ordered by the whole table, so the list does not reshuffle as other filters move.
    return out.filter((l) => l.count > 0).sort((x, y) => y.count - x.count);
  }, [column, model, subset]);

  if (!levels) return <p className="small muted">loading {filter.column}…</p>;
  const chosen = new Set(filter.values.map((v) => (v === null ? null : String(v))));
  const q = query.trim().toLowerCase();
  const visible = (q ? levels.filter((l) => l.label.toLowerCase().includes(q)) : levels).slice(0, SHOWN);
  const write = (values: (string | null)[]) => updateFilter(doc, filter.id, { values }, origins.user);
  const toggle = (value: string | null) => write(chosen.has(value) ? filter.values.filter((v) => (v === null ? null : String(v)) !== value) as (string | null)[] : [...(filter.values as (string | null)[]), value]);

  return (
    <div className="set-filter">
      {levels.length > 8 && <input type="search" className="small" placeholder="find a value" aria-label={`Find a ${filter.column} value`} value={query} onChange={(e) => setQuery(e.target.value)} />}
      <div className="set-actions small">
        <button type="button" className="link" disabled={!model.canEdit} onClick={() => write(levels.map((l) => l.value))}>
          all
        </button>
        <button type="button" className="link" disabled={!model.canEdit} onClick={() => write([])}>
          none
        </button>
      </div>
      <ul className="checklist">
        {visible.map((l) => (
          <li key={l.label}>
            <label className="check">
              <input type="checkbox" checked={chosen.has(l.value)} disabled={!model.canEdit} onChange={() => toggle(l.value)} />
              <span className="check-label">{l.label}</span>
              <span className="muted small" title={subset ? `${formatNumber(l.within)} pass the other filters, of ${formatNumber(l.count)} in all` : undefined}>
                {formatNumber(l.within)}
              </span>
            </label>
          </li>
        ))}
      </ul>
      {levels.length > visible.length && !q && <p className="small muted">{levels.length - visible.length} rarer values: find them above</p>}
    </div>
  );
}
