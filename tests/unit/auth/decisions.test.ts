import { describe, expect, it } from 'vitest';
import { clientAddressOf } from '../../../server/auth/client-address.ts';
import { crossOriginWrite } from '../../../server/auth/cross-origin.ts';
import { GuessLimiter } from '../../../server/auth/guess-limiter.ts';
import { hostAllowed, isLoopbackHost, serverHostNames } from '../../../server/auth/host-names.ts';
import { identify, type TokenDirectory } from '../../../server/auth/identify.ts';
import { decide, visibleAnalyses, type Action } from '../../../server/auth/permissions.ts';
import type { Principal } from '../../../server/auth/principal.ts';
import { principalKey } from '../../../server/auth/requester.ts';
import { checkAuthExposure, ConfigError, configFromEnv } from '../../../server/config.ts';

const view: Principal = { kind: 'session', sessionId: 'sessionA1', role: 'view', datasetId: 'datasetA', analysisIds: ['analysisA1'] };
const edit: Principal = { ...view, role: 'edit' };

describe('decide: may this principal do this?', () => {
  const actions: Record<string, Action> = {
    workspace: { kind: 'workspace' },
    readOwn: { kind: 'read-dataset', datasetId: 'datasetA' },
    readOther: { kind: 'read-dataset', datasetId: 'datasetB' },
    runOwn: { kind: 'run-analysis', datasetId: 'datasetA' },
    rulesOwn: { kind: 'edit-rules', datasetId: 'datasetA' },
    rulesOther: { kind: 'edit-rules', datasetId: 'datasetB' },
    readBound: { kind: 'read-analysis', analysisId: 'analysisA1', datasetId: 'datasetA' },
    readUnbound: { kind: 'read-analysis', analysisId: 'analysisA2', datasetId: 'datasetA' },
    readForeign: { kind: 'read-analysis', analysisId: 'analysisA1', datasetId: 'datasetB' },
    openOwn: { kind: 'open-session', sessionId: 'sessionA1' },
    openOther: { kind: 'open-session', sessionId: 'sessionB1' },
    editOwn: { kind: 'edit-session', sessionId: 'sessionA1' },
    share: { kind: 'share-origins' },
  };
  const table = (p: Principal) => Object.fromEntries(Object.entries(actions).map(([k, a]) => [k, decide(p, a)]));

  it('the owner may do everything, nobody nothing', () => {
    expect(Object.values(table({ kind: 'owner' })).every((d) => d === 'allow')).toBe(true);
    expect(Object.values(table({ kind: 'none' })).every((d) => d === 'unauthenticated')).toBe(true);
  });

  it('a view token reads its dataset and the analyses its session showed, and writes nothing', () => {
    expect(table(view)).toEqual({
      workspace: 'forbidden',
      readOwn: 'allow',
      readOther: 'forbidden',
      runOwn: 'forbidden',
      rulesOwn: 'forbidden',
      rulesOther: 'forbidden',
      readBound: 'allow',
      readUnbound: 'forbidden',
      readForeign: 'forbidden',
      openOwn: 'allow',
      openOther: 'forbidden',
      editOwn: 'forbidden',
      share: 'allow',
    });
  });

  it('an edit token also runs analyses of its dataset, reads them all, and re-binds its session', () => {
    expect(table(edit)).toMatchObject({ workspace: 'forbidden', readOther: 'forbidden', runOwn: 'allow', rulesOwn: 'allow', rulesOther: 'forbidden', readUnbound: 'allow', readForeign: 'forbidden', editOwn: 'allow', openOther: 'forbidden', share: 'allow' });
  });

  it('lists only what a principal may read', () => {
    const list = [{ id: 'analysisA1' }, { id: 'analysisA2' }];
    expect(visibleAnalyses(view, list)).toEqual([{ id: 'analysisA1' }]);
    expect(visibleAnalyses(edit, list)).toEqual(list);
  });

  it('keys requesters by owner or session, never by token', () => {
    expect(principalKey({ kind: 'owner' })).toBe('owner');
    expect(principalKey(edit)).toBe('session:sessionA1:edit');
    expect(principalKey({ kind: 'none' })).toBe('none');
  });
});

describe('identify: who presents these tokens', () => {
  const directory: TokenDirectory = {
    isOwner: (t) => t === 'OWNER',
    session: (t) => (t === 'VIEW' ? (view as Extract<Principal, { kind: 'session' }>) : null),
  };
  it('the owner wins, a session token is a session, anything else is a counted guess', () => {
    expect(identify([], directory)).toEqual({ principal: { kind: 'none' }, wrong: 0 });
    expect(identify(['VIEW'], directory)).toEqual({ principal: view, wrong: 0 });
    expect(identify(['VIEW', 'OWNER'], directory)).toEqual({ principal: { kind: 'owner' }, wrong: 0 });
    expect(identify(['nope'], directory)).toEqual({ principal: { kind: 'none' }, wrong: 1 });
    // A valid token beside a guess does not hide the guess (or a view link would guess for free).
    expect(identify(['VIEW', 'nope'], directory)).toEqual({ principal: view, wrong: 1 });
  });
});

