import { useState } from 'react';
import { useUi } from '../state/ui-store.ts';
import { readFilters, removeFilter, setFilter, setFilterEnabled, type Filter } from '../../shared/session/index.ts';
import { authorOf, useCloud, useSession } from '../session/session-model.ts';
import { useDocValue } from '../collab/use-doc.ts';
import { flaggedThreshold } from '../encodings/anomaly-threshold.ts';
import { formatNumber } from '../../shared/encodings/legend.ts';
import { clusterName } from '../../shared/encodings/point-values.ts';
import { AnomalyFilterControl } from './anomaly-filter.tsx';
import { Panel } from './panel.tsx';
import { RangeFilterControl } from './range-filter.tsx';
import { SetFilterControl } from './set-filter.tsx';

/** Shared filters: add one per column, edit, switch off or remove; counts always visible. */
export function FilterPanel() {
  const model = useSession();
  const cloud = useCloud();
  const { doc, origins } = model.conn;
  const filters = useDocValue(doc, ['filters'], readFilters);
  const [adding, setAdding] = useState('');
  const usable = model.dataset.columns.filter((c) => c.type !== 'text' && !filters.some((f) => 'column' in f && f.column === c.name));
  const hasAnomaly = filters.some((f) => f.kind === 'anomaly');

  const add = (value: string) => {
    setAdding('');
    if (!value || !model.canEdit) return;
    const author = authorOf(model);
    if (value === '__anomaly') {
      // Start where the orange rings start, so the filter keeps what the legend calls anomalies.
      const min = flaggedThreshold(model.arrays.anomaly, model.arrays.anomalyFlag) ?? 0.5;
      setFilter(doc, { kind: 'anomaly', min, max: null, enabled: true, author }, origins.user);
      return;
    }
    const column = model.dataset.columns.find((c) => c.name === value);
    if (!column) return;
    model.columns.ensure([column.name]);
    if (column.type === 'number' || column.type === 'datetime') {
      setFilter(doc, { kind: 'range', column: column.name, min: null, max: null, enabled: true, author }, origins.user);
    } else {
      // Start with every level kept (the filter narrows as boxes are unticked): that needs the
      // whole dictionary, not the profile's top values.
      void model.columns.load([column.name]).then(
        () => {
          const data = model.ctx.columns.get(column.name);
          if (!data || (data.type !== 'category' && data.type !== 'boolean')) return;
          setFilter(doc, { kind: 'set', column: column.name, values: [...data.dictionary, null], enabled: true, author }, origins.user);
        },
        (e: unknown) => useUi.getState().showToast(`Could not load "${column.name}": ${e instanceof Error ? e.message : String(e)}`),
      );
    }
  };

  return (
    <Panel id="filters" title="Filters" badge={`${formatNumber(cloud.filter.passCount)} / ${formatNumber(model.arrays.count)}`}>
      {filters.length === 0 && (
        <p className="muted small">
          {model.canEdit ? 'No filter: every point is shown. Add one below, or click a legend entry to hide it.' : 'No filter: every point is shown. Filters an editor adds appear here live.'}
        </p>
      )}
      <ul className="filter-list">
        {filters.map((f) => (
          <li key={f.id} className={`filter${f.enabled ? '' : ' off'}`} data-filter-kind={f.kind} data-filter-column={'column' in f ? f.column : f.kind}>
            <div className="filter-head">
              <label className="check">
                <input type="checkbox" checked={f.enabled} disabled={!model.canEdit} onChange={(e) => setFilterEnabled(doc, f.id, e.target.checked, origins.user)} />
                <span className="filter-name">{filterTitle(f)}</span>
              </label>
              <span className="muted small" title={`added by ${f.author}`}>
                {f.author}
              </span>
              <button type="button" className="icon small" aria-label={`Remove filter ${filterTitle(f)}`} disabled={!model.canEdit} onClick={() => removeFilter(doc, f.id, origins.user)}>
                ×
              </button>
            </div>
            <FilterBody filter={f} />
          </li>
        ))}
      </ul>
      <div className="add-filter">
        <select aria-label="Add a filter" value={adding} disabled={!model.canEdit} onChange={(e) => add(e.target.value)}>
          <option value="">+ add a filter…</option>
          {!hasAnomaly && <option value="__anomaly">anomaly score</option>}
          {usable.map((c) => (
            <option key={c.name} value={c.name}>
              {c.name} ({c.type})
            </option>
          ))}
        </select>
      </div>
    </Panel>
  );
}

function filterTitle(f: Filter): string {
  if (f.kind === 'cluster') return 'Clusters';
  if (f.kind === 'anomaly') return 'Anomaly score';
  return f.column;
}

function FilterBody({ filter }: { filter: Filter }) {
  switch (filter.kind) {
    case 'range':
      return <RangeFilterControl filter={filter} />;
    case 'set':
      return <SetFilterControl filter={filter} />;
    case 'anomaly':
      return <AnomalyFilterControl filter={filter} />;
    case 'cluster':
      return <p className="small muted">{filter.values.length === 0 ? 'no cluster shown' : `showing ${filter.values.map(clusterName).join(', ')}`}</p>;
  }
}
