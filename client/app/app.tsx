import { setSessionToken } from '../api/credentials.ts';
import { SessionPage } from './session-page.tsx';
import { StartPage } from './start-page.tsx';

/** Two pages: `/s/:id?token=…` is a session, everything else the start page. */
export function App() {
  const match = /^\/s\/([A-Za-z0-9_-]{1,64})\/?$/.exec(location.pathname);
  if (match) {
    const token = new URLSearchParams(location.search).get('token') ?? '';
    // Before anything loads: every API call of this page carries the session's token.
    setSessionToken(token);
    return <SessionPage sessionId={match[1]} token={token} />;
  }
  return <StartPage />;
}