describe('GuessLimiter', () => {
  it('allows 20 wrong tokens per address, then makes it wait, refilling one per 3 s', () => {
    let now = 0;
    const limiter = new GuessLimiter(undefined, () => now);
    for (let i = 0; i < 20; i++) {
      expect(limiter.retryAfter('10.0.0.1')).toBe(0);
      limiter.wrong('10.0.0.1');
    }
    expect(limiter.retryAfter('10.0.0.1')).toBe(3);
    expect(limiter.retryAfter('10.0.0.2')).toBe(0);
    // An IPv4 client through a dual-stack socket is the same client.
    expect(limiter.retryAfter('::ffff:10.0.0.1')).toBe(3);
    now += 3000;
    expect(limiter.retryAfter('10.0.0.1')).toBe(0);
    limiter.wrong('10.0.0.1');
    expect(limiter.retryAfter('10.0.0.1')).toBe(3);
  });
});

describe('clientAddressOf', () => {
  it('is the TCP peer, or with TRUST_PROXY the address our proxy saw (never what the client claimed)', () => {
    expect(clientAddressOf('::ffff:192.168.1.7', undefined, false)).toBe('192.168.1.7');
    expect(clientAddressOf('10.0.0.2', '203.0.113.9', false)).toBe('10.0.0.2');
    expect(clientAddressOf('10.0.0.2', '1.2.3.4, 203.0.113.9', true)).toBe('203.0.113.9');
    expect(clientAddressOf('10.0.0.2', ['1.2.3.4', '203.0.113.9'], true)).toBe('203.0.113.9');
    expect(clientAddressOf('10.0.0.2', undefined, true)).toBe('10.0.0.2');
  });
});

describe('Host and origin checks', () => {
  const names = serverHostNames({ host: '0.0.0.0', publicUrl: 'https://mirage.example.org', extra: ['lab-box.lan'], hostname: 'lab-box', interfaces: { eth0: [{ address: '192.168.1.20', family: 'IPv4', internal: false, netmask: '255.255.255.0', mac: '', cidr: null }] } });
  it('answers to its own names and addresses only', () => {
    for (const host of ['localhost:8080', '127.0.0.1:8080', '[::1]:8080', '127.0.0.5', '192.168.1.20:8080', 'lab-box.local:8080', 'LAB-BOX.lan', 'mirage.example.org', undefined]) {
      expect(hostAllowed(host, names), String(host)).toBe(true);
    }
    for (const host of ['attacker.example:8080', '192.168.1.21:8080', 'localhost.attacker.example', '127.0.0.1.nip.io']) expect(hostAllowed(host, names), host).toBe(false);
  });

  it('refuses state changes from pages of other origins, and only those', () => {
    const req = (method: string, origin?: string, secFetchSite?: string) => crossOriginWrite({ method, origin, secFetchSite, host: 'localhost:8080' }, ['https://mirage.example.org']);
    expect(req('POST', 'https://evil.example')).toBe(true);
    expect(req('DELETE', 'null')).toBe(true);
    expect(req('POST', undefined, 'cross-site')).toBe(true);
    expect(req('POST', 'http://localhost:8080')).toBe(false);
    expect(req('PUT', 'https://mirage.example.org')).toBe(false);
    expect(req('POST', undefined)).toBe(false); // curl, Node, the CLI
    expect(req('GET', 'https://evil.example')).toBe(false); // reads are for tokens and CORS
  });
});

describe('AUTH=off', () => {
  it('is refused unless the server listens on loopback only, with no PUBLIC_URL', () => {
    expect(() => configFromEnv({ AUTH: 'off', HOST: '0.0.0.0' })).toThrow(/AUTH=off is refused with HOST=0\.0\.0\.0, every network interface: anyone on the network/);
    expect(() => configFromEnv({ AUTH: 'off' })).toThrow(ConfigError); // the default HOST is 0.0.0.0
    expect(() => configFromEnv({ AUTH: 'off', HOST: '192.168.1.20' })).toThrow(/not a loopback address/);
    expect(() => configFromEnv({ AUTH: 'off', HOST: '127.0.0.1', PUBLIC_URL: 'https://x.example' })).toThrow(/PUBLIC_URL/);
    expect(configFromEnv({ AUTH: 'off', HOST: '127.0.0.1' }).auth).toBe('off');
    expect(() => checkAuthExposure({ auth: 'off', host: '::', publicUrl: null })).toThrow(ConfigError);
    expect(isLoopbackHost('localhost') && isLoopbackHost('::1') && isLoopbackHost('127.1.2.3')).toBe(true);
  });

  it('OWNER_TOKEN must be long enough to be unguessable and link-safe', () => {
    expect(() => configFromEnv({ OWNER_TOKEN: 'short' })).toThrow(/at least 22/);
    expect(() => configFromEnv({ OWNER_TOKEN: 'has spaces and is long enough' })).toThrow(/only letters/);
    expect(configFromEnv({ OWNER_TOKEN: 'a'.repeat(22) }).ownerToken).toBe('a'.repeat(22));
  });
});
