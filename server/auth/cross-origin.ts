/**
 * Whether a request is a state change sent by a page of another origin (a form or fetch on a
 * foreign site posting to us: "text/plain" needs no CORS preflight, so only this check stops a
 * cross-site upload). Reads are left to tokens and CORS.
 */
export function crossOriginWrite(
  request: { method: string; origin: string | undefined; secFetchSite: string | undefined; host: string | undefined },
  trustedOrigins: readonly string[],
): boolean {
  const method = request.method.toUpperCase();
  if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return false;
  const origin = request.origin;
  if (origin === undefined) {
    // No Origin: not a browser page (curl, Node, the CLI) — unless the browser says it is cross-site.
    return request.secFetchSite === 'cross-site';
  }
  if (trustedOrigins.includes(origin)) return false;
  if (request.host === undefined) return true;
  // Same host and port: a page of ours (behind a TLS proxy the scheme may differ from ours).
  try {
    return new URL(origin).host !== request.host.toLowerCase();
  } catch {
    return true; // 'null' (sandboxed frames, file://) and garbage
  }
}
