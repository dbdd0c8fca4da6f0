import { useEffect, useMemo, useRef, useState } from 'react';
import { loadIdentity } from '../collab/identity.ts';
import { AnalysisProgressView } from '../panels/analysis-progress.tsx';
import { buildModel } from '../session/build-model.ts';
import { rememberSession } from '../session/recent-sessions.ts';
import type { SessionModel } from '../session/session-model.ts';
import type { ViewDriver } from '../session/view-driver.ts';
import { SessionView } from './session-view.tsx';
import { useSessionLoad } from '../session/use-session-load.ts';

/** /s/:id?token=… — loads the session, then hands a stable model to the session view. */
export function SessionPage(props: { sessionId: string; token: string }) {
  const state = useSessionLoad(props.sessionId, props.token);
  // The shell showing the session sets it (the desktop camera here); kept across re-binds.
  const view = useRef<ViewDriver | null>(null);
  const [identity] = useState(loadIdentity);
  const previous = useRef<SessionModel | null>(null);
  const model = useMemo(
    () => (state.phase === 'ready' ? buildModel({ ...state, token: props.token, identity, view, previous: previous.current }) : null),
    // A new model only when the analysis (or connection) changes, not on every load state.
    // eslint-style note: state fields listed individually on purpose.
    [state.phase === 'ready' ? state.analysis.id : null, state.phase === 'ready' ? state.arrays : null],
  );
  previous.current = model ?? previous.current;
  const presence = model?.presence;
  useEffect(() => () => presence?.dispose(), [presence]);
  // An edit link opened here is listed on this browser's start page ("Your sessions").
  const ready = state.phase === 'ready' || state.phase === 'running' ? state.info : null;
  useEffect(() => {
    if (ready?.role === 'edit') rememberSession({ id: ready.id, title: ready.title, editToken: props.token });
  }, [ready?.id, ready?.title, ready?.role, props.token]);

  if (state.phase === 'loading') return <div className="screen-message">{state.message}</div>;
  if (state.phase === 'error')
    return (
      <div className="screen-message error" role="alert">
        <h1>This session cannot be opened</h1>
        <p>{state.message}</p>
        <p>
          <a href="/">Back to the start page</a>
        </p>
      </div>
    );
  if (state.phase === 'running')
    return (
      <div className="screen-message">
        <h1>{state.info.title}</h1>
        <AnalysisProgressView progress={state.progress} layout={state.layout} early={state.early} />
      </div>
    );
  if (!model) return null;
  // Not keyed by analysis: after a re-bind the same scene receives the new layout and eases
  // every point to its new place (a remount would swap the cloud without motion).
  return <SessionView model={model} />;
}
