import { useMemo } from 'react';
import type { Row } from '../api/datasets.ts';
import { imageColumnOf } from '../session/image-column.ts';
import { useSession } from '../session/session-model.ts';
import { useThumbnail } from '../session/use-thumbnail.ts';

/** The row's image (from the dataset's image column, if it has one) as a small thumbnail. */
export function RowThumbnail({ values }: { values: Row }) {
  const model = useSession();
  const column = useMemo(() => imageColumnOf(model.dataset), [model.dataset]);
  const cell = column === null ? null : values[column];
  const value = typeof cell === 'string' && cell.trim() !== '' ? cell : null;
  const { url, error } = useThumbnail(model.dataset.id, value);
  if (value === null) return null;
  return (
    <figure className="thumbnail" data-testid="thumbnail">
      {url ? <img src={url} alt={`${column}: ${value}`} /> : <div className="thumbnail-wait">{error ? 'no image' : '…'}</div>}
      {error && <figcaption className="muted small">{value}: {error}</figcaption>}
    </figure>
  );
}
