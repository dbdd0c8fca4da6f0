/**
 * The page that creates a session learns both tokens; it remembers the view token so the
 * session's edit page can offer a view link even before the server hands it to editors.
 */
const KEY = 'data-mirage.view-tokens';

function load(): Record<string, string> {
  try {
    const value = JSON.parse(localStorage.getItem(KEY) ?? '{}') as unknown;
    return typeof value === 'object' && value !== null ? (value as Record<string, string>) : {};
  } catch {
    return {};
  }
}

export function rememberViewToken(sessionId: string, viewToken: string): void {
  try {
    localStorage.setItem(KEY, JSON.stringify({ ...load(), [sessionId]: viewToken }));
  } catch {
    // Storage unavailable: the share panel says where to find the view link.
  }
}

export function rememberedViewToken(sessionId: string): string | null {
  const token = load()[sessionId];
  return typeof token === 'string' ? token : null;
}
