/**
 * Sessions this browser has opened with an edit link, newest first, so a presenter who prepared
 * one (bookmarks, notes) finds it again from the start page. Kept in localStorage: the server
 * never lists sessions, since its start page is open to anyone holding a view link.
 */
export interface RecentSession {
  id: string;
  title: string;
  editToken: string;
  /** ISO time this browser last opened it. */
  openedAt: string;
}

const KEY = 'data-mirage.recent-sessions';
/** Enough for a week of workshops; older ones drop off. */
export const RECENT_SESSIONS_MAX = 12;

function isRecent(value: unknown): value is RecentSession {
  const v = value as Partial<RecentSession> | null;
  return !!v && typeof v.id === 'string' && typeof v.title === 'string' && typeof v.editToken === 'string' && typeof v.openedAt === 'string';
}

export function recentSessions(): RecentSession[] {
  try {
    const value = JSON.parse(localStorage.getItem(KEY) ?? '[]') as unknown;
    return Array.isArray(value) ? value.filter(isRecent) : [];
  } catch {
    return [];
  }
}

function store(list: RecentSession[]): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(list.slice(0, RECENT_SESSIONS_MAX)));
  } catch {
    // Storage unavailable (private mode): nothing is remembered, nothing breaks.
  }
}

/** Puts (or moves) a session at the top of the list. */
export function rememberSession(session: Omit<RecentSession, 'openedAt'>, now = new Date()): void {
  store([{ ...session, openedAt: now.toISOString() }, ...recentSessions().filter((s) => s.id !== session.id)]);
}

export function forgetSession(id: string): void {
  store(recentSessions().filter((s) => s.id !== id));
}
