import { useState } from 'react';
import { sessionUrl } from '../api/sessions.ts';
import { forgetSession, recentSessions, type RecentSession } from '../session/recent-sessions.ts';
import '../styles/recent.css';

const WHEN = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

/** "Your sessions": the sessions this browser opened with an edit link, to go back to one. */
export function RecentSessionsList() {
  const [list, setList] = useState<RecentSession[]>(recentSessions);
  if (list.length === 0) return null;
  return (
    <section className="card wide recent-sessions" aria-labelledby="recent-title" data-testid="recent-sessions">
      <h2 id="recent-title">Your sessions</h2>
      <p className="small muted">Sessions opened in this browser with an edit link; notes and bookmarks are where you left them.</p>
      <ul>
        {list.map((s) => (
          <li key={s.id}>
            <a href={sessionUrl(location.origin, s.id, s.editToken)} className="recent-title">
              {s.title}
            </a>
            <span className="small muted">opened {WHEN.format(new Date(s.openedAt))}</span>
            <button
              type="button"
              className="small"
              aria-label={`Forget ${s.title}`}
              title="Remove from this list (the session itself stays)"
              onClick={() => {
                forgetSession(s.id);
                setList(recentSessions());
              }}
            >
              forget
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
