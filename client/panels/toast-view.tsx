import { useEffect } from 'react';
import { useUi } from '../state/ui-store.ts';

const TOAST_MS = 8000;

/** One short message about something the page did on the user's behalf; fades after a while or on a click. */
export function ToastView() {
  const toast = useUi((s) => s.toast);
  const showToast = useUi((s) => s.showToast);
  useEffect(() => {
    if (toast === null) return;
    const timer = setTimeout(() => showToast(null), TOAST_MS);
    return () => clearTimeout(timer);
  }, [toast, showToast]);
  if (toast === null) return null;
  return (
    <div className="toast" role="status" data-testid="toast">
      <span>{toast}</span>
      <button type="button" className="icon small" aria-label="Dismiss" onClick={() => showToast(null)}>
        ×
      </button>
    </div>
  );
}
