import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { updateFilter, type SetFilter } from '../../shared/session/index.ts';
import { useSession } from '../session/session-model.ts';
import { formatNumber } from '../../shared/encodings/legend.ts';
import { chosenValues, setLevels, toggledValues } from '../encodings/set-levels.ts';
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

  const levels = useMemo(() => setLevels(column, model.ctx, subset), [column, model, subset]);

  if (!levels) return <p className="small muted">loading {filter.column}…</p>;
  const chosen = chosenValues(filter.values);
  const q = query.trim().toLowerCase();
  const visible = (q ? levels.filter((l) => l.label.toLowerCase().includes(q)) : levels).slice(0, SHOWN);
  const write = (values: (string | null)[]) => updateFilter(doc, filter.id, { values }, origins.user);
  const toggle = (value: string | null) => write(toggledValues(filter.values, value));

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
