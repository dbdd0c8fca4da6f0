import { useEffect, useState } from 'react';
import { useCloud, useSession } from '../session/session-model.ts';
import { selectPoints } from '../session/selection-actions.ts';
import { formatNumber } from '../../shared/encodings/legend.ts';
import { useUi } from '../state/ui-store.ts';
import '../styles/search.css';

/** Point indices set in a match mask. */
function pointsOf(mask: Uint8Array): Uint32Array {
  let count = 0;
  for (let i = 0; i < mask.length; i++) count += mask[i];
  const out = new Uint32Array(count);
  let k = 0;
  for (let i = 0; i < mask.length; i++) if (mask[i]) out[k++] = i;
  return out;
}

/**
 * Finds rows by value. While a search has matches the other points fade in this participant's
 * scene only (search is personal); "select" turns the matches into the shared selection.
 */
export function SearchBox() {
  const model = useSession();
  const cloud = useCloud();
  const setSearch = useUi((s) => s.setSearch);
  const column = useUi((s) => s.searchColumn);
  const [text, setText] = useState('');
  // Typing is debounced: each search is a pass over the searched columns.
  useEffect(() => {
    const t = setTimeout(() => setSearch(text), 180);
    return () => clearTimeout(t);
  }, [text, setSearch]);
  const result = cloud.search;
  const found = result !== null && result.count > 0;
  return (
    <div className="search" role="search">
      <input
        id="search-input"
        type="search"
        placeholder="Search values…  ( / )"
        aria-label="Search rows by value"
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') setText('');
          if (e.key === 'Enter' && found) {
            const first = result.mask.indexOf(1);
            if (first >= 0) void model.view.current?.focus(first, true);
          }
        }}
      />
      <select
        className="search-scope"
        aria-label="Search in: all columns or one column"
        title="Where to search: every column (numbers and dates when the query reads as one), or only the chosen column"
        value={column ?? ''}
        onChange={(e) => setSearch(text, e.target.value || null)}
      >
        <option value="">all columns</option>
        {model.dataset.columns.map((c) => (
          <option key={c.name} value={c.name}>
            {c.name}
          </option>
        ))}
      </select>
      {result && (
        <span className="search-count" data-testid="search-count" data-value={result.count}>
          {formatNumber(result.count)} found
        </span>
      )}
      {found && (
        <span className="search-actions">
          {model.canEdit && (
            <button type="button" data-testid="search-select" title="Make the matches the shared selection" onClick={() => selectPoints(model, pointsOf(result.mask))}>
              select
            </button>
          )}
          <button type="button" data-testid="search-frame" title="Fly the camera to the matches" onClick={() => void model.view.current?.frame(pointsOf(result.mask), true)}>
            frame
          </button>
        </span>
      )}
    </div>
  );
}
