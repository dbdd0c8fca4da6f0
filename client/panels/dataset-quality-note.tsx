import type { DatasetDescription } from '../../shared/api-types.ts';

/** "3 quality findings · replaces penguins of 3 Dec" beside a dataset on the start page (from the import's counts). */
export function DatasetQualityNote({ dataset }: { dataset: DatasetDescription }) {
  const q = dataset.quality;
  const replaces = dataset.replaces;
  if (!q && !replaces) return null;
  const day = replaces && new Date(replaces.createdAt).toLocaleDateString('en-GB', { day: 'numeric', month: 'short' });
  return (
    <span className="small dataset-quality" data-testid="dataset-quality">
      {q && (
        <span className={q.findings > 0 ? 'warn-text' : 'muted'}>
          {q.findings === 0 ? 'no quality findings' : `${q.findings} quality finding${q.findings === 1 ? '' : 's'}`}
          {q.alerts > 0 ? ` · ${q.alerts} alert${q.alerts === 1 ? '' : 's'}` : ''}
        </span>
      )}
      {replaces && (
        <span className="muted">
          {q ? ' · ' : ''}this replaces {replaces.name} of {day}
        </span>
      )}
    </span>
  );
}
