import { useState } from 'react';
import type { DatasetDescription } from '../../shared/api-types.ts';
import '../styles/compare.css';

/**
 * "Compare with another version": the tables that share columns with the chosen one (last
 * month's, the version it replaces), and a button that embeds both in one cloud coloured by
 * source. The one picked is the reference; the chosen table is the current one.
 */
export function CompareCard({ chosen, datasets, disabled, onCompare }: { chosen: DatasetDescription; datasets: readonly DatasetDescription[]; disabled: boolean; onCompare: (referenceId: string) => void }) {
  const names = new Set(chosen.columns.map((c) => c.name));
  const candidates = datasets
    .filter((d) => d.id !== chosen.id && !d.comparison)
    .map((d) => ({ d, shared: d.columns.filter((c) => names.has(c.name)).length }))
    .filter((x) => x.shared > 0)
    // The version it replaces first, then the newest.
    .sort((a, b) => Number(b.d.id === chosen.replaces?.datasetId) - Number(a.d.id === chosen.replaces?.datasetId) || b.d.createdAt.localeCompare(a.d.createdAt));
  const [against, setAgainst] = useState<string>('');
  const picked = candidates.find((x) => x.d.id === against) ?? candidates[0];
  if (candidates.length === 0) return null;
  return (
    <section className="card compare-card" aria-labelledby="compare-title">
      <h2 id="compare-title">Compare with another version</h2>
      <p className="small muted">Both tables in one cloud, coloured by source, with what moved: per-column drift, rows added and removed, clusters that grew or shrank.</p>
      <label className="small" htmlFor="compare-with">
        Compare {chosen.name} with the earlier version (the reference):
      </label>
      <select id="compare-with" data-testid="compare-with" value={picked.d.id} onChange={(e) => setAgainst(e.target.value)} disabled={disabled}>
        {candidates.map(({ d, shared }) => (
          <option key={d.id} value={d.id}>
            {d.name} · {d.rowCount.toLocaleString('en-US')} rows · {shared} of {chosen.columns.length} columns shared
          </option>
        ))}
      </select>
      <button type="button" className="primary" data-testid="compare-run" onClick={() => onCompare(picked.d.id)} disabled={disabled}>
        Compare
      </button>
    </section>
  );
}
