import type { ShareOrigins } from '../../shared/api-types.ts';
import { isLoopbackHost } from '../../shared/loopback-host.ts';
import { getJson } from './http.ts';

/** Where the server says share links should point so other devices can open them. */
export const getShareOrigins = (): Promise<ShareOrigins> => getJson<ShareOrigins>('/api/share-origins');

/**
 * A page on one of these hosts makes links that open on this computer only (browsers on Linux
 * and macOS open http://0.0.0.0:8080 as this computer too).
 */
export function isLoopbackHostname(hostname: string): boolean {
  return isLoopbackHost(hostname) || hostname === '0.0.0.0';
}

/**
 * The origin share links use and what the panel says about it:
 * - `public`: PUBLIC_URL, used whatever address this page was opened at (it is the one address
 *   everybody reaches);
 * - `network`: this page is on loopback and the server offers addresses others reach (the first,
 *   unless `picked` is another of them);
 * - `local-only`: this page is on loopback and the server offers none (`reason` says why:
 *   listening on loopback only, no network, or the server could not be asked);
 * - `page`: this page's own origin, which others reach as well as we do (or the answer is not in yet).
 */
export type LinkOrigin =
  | { kind: 'page'; origin: string }
  | { kind: 'public'; origin: string }
  | { kind: 'network'; origin: string; choices: string[] }
  | { kind: 'local-only'; origin: string; reason: 'local-only' | 'no-network' | 'unknown' };

export function chooseLinkOrigin(pageOrigin: string, offered: ShareOrigins | 'failed' | null, picked?: string): LinkOrigin {
  if (offered === null) return { kind: 'page', origin: pageOrigin };
  if (offered !== 'failed' && offered.source === 'public-url' && offered.origins[0]) {
    return offered.origins[0] === pageOrigin ? { kind: 'page', origin: pageOrigin } : { kind: 'public', origin: offered.origins[0] };
  }
  if (!isLoopbackHostname(new URL(pageOrigin).hostname)) return { kind: 'page', origin: pageOrigin };
  if (offered === 'failed') return { kind: 'local-only', origin: pageOrigin, reason: 'unknown' };
  if (offered.origins.length === 0) {
    return { kind: 'local-only', origin: pageOrigin, reason: offered.source === 'no-network' ? 'no-network' : 'local-only' };
  }
  const origin = picked && offered.origins.includes(picked) ? picked : offered.origins[0];
  return { kind: 'network', origin, choices: offered.origins };
}

/**
 * The https origin headsets should open links at (Enter VR needs a secure context), or null: the
 * link's own origin when it already is https, else the same host on the server's HTTPS port.
 * None for links that only this computer opens (a headset on a cable opens http://localhost,
 * itself a secure context) or behind an http PUBLIC_URL (only that address is reachable).
 */
export function headsetOrigin(link: LinkOrigin, offered: ShareOrigins | 'failed' | null): string | null {
  const url = new URL(link.origin);
  if (url.protocol === 'https:') return link.origin;
  if (offered === null || offered === 'failed' || !offered.secure) return null;
  if (link.kind === 'local-only' || link.kind === 'public') return null;
  url.protocol = 'https:';
  url.port = String(offered.secure.port);
  return url.origin;
}
