import { useState } from 'react';
import { addAnnotation, readAnnotations, removeAnnotation } from '../../shared/session/index.ts';
import { authorOf, useSession } from '../session/session-model.ts';
import { useDocValue } from '../collab/use-doc.ts';
import { pointOfRow } from '../../shared/encodings/point-context.ts';
import { useUi } from '../state/ui-store.ts';
import { Panel } from './panel.tsx';

/** Notes pinned to points: everyone sees them as pins in the scene and in this list. */
export function AnnotationsPanel() {
  const model = useSession();
  const { doc, origins } = model.conn;
  const notes = useDocValue(doc, ['annotations'], readAnnotations);
  const focused = useUi((s) => s.focused);
  const setFocused = useUi((s) => s.setFocused);
  const [text, setText] = useState('');
  const row = focused === null ? null : model.arrays.rowIndex[focused];

  const add = () => {
    if (row === null || !text.trim()) return;
    addAnnotation(doc, { rowIndex: row, text: text.trim(), author: authorOf(model), color: model.presence.color }, origins.user);
    setText('');
  };

  return (
    <Panel id="annotations" title="Notes" badge={notes.length}>
      {model.canEdit && (
        <form
          className="note-form"
          onSubmit={(e) => {
            e.preventDefault();
            add();
          }}
        >
          <textarea
            aria-label="Note text"
            placeholder={row === null ? 'Click a point, then write a note about it' : `Note on row ${row + 1}…`}
            value={text}
            disabled={row === null}
            maxLength={4000}
            rows={2}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) add();
            }}
          />
          <button type="submit" className="small" disabled={row === null || !text.trim()}>
            pin note
          </button>
        </form>
      )}
      {notes.length === 0 && <p className="small muted">No notes yet.</p>}
      <ul className="note-list" data-testid="notes">
        {notes.map((n) => {
          const point = n.rowIndex === null ? -1 : pointOfRow(model.arrays.rowIndex, n.rowIndex);
          return (
            <li key={n.id} className="note" style={{ borderLeftColor: n.color }}>
              <button
                type="button"
                className="note-text"
                disabled={point < 0}
                onClick={() => {
                  setFocused(point);
                  void model.view.current?.focus(point, true);
                }}
              >
                {n.text}
              </button>
              <span className="small muted">
                {n.author}
                {n.rowIndex !== null ? ` · row ${n.rowIndex + 1}` : ''}
              </span>
              {model.canEdit && (
                <button type="button" className="icon small" aria-label="Delete note" onClick={() => removeAnnotation(doc, n.id, origins.user)}>
                  ×
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </Panel>
  );
}
