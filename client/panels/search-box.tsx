import { useEffect, useState } from 'react';
import { useCloud, useSession } from '../app/session-model.ts';
import { formatNumber } from '../encodings/legend.ts';
import { useUi } from '../state/ui-store.ts';

/** Finds rows by value; matches are highlighted in the scene (local to this participant). */
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
          if (e.key === 'Enter' && result && result.count > 0) {
            const first = result.mask.indexOf(1);
            if (first >= 0) void model.scene.current?.focusPoint(first, true);
          }
        }}
      />
      <select aria-label="Search in column" value={column ?? ''} onChange={(e) => setSearch(text, e.target.value || null)}>
        <option value="">text columns</option>
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
    </div>
  );
}
