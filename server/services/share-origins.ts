import type { NetworkInterfaceInfo } from 'node:os';
import type { ShareOrigins } from '../../shared/api-types.ts';
import { isLoopbackHost } from '../../shared/loopback-host.ts';
import { isLinkLocalIPv4, isVirtualInterface } from '../net/interface-kinds.ts';

/** What os.networkInterfaces() returns; tests pass tables of their own. */
export type InterfaceTable = NodeJS.Dict<NetworkInterfaceInfo[]>;

export interface ShareOriginsInput {
  /** PUBLIC_URL as configured (already an origin), or null. */
  publicUrl: string | null;
  /** HOST the server listens on. */
  host: string;
  /** The port it actually listens on (not 0). */
  port: number;
  /** The HTTPS listener's actual port; null or absent when HTTPS_PORT=off. */
  httpsPort?: number | null;
  interfaces: InterfaceTable;
}

/** HOST values that mean "every interface", so other devices can reach any of our addresses. */
const ALL_INTERFACES = new Set(['0.0.0.0', '::', '']);

/**
 * 0 real network, 1 virtual bridge, 2 link-local (169.254/16: no DHCP answer, rarely what others
 * share). The first address is the one shown, so a bridge must never come first.
 */
function rank(name: string, address: string): number {
  if (isLinkLocalIPv4(address)) return 2;
  return isVirtualInterface(name) ? 1 : 0;
}

/**
 * The origins share links should use so that other devices can open them, best first:
 * PUBLIC_URL when set; otherwise, when the server listens on all interfaces, `http://<ipv4>:<port>`
 * for each non-internal IPv4 address (real interfaces before virtual bridges and link-local
 * addresses, otherwise in the system's order); when it listens on one non-loopback address,
 * that one; on loopback only, none. With HTTPS on, `secure` lists the https origins of the same
 * addresses on the HTTPS port. IPv6 is left out: a link such as
 * http://[fe80::1%eth0]:8080 is not something people type or phones open reliably.
 */
export function chooseShareOrigins(input: ShareOriginsInput): ShareOrigins {
  const plain = chooseHttpOrigins(input);
  const httpsPort = input.httpsPort;
  if (httpsPort === undefined || httpsPort === null) return plain;
  // Behind PUBLIC_URL only that origin is reachable (a proxy or tunnel): secure when it is https.
  const origins =
    plain.source === 'public-url'
      ? plain.origins.filter((o) => o.startsWith('https:'))
      : plain.origins.map((o) => {
          const url = new URL(o);
          url.protocol = 'https:';
          url.port = String(httpsPort);
          return url.origin;
        });
  return { ...plain, secure: { port: httpsPort, origins } };
}

function chooseHttpOrigins(input: ShareOriginsInput): ShareOrigins {
  if (input.publicUrl) return { origins: [input.publicUrl], source: 'public-url' };
  if (!ALL_INTERFACES.has(input.host)) {
    // One interface: a loopback one serves this computer only; any other is what others reach
    // (and the right link for a page opened through a tunnel to localhost).
    if (isLoopbackHost(input.host)) return { origins: [], source: 'local-only' };
    const host = input.host.includes(':') ? `[${input.host}]` : input.host;
    return { origins: [`http://${host}:${input.port}`], source: 'host' };
  }
  const found: Array<{ origin: string; rank: number; order: number }> = [];
  const seen = new Set<string>();
  for (const [name, infos] of Object.entries(input.interfaces)) {
    for (const info of infos ?? []) {
      if (info.family !== 'IPv4' || info.internal || seen.has(info.address)) continue;
      seen.add(info.address);
      found.push({ origin: `http://${info.address}:${input.port}`, rank: rank(name, info.address), order: found.length });
    }
  }
  found.sort((a, b) => a.rank - b.rank || a.order - b.order);
  return found.length > 0 ? { origins: found.map((f) => f.origin), source: 'network' } : { origins: [], source: 'no-network' };
}
