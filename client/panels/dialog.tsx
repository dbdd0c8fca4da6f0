import { useEffect, useRef, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import '../styles/insights.css';

/**
 * A large modal over the scene for what needs more room than the sidebar (wide tables; `compact`:
 * as tall as its content, for shorter reading). The
 * browser's own modal dialog: the page behind is inert, so Tab stays inside it; Esc closes it
 * without reaching the page's shortcuts (which would clear the selection). Focus goes to the
 * first control inside on open and back where it was on close.
 */
export function Dialog(props: { title: string; onClose: () => void; children: ReactNode; actions?: ReactNode; testId?: string; compact?: boolean }) {
  const ref = useRef<HTMLDialogElement>(null);
  const { onClose } = props;
  const close = useRef(onClose);
  close.current = onClose;
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog.showModal();
    dialog.querySelector<HTMLElement>('.dialog-body button, .dialog-body select, .dialog-body input')?.focus();
    // Esc closes the dialog and nothing else, wherever the focus is: a button that disables itself
    // while it works ("Comparing…") drops the focus to <body>, whose Esc the page's shortcuts
    // would take as "clear the selection". Caught on the window before any other listener.
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.stopImmediatePropagation();
      e.preventDefault();
      close.current();
    };
    window.addEventListener('keydown', onKey, true);
    return () => {
      window.removeEventListener('keydown', onKey, true);
      dialog.close();
      before?.focus({ preventScroll: true });
    };
  }, []);
  return createPortal(
    <dialog
      ref={ref}
      className={`insights-dialog${props.compact ? ' compact' : ''}`}
      aria-label={props.title}
      data-testid={props.testId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onClick={(e) => {
        // A click on the backdrop (the dialog element itself, outside its content) closes it.
        if (e.target === e.currentTarget) onClose();
      }}
    >
      <div className="dialog-frame">
        <header className="dialog-head">
          <h2>{props.title}</h2>
          <div className="dialog-actions">
            {props.actions}
            <button type="button" className="icon" aria-label="Close" title="Close (Esc)" onClick={onClose}>
              ✕
            </button>
          </div>
        </header>
        <div className="dialog-body">{props.children}</div>
      </div>
    </dialog>,
    document.body,
  );
}
