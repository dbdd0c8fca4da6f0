import { describe, expect, it } from 'vitest';
import { chooseLinkOrigin, headsetOrigin, isLoopbackHostname } from '../../../client/api/share-origins.ts';
import type { ShareOrigins } from '../../../shared/api-types.ts';

const lan: ShareOrigins = { origins: ['http://192.168.1.20:8080', 'http://172.17.0.1:8080'], source: 'network' };
const publicUrl: ShareOrigins = { origins: ['https://mirage.example.org'], source: 'public-url' };

describe('chooseLinkOrigin', () => {
  it('on a localhost page uses the first network address the server offers, or the one picked', () => {
    expect(chooseLinkOrigin('http://localhost:8080', lan)).toEqual({ kind: 'network', origin: 'http://192.168.1.20:8080', choices: lan.origins });
    expect(chooseLinkOrigin('http://127.0.0.1:8080', lan, 'http://172.17.0.1:8080').origin).toBe('http://172.17.0.1:8080');
    // A pick that is no longer offered (the Wi-Fi changed) falls back to the first.
    expect(chooseLinkOrigin('http://[::1]:8080', lan, 'http://10.9.9.9:8080').origin).toBe('http://192.168.1.20:8080');
  });

  it('keeps a page address others reach, unless PUBLIC_URL names another', () => {
    expect(chooseLinkOrigin('http://192.168.1.20:8080', lan)).toEqual({ kind: 'page', origin: 'http://192.168.1.20:8080' });
    expect(chooseLinkOrigin('http://192.168.1.20:8080', publicUrl)).toEqual({ kind: 'public', origin: 'https://mirage.example.org' });
    expect(chooseLinkOrigin('http://localhost:8080', publicUrl)).toEqual({ kind: 'public', origin: 'https://mirage.example.org' });
    expect(chooseLinkOrigin('https://mirage.example.org', publicUrl)).toEqual({ kind: 'page', origin: 'https://mirage.example.org' });
  });

  it('on a localhost page with nothing offered warns, with the reason', () => {
    expect(chooseLinkOrigin('http://localhost:8080', { origins: [], source: 'local-only' })).toEqual({
      kind: 'local-only',
      origin: 'http://localhost:8080',
      reason: 'local-only',
    });
    expect(chooseLinkOrigin('http://localhost:8080', { origins: [], source: 'no-network' })).toMatchObject({ kind: 'local-only', reason: 'no-network' });
    expect(chooseLinkOrigin('http://localhost:8080', 'failed')).toMatchObject({ kind: 'local-only', reason: 'unknown' });
    // Not a localhost page: nothing to warn about, whatever the server says.
    expect(chooseLinkOrigin('http://mirage.lan:8080', { origins: [], source: 'local-only' })).toEqual({ kind: 'page', origin: 'http://mirage.lan:8080' });
    expect(chooseLinkOrigin('http://mirage.lan:8080', 'failed').kind).toBe('page');
  });

  it('uses the page address until the server has answered', () => {
    expect(chooseLinkOrigin('http://localhost:8080', null)).toEqual({ kind: 'page', origin: 'http://localhost:8080' });
  });
});

describe('isLoopbackHostname', () => {
  it('knows location.hostname forms of loopback', () => {
    expect(['localhost', 'app.localhost', '127.0.0.1', '127.1.2.3', '[::1]', '::1', '0.0.0.0'].every(isLoopbackHostname)).toBe(true);
    expect(['192.168.1.20', 'mirage.example.org', '127.example.org', '[fd00::2]', '10.0.0.1'].some(isLoopbackHostname)).toBe(false);
  });
});

describe('headsetOrigin', () => {
  const secureLan: ShareOrigins = { ...lan, secure: { port: 8443, origins: ['https://192.168.1.20:8443', 'https://172.17.0.1:8443'] } };

  it('is the chosen address on the HTTPS port, whether the page is on localhost or on that address', () => {
    expect(headsetOrigin(chooseLinkOrigin('http://localhost:8080', secureLan), secureLan)).toBe('https://192.168.1.20:8443');
    expect(headsetOrigin(chooseLinkOrigin('http://127.0.0.1:8080', secureLan, 'http://172.17.0.1:8080'), secureLan)).toBe('https://172.17.0.1:8443');
    expect(headsetOrigin(chooseLinkOrigin('http://studio.local:8080', secureLan), secureLan)).toBe('https://studio.local:8443');
    expect(headsetOrigin(chooseLinkOrigin('http://[fd00::2]:8080', secureLan), secureLan)).toBe('https://[fd00::2]:8443');
    // A page already on https (a headset's own page) links there; 443 is written as no port.
    expect(headsetOrigin(chooseLinkOrigin('https://192.168.1.20:8443', secureLan), secureLan)).toBe('https://192.168.1.20:8443');
    const on443: ShareOrigins = { ...lan, secure: { port: 443, origins: [] } };
    expect(headsetOrigin(chooseLinkOrigin('http://192.168.1.20:8080', on443), on443)).toBe('https://192.168.1.20');
  });

  it('is none with HTTPS off, for this computer only, or behind an http PUBLIC_URL; an https PUBLIC_URL is itself', () => {
    expect(headsetOrigin(chooseLinkOrigin('http://localhost:8080', lan), lan)).toBeNull();
    expect(headsetOrigin(chooseLinkOrigin('http://localhost:8080', null), null)).toBeNull();
    const localOnly: ShareOrigins = { origins: [], source: 'local-only', secure: { port: 8443, origins: [] } };
    expect(headsetOrigin(chooseLinkOrigin('http://localhost:8080', localOnly), localOnly)).toBeNull();
    const tunnel: ShareOrigins = { origins: ['http://tunnel.example.org'], source: 'public-url', secure: { port: 8443, origins: [] } };
    expect(headsetOrigin(chooseLinkOrigin('http://localhost:8080', tunnel), tunnel)).toBeNull();
    expect(headsetOrigin(chooseLinkOrigin('http://localhost:8080', publicUrl), publicUrl)).toBe('https://mirage.example.org');
  });
});
