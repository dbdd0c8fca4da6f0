import { useEffect, useState } from 'react';
import type { DemoSessionInfo } from '../../shared/api-types.ts';
import { getDemoSession, sessionUrl } from '../api/sessions.ts';

/**
 * The demo session this server made on its first start (the links it printed to its console),
 * so a new user at the start page finds it: open it to edit, or hand out its view link.
 */
export function DemoSessionCard() {
  const [demo, setDemo] = useState<DemoSessionInfo['session']>(null);
  useEffect(() => {
    // Without it the start page still works: nothing to report.
    getDemoSession().then((d) => setDemo(d.session), () => setDemo(null));
  }, []);
  if (!demo) return null;
  const edit = sessionUrl(location.origin, demo.id, demo.editToken);
  const view = sessionUrl(location.origin, demo.id, demo.viewToken);
  return (
    <section className="card wide demo-session" aria-labelledby="demo-session-title" data-testid="demo-session">
      <h2 id="demo-session-title">Demo session</h2>
      <p className="small muted">
        <strong className="demo-session-name">{demo.title}</strong>, made when this server first started: a ready analysis to explore.
      </p>
      <p className="demo-session-links">
        <a className="button primary" href={edit} data-testid="demo-edit-link">
          Open the demo session
        </a>
        <a href={view} data-testid="demo-view-link">
          view link
        </a>
        <span className="small muted">to share: it opens the session without edit rights</span>
      </p>
    </section>
  );
}
