/**
 * The session token this page was opened with (`/s/:id?token=…`). Every API call of a session
 * page carries it, since a session link reaches that session's dataset and analyses only with it;
 * the start page has none and relies on the owner's cookie. One page shows one session, so one
 * value for the page is enough.
 */
let current: string | null = null;

export function setSessionToken(token: string | null): void {
  current = token === '' ? null : token;
}

export function sessionToken(): string | null {
  return current;
}
