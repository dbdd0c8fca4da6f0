import type { NetworkInterfaceInfo } from 'node:os';
import { isIP } from 'node:net';
import { isLinkLocalIPv4, isVirtualInterface } from '../net/interface-kinds.ts';

/**
 * The names a self-signed certificate of ours covers (its subject alternative names). A browser
 * checks the address it opened against them; a headset opens this machine's LAN address, so the
 * certificate lists every address of this machine that others reach, beside the loopback ones.
 */
export interface CertificateNames {
  dns: string[];
  ips: string[];
}

export interface CertificateNameInputs {
  /** HOST as configured ('0.0.0.0', '::', an address or a name). */
  host: string;
  /** ALLOWED_HOSTS: LAN DNS names people open this server by. */
  allowedHosts: readonly string[];
  hostname: string;
  interfaces: NodeJS.Dict<NetworkInterfaceInfo[]>;
}

/**
 * What a certificate made now must cover: localhost, 127.0.0.1, ::1, the hostname (and
 * `<hostname>.local`), HOST when it names one address or name, ALLOWED_HOSTS, and the IPv4
 * address of every interface other devices reach. Left out, because a change in them would make
 * a new certificate (and every headset accept it again) for an address nobody opens: container
 * and VM bridges, link-local 169.254/16, and IPv6 (privacy addresses rotate daily; links use IPv4,
 * see share-origins.ts; HOST or ALLOWED_HOSTS can still name an IPv6 address).
 */
export function namesToCover(inputs: CertificateNameInputs): CertificateNames {
  const dns = new Set<string>(['localhost']);
  const ips = new Set<string>(['127.0.0.1', '::1']);
  const add = (raw: string) => {
    const name = raw.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');
    if (name === '' || name === '0.0.0.0' || name === '::') return;
    if (isIP(name)) ips.add(canonicalAddress(name));
    else dns.add(name);
  };
  add(inputs.host);
  for (const name of inputs.allowedHosts) add(name);
  if (inputs.hostname) {
    add(inputs.hostname);
    add(`${inputs.hostname}.local`);
  }
  for (const [name, list] of Object.entries(inputs.interfaces)) {
    if (isVirtualInterface(name)) continue;
    for (const info of list ?? []) {
      if (info.family === 'IPv4' && !info.internal && !isLinkLocalIPv4(info.address)) add(info.address);
    }
  }
  return { dns: [...dns], ips: [...ips] };
}

/**
 * The names a certificate lists, from X509Certificate.subjectAltName
 * (`DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1`). IPv6 comes back in its
 * long form, so addresses are compared in a canonical form (see sameAddress).
 */
export function parseSubjectAltName(san: string | undefined): CertificateNames {
  const dns: string[] = [];
  const ips: string[] = [];
  for (const entry of (san ?? '').split(',')) {
    const [kind, ...rest] = entry.trim().split(':');
    const value = rest.join(':').trim();
    if (kind === 'DNS' && value) dns.push(value.toLowerCase());
    else if (kind === 'IP Address' && value) ips.push(canonicalAddress(value));
  }
  return { dns, ips };
}

/** Names of `wanted` the certificate does not cover yet (empty = it covers them all). */
export function uncovered(wanted: CertificateNames, covered: CertificateNames): string[] {
  const dns = new Set(covered.dns);
  const ips = new Set(covered.ips.map(canonicalAddress));
  return [...wanted.dns.filter((d) => !dns.has(d)), ...wanted.ips.filter((ip) => !ips.has(canonicalAddress(ip)))];
}

/** Both lists together, each name once (a new certificate keeps the names the old one had). */
export function unionOf(a: CertificateNames, b: CertificateNames): CertificateNames {
  const ips = new Map<string, string>();
  for (const ip of [...a.ips, ...b.ips]) if (!ips.has(canonicalAddress(ip))) ips.set(canonicalAddress(ip), ip);
  return { dns: [...new Set([...a.dns, ...b.dns])], ips: [...ips.values()] };
}

/** An address in one spelling: IPv6 in the compressed lower-case form of RFC 5952. */
export function canonicalAddress(address: string): string {
  if (isIP(address) !== 6) return address;
  return new URL(`http://[${address}]/`).hostname.slice(1, -1);
}
