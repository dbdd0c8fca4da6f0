import type { NetworkInterfaceInfo } from 'node:os';

/**
 * The names and addresses this server answers to. A request naming any other host in its Host
 * header is refused: that is how a page of an attacker's domain whose DNS was re-pointed at this
 * machine (DNS rebinding) would reach it, with the victim's network position.
 */
export interface HostNameInputs {
  /** HOST as configured ('0.0.0.0', '::', an address or a name). */
  host: string;
  publicUrl: string | null;
  /** ALLOWED_HOSTS: extra names (a proxy's, a LAN DNS name). */
  extra: readonly string[];
  hostname: string;
  interfaces: NodeJS.Dict<NetworkInterfaceInfo[]>;
}

export function serverHostNames(inputs: HostNameInputs): Set<string> {
  const names = new Set<string>(['localhost', '127.0.0.1', '::1']);
  const add = (name: string) => names.add(normaliseHost(name));
  if (inputs.host !== '0.0.0.0' && inputs.host !== '::') add(inputs.host);
  if (inputs.publicUrl) add(new URL(inputs.publicUrl).hostname);
  for (const name of inputs.extra) add(name);
  if (inputs.hostname) {
    add(inputs.hostname);
    add(`${inputs.hostname}.local`);
  }
  for (const list of Object.values(inputs.interfaces)) for (const info of list ?? []) add(info.address.split('%')[0]);
  return names;
}

/** The host name of a Host header value (`[::1]:8080` → `::1`, `Example.org.` → `example.org`), or null if malformed. */
export function hostOfHeader(header: string): string | null {
  try {
    return normaliseHost(new URL(`http://${header}`).hostname);
  } catch {
    return null;
  }
}

function normaliseHost(name: string): string {
  let n = name.trim().toLowerCase();
  if (n.startsWith('[') && n.endsWith(']')) n = n.slice(1, -1);
  if (n.endsWith('.')) n = n.slice(0, -1);
  return n;
}

/** Loopback names and addresses: the only HOSTs AUTH=off may listen on. */
export function isLoopbackHost(host: string): boolean {
  const n = normaliseHost(host);
  return n === 'localhost' || n === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(n);
}

/** Every address in 127.0.0.0/8 is this machine; Host headers may name any of them. */
export function hostAllowed(header: string | undefined, names: ReadonlySet<string>): boolean {
  // HTTP/1.0 clients may send no Host at all; they cannot be a browser page being rebound.
  if (header === undefined || header === '') return true;
  const host = hostOfHeader(header);
  return host !== null && (names.has(host) || isLoopbackHost(host));
}
