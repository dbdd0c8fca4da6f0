import type { ReactNode } from 'react';
import { useUi, type PanelId } from '../state/ui-store.ts';

/** A collapsible section of the dashboard; its open state is local to this participant. */
export function Panel(props: { id: PanelId; title: string; badge?: ReactNode; actions?: ReactNode; children: ReactNode }) {
  const collapsed = useUi((s) => s.collapsed[props.id] ?? false);
  const toggle = useUi((s) => s.togglePanel);
  const bodyId = `panel-${props.id}`;
  return (
    <section className={`panel${collapsed ? ' collapsed' : ''}`} data-panel={props.id}>
      <header className="panel-head">
        <button type="button" className="panel-toggle" aria-expanded={!collapsed} aria-controls={bodyId} onClick={() => toggle(props.id)}>
          <span className="chevron" aria-hidden="true">{collapsed ? '▸' : '▾'}</span>
          <span className="panel-title">{props.title}</span>
          {props.badge !== undefined && <span className="badge">{props.badge}</span>}
        </button>
        {props.actions && <div className="panel-actions">{props.actions}</div>}
      </header>
      {!collapsed && (
        <div className="panel-body" id={bodyId}>
          {props.children}
        </div>
      )}
    </section>
  );
}

/**
 * Opens the dashboard and panel `id`, scrolls it into view and moves the keyboard focus into
 * it (its first field or button), for shortcuts such as the top bar's Share button.
 */
export function revealPanel(id: PanelId): void {
  useUi.setState((s) => ({ sidebarOpen: true, collapsed: { ...s.collapsed, [id]: false } }));
  // The body renders on the next commit: look for it a frame later.
  requestAnimationFrame(() => {
    const section = document.querySelector<HTMLElement>(`[data-panel="${id}"]`);
    if (!section) return;
    const reduced = matchMedia('(prefers-reduced-motion: reduce)').matches;
    section.scrollIntoView({ block: 'start', behavior: reduced ? 'auto' : 'smooth' });
    section.querySelector<HTMLElement>('.panel-body input, .panel-body button')?.focus({ preventScroll: true });
  });
}
