import { useState } from 'react';
import { readPresenter, setPresenter } from '../../shared/session/index.ts';
import { useSession } from '../session/session-model.ts';
import { saveIdentity } from '../collab/identity.ts';
import { useDocValue } from '../collab/use-doc.ts';
import { usePeers } from '../collab/use-peers.ts';
import { presenterPose } from '../session/presenter-pose.ts';
import { useUi } from '../state/ui-store.ts';
import { Panel } from './panel.tsx';

/** Who is here (name, colour, role, device), and presenter mode. */
export function PeoplePanel() {
  const model = useSession();
  const { doc, awareness, origins } = model.conn;
  const peers = usePeers(awareness);
  const presenter = useDocValue(doc, ['presenter'], readPresenter);
  const following = useUi((s) => s.following);
  const setFollowing = useUi((s) => s.setFollowing);
  const [name, setName] = useState(model.identity.name);
  const me = awareness.clientID;
  // peers re-render us on every awareness change, which is when the suffix can change.
  const shownAs = model.presence.name;
  const presenting = presenter.clientId === me;
  const jumpTo = presenting ? null : presenterPose(presenter, peers);
  const presenterHere = presenter.clientId !== null && (presenting || peers.some((p) => p.clientId === presenter.clientId));

  const rename = () => {
    const clean = name.trim().slice(0, 64);
    if (!clean || clean === model.identity.name) return;
    model.identity.name = clean;
    saveIdentity(model.identity);
    model.presence.rename(clean);
  };

  return (
    <Panel id="people" title="People" badge={peers.length + 1}>
      <ul className="people-list" data-testid="people">
        <li className="person me">
          <span className="swatch round" style={{ background: model.presence.color }} />
          <input
            className="name-input"
            aria-label="Your name"
            value={name}
            maxLength={64}
            onChange={(e) => setName(e.target.value)}
            onBlur={rename}
            onKeyDown={(e) => e.key === 'Enter' && (e.target as HTMLInputElement).blur()}
          />
          <span className="small muted" data-testid="my-role">
            {shownAs !== model.identity.name && <span title="Another tab or participant uses the same name">as “{shownAs}” · </span>}
            you · {model.canEdit ? 'editor' : 'viewer'}
          </span>
          {presenting && <span className="tag">presenting</span>}
        </li>
        {peers.map((p) => (
          <li key={p.clientId} className="person">
            <span className="swatch round" style={{ background: p.state.color }} />
            <span className="person-name">{p.state.name}</span>
            <span className="small muted">
              {p.state.role} · {p.state.device === 'vr' ? 'headset' : 'desktop'}
            </span>
            {presenter.clientId === p.clientId && <span className="tag">presenting</span>}
          </li>
        ))}
      </ul>
      <div className="button-row">
        {presenting ? (
          <button type="button" className="small on" onClick={() => setPresenter(doc, null, origins.presence)}>
            stop presenting
          </button>
        ) : (
          <button type="button" className="small" disabled={!model.canEdit} title={model.canEdit ? 'Others follow your camera' : 'View links cannot present'} onClick={() => setPresenter(doc, { clientId: me, name: shownAs }, origins.presence)}>
            {presenterHere ? 'take over presenting' : 'present'}
          </button>
        )}
        {presenterHere && !presenting && (
          <>
            <label className="check small">
              <input type="checkbox" checked={following} onChange={(e) => setFollowing(e.target.checked)} /> follow {presenter.name ?? 'presenter'}
            </label>
            {!following && jumpTo && (
              <button type="button" className="small" onClick={() => void model.view.current?.setPose({ position: jumpTo.position, target: jumpTo.target }, true)}>
                jump to presenter
              </button>
            )}
          </>
        )}
      </div>
    </Panel>
  );
}
