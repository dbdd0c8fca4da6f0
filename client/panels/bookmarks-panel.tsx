import { useEffect, useRef, useState } from 'react';
import { moveBookmark, readBookmarks, removeBookmark, type Bookmark } from '../../shared/session/index.ts';
import { useSession } from '../session/session-model.ts';
import { goToBookmark, saveBookmark } from '../session/bookmark-actions.ts';
import { useDocValue } from '../collab/use-doc.ts';
import { Panel } from './panel.tsx';

const TOUR_STEP_MS = 7000;

/** Saved views (camera + view + filters + the selection's rows) and the tour that replays them in order. */
export function BookmarksPanel() {
  const model = useSession();
  const { doc, origins } = model.conn;
  const bookmarks = useDocValue(doc, ['bookmarks'], readBookmarks);
  const [title, setTitle] = useState('');
  const [tour, setTour] = useState<number | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const go = (b: Bookmark) => goToBookmark(model, b);

  useEffect(() => {
    if (tour === null) return;
    const b = bookmarks[tour];
    if (!b) {
      setTour(null);
      return;
    }
    go(b);
    timer.current = setTimeout(() => setTour((t) => (t === null || t + 1 >= bookmarks.length ? null : t + 1)), TOUR_STEP_MS);
    return () => {
      if (timer.current) clearTimeout(timer.current);
    };
    // Each step runs once when the tour index changes.
  }, [tour]);

  const save = () => {
    if (!saveBookmark(model, title.trim() || `View ${bookmarks.length + 1}`)) return;
    setTitle('');
  };

  return (
    <Panel
      id="bookmarks"
      title="Bookmarks & tour"
      badge={bookmarks.length}
      actions={
        bookmarks.length > 0 && (
          <button type="button" className="small" onClick={() => setTour(tour === null ? 0 : null)} aria-pressed={tour !== null}>
            {tour === null ? '▶ tour' : '■ stop'}
          </button>
        )
      }
    >
      {model.canEdit && (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            save();
          }}
        >
          <input type="text" aria-label="Bookmark title" placeholder="Title of this view" value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} />
          <button type="submit" className="small">
            save view
          </button>
        </form>
      )}
      {tour !== null && (
        <div className="button-row small">
          <span>
            step {tour + 1} of {bookmarks.length}
          </span>
          <button type="button" className="small" disabled={tour === 0} onClick={() => setTour(Math.max(0, tour - 1))}>
            ‹ prev
          </button>
          <button type="button" className="small" disabled={tour + 1 >= bookmarks.length} onClick={() => setTour(tour + 1)}>
            next ›
          </button>
        </div>
      )}
      <ol className="bookmark-list" data-testid="bookmarks">
        {bookmarks.map((b, i) => (
          <li key={b.id} className={tour === i ? 'current' : ''}>
            <button type="button" className="bookmark-title" onClick={() => go(b)} title={`by ${b.author}: ${b.filters.length} filters`}>
              {b.title}
            </button>
            {model.canEdit && (
              <span className="bookmark-actions">
                <button type="button" className="icon small" aria-label="Move up" disabled={i === 0} onClick={() => moveBookmark(doc, b.id, i - 1, origins.user)}>
                  ↑
                </button>
                <button type="button" className="icon small" aria-label="Move down" disabled={i === bookmarks.length - 1} onClick={() => moveBookmark(doc, b.id, i + 1, origins.user)}>
                  ↓
                </button>
                <button type="button" className="icon small" aria-label={`Delete bookmark ${b.title}`} onClick={() => removeBookmark(doc, b.id, origins.user)}>
                  ×
                </button>
              </span>
            )}
          </li>
        ))}
      </ol>
    </Panel>
  );
}
