import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { fetchRowsAt } from '../api/row-cache.ts';
import type { Row } from '../api/datasets.ts';
import { useCloud, useSession } from '../session/session-model.ts';
import { clearAll } from '../session/selection-actions.ts';
import { rowsOfMask } from '../encodings/selection.ts';
import { compareColumn, type ColumnComparison, type NumericStats } from '../encodings/stats.ts';
import { formatDate, formatNumber } from '../../shared/encodings/legend.ts';
import { formatCell } from '../encodings/format-cell.ts';
import { useUi } from '../state/ui-store.ts';
import { Panel } from './panel.tsx';
import '../styles/start.css';

const TABLE_ROWS = 25;
const STAT_COLUMNS = 24;

/** The shared selection: its rows, and how it differs from the rest column by column. */
export function SelectionPanel() {
  const model = useSession();
  const cloud = useCloud();
  const count = cloud.selectedCount;
  const version = useSyncExternalStore(model.columns.subscribe, model.columns.getVersion);
  const statColumns = useMemo(
    () => model.dataset.columns.filter((c) => c.type !== 'text' && !c.identifier).slice(0, STAT_COLUMNS).map((c) => c.name),
    [model],
  );
  useEffect(() => {
    if (count > 0) model.columns.ensure(statColumns);
  }, [model, count, statColumns]);

  const comparisons = useMemo(() => {
    if (count === 0) return [];
    const out: ColumnComparison[] = [];
    for (const name of statColumns) {
      const column = model.ctx.columns.get(name);
      const c = column && compareColumn(name, column, model.ctx.rowIndex, cloud.selectedMask);
      if (c) out.push(c);
    }
    return out.sort((a, b) => Math.abs(b.effect) - Math.abs(a.effect));
  }, [model, cloud.selectedMask, count, statColumns, version]);

  const firstRows = useMemo(() => rowsOfMask(cloud.selectedMask, model.ctx.rowIndex).subarray(0, TABLE_ROWS), [cloud.selectedMask, model]);
  const [rows, setRows] = useState<{ key: Uint32Array; rows: Row[] } | null>(null);
  useEffect(() => {
    if (firstRows.length === 0) return;
    let live = true;
    fetchRowsAt(model.dataset, firstRows).then((r) => live && setRows({ key: firstRows, rows: r }), () => undefined);
    return () => {
      live = false;
    };
  }, [model, firstRows]);
  const shownRows = rows && rows.key === firstRows ? rows.rows : null;
  const headers = shownRows && shownRows[0] ? Object.keys(shownRows[0]) : [];

  return (
    <Panel
      id="selection"
      title="Selection"
      badge={formatNumber(count)}
      actions={
        <button type="button" className="small" disabled={!model.canEdit || count === 0} onClick={() => clearAll(model)}>
          clear
        </button>
      }
    >
      {count === 0 ? (
        <p className="small muted">Nothing selected. Shift-drag on the cloud to lasso points, Shift-click to add one, or select a cluster.</p>
      ) : (
        <>
          <DimSwitch />
          <div className="stats-scroll">
          <table className="stats-table small" data-testid="selection-stats">
            <thead>
              <tr>
                <th>column</th>
                <th>selected</th>
                <th>rest</th>
              </tr>
            </thead>
            <tbody>
              {comparisons.slice(0, 8).map((c) => (
                <tr key={c.column}>
                  <th title={c.column}>{c.column}</th>
                  {c.kind === 'numeric' ? (
                    <>
                      <NumericCell stats={c.selected} temporal={c.temporal} />
                      <NumericCell stats={c.rest} temporal={c.temporal} />
                    </>
                  ) : (
                    <>
                      <td>{c.top[0] ? `${c.top[0].value} ${Math.round(c.top[0].selectedShare * 100)}%` : '—'}</td>
                      <td>{c.top[0] ? `${Math.round(c.top[0].restShare * 100)}%` : '—'}</td>
                    </>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
          </div>
          <div className="table-scroll">
            <table className="rows-table small" data-testid="selection-rows">
              <thead>
                <tr>
                  {headers.map((h) => (
                    <th key={h}>{h}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {(shownRows ?? []).map((r, i) => (
                  <tr key={firstRows[i]}>
                    {headers.map((h) => (
                      <td key={h}>{formatCell(r[h])}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {count > TABLE_ROWS && <p className="small muted">first {TABLE_ROWS} of {formatNumber(count)} rows; export them all below</p>}
        </>
      )}
    </Panel>
  );
}

function NumericCell({ stats, temporal }: { stats: NumericStats; temporal: boolean }) {
  const { main, detail } = numericSummary(stats, temporal);
  return (
    <td>
      {main} {detail && <span className="muted">{detail}</span>}
    </td>
  );
}

/**
 * Numbers read as mean ± standard deviation; dates as the span they cover (a mean date ± days
 * says little), the range breaking after its dash when the sidebar is narrow.
 */
export function numericSummary(stats: NumericStats, temporal: boolean): { main: string; detail: string } {
  if (stats.count === 0) return { main: '—', detail: '' };
  if (temporal) return { main: stats.min === stats.max ? formatDate(stats.min) : `${formatDate(stats.min)} –\u200b${formatDate(stats.max)}`, detail: '' };
  return { main: formatNumber(stats.mean), detail: `± ${formatNumber(stats.std)}` };
}

/** Personal: whether the rest of the cloud fades while something is selected (on by default). */
function DimSwitch() {
  const on = useUi((s) => s.dimUnselected);
  return (
    <label className="small muted dim-switch" title="Only on your screen">
      <input type="checkbox" data-testid="dim-unselected" checked={on} onChange={(e) => useUi.getState().setDimUnselected(e.target.checked)} /> fade the rest (on my screen)
    </label>
  );
}
