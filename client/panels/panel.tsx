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
