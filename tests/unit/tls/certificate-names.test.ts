import type { NetworkInterfaceInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { ConfigError, configFromEnv } from '../../../server/config.ts';
import { canonicalAddress, namesToCover, parseSubjectAltName, uncovered, unionOf } from '../../../server/tls/certificate-names.ts';

const nic = (address: string, family: 'IPv4' | 'IPv6', internal = false): NetworkInterfaceInfo =>
  family === 'IPv4'
    ? { address, netmask: '255.255.255.0', family, mac: '02:00:00:00:00:01', internal, cidr: `${address}/24` }
    : { address, netmask: 'ffff:ffff:ffff:ffff::', family, mac: '02:00:00:00:00:01', internal, cidr: `${address}/64`, scopeid: 0 };

/**
 * A laptop on Wi-Fi (a global IPv6 privacy address and a link-local one) running Docker, with a
 * second adapter that got no DHCP answer.
 */
const laptop = {
  lo: [nic('127.0.0.1', 'IPv4', true), nic('::1', 'IPv6', true)],
  docker0: [nic('172.17.0.1', 'IPv4'), nic('fe80::42:acff:fe11:1', 'IPv6')],
  'br-5f2a9c': [nic('172.18.0.1', 'IPv4')],
  wlp2s0: [nic('192.168.1.20', 'IPv4'), nic('2001:db8::7c1e:2ff:fe3a:20', 'IPv6'), nic('fe80::1c2b:3ff:fe4d:5e6f', 'IPv6')],
  enp0s31f6: [nic('169.254.12.7', 'IPv4')],
};

describe('namesToCover', () => {
  it('covers loopback, the hostname, ALLOWED_HOSTS and the IPv4 addresses others reach; no bridges, link-local or rotating IPv6', () => {
    expect(namesToCover({ host: '0.0.0.0', allowedHosts: ['Mirage.Lan.'], hostname: 'studio', interfaces: laptop })).toEqual({
      dns: ['localhost', 'mirage.lan', 'studio', 'studio.local'],
      ips: ['127.0.0.1', '::1', '192.168.1.20'],
    });
    // A new Docker network or a new IPv6 privacy address changes nothing the certificate must cover.
    const later = { ...laptop, 'br-99aa00': [nic('172.19.0.1', 'IPv4')], wlp2s0: [nic('192.168.1.20', 'IPv4'), nic('2001:db8::51:9', 'IPv6')] };
    expect(namesToCover({ host: '0.0.0.0', allowedHosts: [], hostname: 'studio', interfaces: later }).ips).toEqual(['127.0.0.1', '::1', '192.168.1.20']);
  });

  it('adds HOST when it names one address', () => {
    expect(namesToCover({ host: '[fd00::7]', allowedHosts: [], hostname: '', interfaces: {} }).ips).toEqual(['127.0.0.1', '::1', 'fd00::7']);
  });
});

describe('what a kept certificate covers', () => {
  // X509Certificate.subjectAltName as Node writes it for our own certificates (IPv6 long form).
  const san = 'DNS:localhost, DNS:studio, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1, IP Address:192.168.1.20';

  it('reads DNS names and addresses, IPv6 in one canonical spelling', () => {
    expect(parseSubjectAltName(san)).toEqual({ dns: ['localhost', 'studio'], ips: ['127.0.0.1', '::1', '192.168.1.20'] });
    expect(canonicalAddress('2001:DB8:0:0:0:0:0:20')).toBe('2001:db8::20');
  });

  it('names what a new network adds, and the new certificate keeps the old names', () => {
    const kept = parseSubjectAltName(san);
    const now = { dns: ['localhost', 'studio'], ips: ['127.0.0.1', '::1', '10.0.0.8'] };
    expect(uncovered(now, kept)).toEqual(['10.0.0.8']);
    expect(uncovered({ dns: ['localhost'], ips: ['::1', '192.168.1.20'] }, kept)).toEqual([]);
    const next = unionOf(kept, now);
    expect(next).toEqual({ dns: ['localhost', 'studio'], ips: ['127.0.0.1', '::1', '192.168.1.20', '10.0.0.8'] });
    // Back on the first network: nothing is missing, so the kept certificate stays.
    expect(uncovered({ dns: ['localhost'], ips: ['192.168.1.20'] }, next)).toEqual([]);
  });
});

describe('HTTPS settings', () => {
  it('defaults to 8443, HTTPS_PORT=off turns it off, 0 picks a free port', () => {
    expect(configFromEnv({}).httpsPort).toBe(8443);
    expect(configFromEnv({ HTTPS_PORT: 'off' }).httpsPort).toBeNull();
    expect(configFromEnv({ HTTPS_PORT: '0', PORT: '0' }).httpsPort).toBe(0);
  });

  it('refuses contradictions in one line', () => {
    expect(() => configFromEnv({ PORT: '9000', HTTPS_PORT: '9000' })).toThrow(/HTTPS_PORT and PORT are both 9000/);
    expect(() => configFromEnv({ HTTPS_PORT: 'on' })).toThrow(ConfigError);
    expect(() => configFromEnv({ TLS_CERT: '/etc/ssl/a.pem' })).toThrow(/TLS_CERT and TLS_KEY go together .* only TLS_CERT is set/);
    expect(() => configFromEnv({ HTTPS_PORT: 'off', TLS_CERT: 'a.pem', TLS_KEY: 'b.pem' })).toThrow(/HTTPS_PORT=off: nothing would use them/);
    expect(configFromEnv({ TLS_CERT: '/etc/ssl/a.pem', TLS_KEY: '/etc/ssl/a.key' }).tls).toEqual({ certFile: '/etc/ssl/a.pem', keyFile: '/etc/ssl/a.key' });
  });
});
