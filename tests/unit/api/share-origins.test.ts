import type { NetworkInterfaceInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { ConfigError, configFromEnv } from '../../../server/config.ts';
import { chooseShareOrigins, type InterfaceTable } from '../../../server/services/share-origins.ts';
import { isLoopbackHost } from '../../../shared/loopback-host.ts';

// Interface tables as os.networkInterfaces() returns them on machines we met: data, not mocks.
const v4 = (address: string, internal = false): NetworkInterfaceInfo => ({
  address,
  netmask: '255.255.255.0',
  family: 'IPv4',
  mac: '02:00:00:00:00:01',
  internal,
  cidr: `${address}/24`,
});
const v6 = (address: string, internal = false): NetworkInterfaceInfo => ({
  address,
  netmask: 'ffff:ffff:ffff:ffff::',
  family: 'IPv6',
  mac: '02:00:00:00:00:01',
  internal,
  cidr: `${address}/64`,
  scopeid: 0,
});

/** A Linux laptop on Wi-Fi running Docker: docker0 and a compose bridge come first in the table. */
const laptopWithDocker: InterfaceTable = {
  lo: [v4('127.0.0.1', true), v6('::1', true)],
  docker0: [v4('172.17.0.1'), v6('fe80::42:acff:fe11:1')],
  'br-5f2a9c': [v4('172.18.0.1')],
  wlp2s0: [v4('192.168.1.20'), v6('fe80::1c2b:3ff:fe4d:5e6f')],
};
/** A desktop on cable and Wi-Fi; the Wi-Fi got no DHCP answer (link-local address). */
const twoNics: InterfaceTable = {
  lo: [v4('127.0.0.1', true)],
  en0: [v4('169.254.12.7')],
  en1: [v4('10.0.0.5'), v4('10.0.0.5')],
};
const offline: InterfaceTable = { lo: [v4('127.0.0.1', true), v6('::1', true)], wlan0: [v6('fe80::1')] };

describe('chooseShareOrigins', () => {
  it('prefers PUBLIC_URL over every address', () => {
    expect(chooseShareOrigins({ publicUrl: 'https://mirage.example.org', host: '0.0.0.0', port: 8080, interfaces: laptopWithDocker })).toEqual({
      origins: ['https://mirage.example.org'],
      source: 'public-url',
    });
    expect(chooseShareOrigins({ publicUrl: 'https://mirage.example.org', host: '127.0.0.1', port: 8080, interfaces: offline }).origins).toEqual([
      'https://mirage.example.org',
    ]);
  });

  it('on all interfaces lists each non-internal IPv4, the real network before container bridges', () => {
    for (const host of ['0.0.0.0', '::']) {
      expect(chooseShareOrigins({ publicUrl: null, host, port: 5173, interfaces: laptopWithDocker })).toEqual({
        origins: ['http://192.168.1.20:5173', 'http://172.17.0.1:5173', 'http://172.18.0.1:5173'],
        source: 'network',
      });
    }
  });

  it('puts link-local addresses last and lists an address once', () => {
    expect(chooseShareOrigins({ publicUrl: null, host: '0.0.0.0', port: 80, interfaces: twoNics }).origins).toEqual([
      'http://10.0.0.5:80',
      'http://169.254.12.7:80',
    ]);
  });

  it('keeps the system order among equals, so the first address is the same on every request', () => {
    const table: InterfaceTable = { eth1: [v4('10.1.0.2')], eth0: [v4('10.0.0.2')] };
    expect(chooseShareOrigins({ publicUrl: null, host: '0.0.0.0', port: 1, interfaces: table }).origins).toEqual(['http://10.1.0.2:1', 'http://10.0.0.2:1']);
  });

  it('offers nothing, saying why, when no other device can reach the server', () => {
    expect(chooseShareOrigins({ publicUrl: null, host: '0.0.0.0', port: 8080, interfaces: offline })).toEqual({ origins: [], source: 'no-network' });
    for (const host of ['127.0.0.1', 'localhost', '::1', '127.0.1.1']) {
      expect(chooseShareOrigins({ publicUrl: null, host, port: 8080, interfaces: laptopWithDocker })).toEqual({ origins: [], source: 'local-only' });
    }
  });

  it('offers the one address HOST names when it is not loopback', () => {
    expect(chooseShareOrigins({ publicUrl: null, host: '192.168.1.20', port: 8080, interfaces: laptopWithDocker })).toEqual({
      origins: ['http://192.168.1.20:8080'],
      source: 'host',
    });
    expect(chooseShareOrigins({ publicUrl: null, host: 'fd00::2', port: 8080, interfaces: {} }).origins).toEqual(['http://[fd00::2]:8080']);
  });

  it('with HTTPS on, offers the https origins of the same addresses on the HTTPS port (headsets)', () => {
    expect(chooseShareOrigins({ publicUrl: null, host: '0.0.0.0', port: 8080, httpsPort: 8443, interfaces: laptopWithDocker })).toEqual({
      origins: ['http://192.168.1.20:8080', 'http://172.17.0.1:8080', 'http://172.18.0.1:8080'],
      source: 'network',
      secure: { port: 8443, origins: ['https://192.168.1.20:8443', 'https://172.17.0.1:8443', 'https://172.18.0.1:8443'] },
    });
    expect(chooseShareOrigins({ publicUrl: null, host: 'fd00::2', port: 8080, httpsPort: 443, interfaces: {} }).secure).toEqual({ port: 443, origins: ['https://[fd00::2]'] });
    // Loopback only: nobody else reaches it, over https neither.
    expect(chooseShareOrigins({ publicUrl: null, host: '127.0.0.1', port: 8080, httpsPort: 8443, interfaces: laptopWithDocker }).secure).toEqual({ port: 8443, origins: [] });
    // Behind PUBLIC_URL only that origin is reachable: secure when it is https, else none.
    expect(chooseShareOrigins({ publicUrl: 'https://mirage.example.org', host: '0.0.0.0', port: 8080, httpsPort: 8443, interfaces: laptopWithDocker }).secure).toEqual({
      port: 8443,
      origins: ['https://mirage.example.org'],
    });
    expect(chooseShareOrigins({ publicUrl: 'http://tunnel.example.org', host: '0.0.0.0', port: 8080, httpsPort: 8443, interfaces: laptopWithDocker }).secure?.origins).toEqual([]);
    expect(chooseShareOrigins({ publicUrl: null, host: '0.0.0.0', port: 8080, httpsPort: null, interfaces: laptopWithDocker }).secure).toBeUndefined();
  });

  it('tells loopback hosts from others', () => {
    expect(['localhost', 'LOCALHOST', 'app.localhost', '127.0.0.1', '127.8.9.10', '::1'].every(isLoopbackHost)).toBe(true);
    expect(['0.0.0.0', '192.168.1.20', '127.example.org', 'localhost.example.org', 'fd00::2'].some(isLoopbackHost)).toBe(false);
  });
});

describe('PUBLIC_URL setting', () => {
  it('is unset by default and kept as an origin', () => {
    expect(configFromEnv({}).publicUrl).toBeNull();
    expect(configFromEnv({ PUBLIC_URL: '' }).publicUrl).toBeNull();
    expect(configFromEnv({ PUBLIC_URL: 'https://Mirage.Example.org/' }).publicUrl).toBe('https://mirage.example.org');
    expect(configFromEnv({ PUBLIC_URL: ' http://192.168.1.20:8080 ' }).publicUrl).toBe('http://192.168.1.20:8080');
    expect(configFromEnv({ PUBLIC_URL: 'https://mirage.example.org:443' }).publicUrl).toBe('https://mirage.example.org');
  });

  it('refuses what links cannot be built on, naming the variable', () => {
    const bad = ['mirage.example.org', 'ftp://mirage.example.org', 'https://mirage.example.org/mirage/', 'https://mirage.example.org/?a=1', 'https://u:p@mirage.example.org'];
    for (const value of bad) {
      expect(() => configFromEnv({ PUBLIC_URL: value }), value).toThrow(ConfigError);
      expect(() => configFromEnv({ PUBLIC_URL: value }), value).toThrow(/^PUBLIC_URL must/);
    }
  });
});
