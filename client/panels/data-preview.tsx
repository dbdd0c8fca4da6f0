import type { DatasetDetail } from '../../shared/api-types.ts';
import type { ColumnType } from '../../shared/table.ts';
import type { Row } from '../api/datasets.ts';
import type { ColumnOverrides } from '../session/analysis-choices.ts';
import { MiniHistogram } from './mini-histogram.tsx';
import { formatCell } from '../encodings/format-cell.ts';

const TYPES: ColumnType[] = ['number', 'category', 'boolean', 'datetime', 'text'];

/** Why a column cannot be a feature as it stands, and how to make it one. */
const NEVER = {
  text: 'Free text is shown but never a feature: change its type to category to use it.',
  identifier: 'Unique per row (an identifier): shown but not a feature. Change its type to use it anyway.',
};

/** First rows of the table; each column's inferred type (changeable), missing count, distribution, and an include box. */
export function DataPreview(props: { detail: DatasetDetail; rows: Row[]; overrides: ColumnOverrides; onChange: (o: ColumnOverrides) => void }) {
  const { detail, overrides } = props;
  const set = (name: string, patch: { type?: ColumnType; exclude?: boolean }) => {
    const next = { ...overrides[name], ...patch };
    const column = detail.columns.find((c) => c.name === name);
    if (next.type === column?.type) delete next.type;
    if (!next.exclude) delete next.exclude;
    const copy = { ...overrides };
    if (Object.keys(next).length === 0) delete copy[name];
    else copy[name] = next;
    props.onChange(copy);
  };
  return (
    <div className="table-scroll preview">
      <table className="preview-table" data-testid="preview">
        <thead>
          <tr>
            {detail.columns.map((c) => {
              const o = overrides[c.name] ?? {};
              // The server never uses free text, nor an identifier left as it was read (see select-features.ts).
              const never = (o.type ?? c.type) === 'text' ? NEVER.text : c.identifier && !o.type ? NEVER.identifier : null;
              const excluded = (o.exclude ?? false) || never !== null;
              return (
                <th key={c.name} className={excluded ? 'excluded' : ''} scope="col">
                  <div className="col-name" title={c.name}>
                    {c.name}
                  </div>
                  <select aria-label={`Type of ${c.name}`} value={o.type ?? c.type} onChange={(e) => set(c.name, { type: e.target.value as ColumnType })}>
                    {TYPES.map((t) => (
                      <option key={t} value={t}>
                        {t}
                      </option>
                    ))}
                  </select>
                  <MiniHistogram profile={c.profile} />
                  <div className="col-meta small">
                    <span className={c.missing > 0 ? 'warn-text' : 'muted'}>{c.missing.toLocaleString('en-US')} missing</span>
                    {c.identifier && <span className="muted"> · id</span>}
                    {o.type && o.type !== c.type && <span className="warn-text"> · was {c.type}</span>}
                  </div>
                  <label className="check small" title={never ?? undefined}>
                    <input type="checkbox" checked={!excluded} disabled={never !== null} aria-label={`Use ${c.name}`} onChange={(e) => set(c.name, { exclude: !e.target.checked })} /> use
                  </label>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r, i) => (
            <tr key={i}>
              {detail.columns.map((c) => (
                <td key={c.name}>{formatCell(r[c.name])}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
