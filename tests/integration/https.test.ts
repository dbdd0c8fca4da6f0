import { readFile, stat, writeFile } from 'node:fs/promises';
import { request as httpsRequest } from 'node:https';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../server/config.ts';
import type { ShareOrigins, SessionCreated } from '../../shared/api-types.ts';
import { waitFor } from '../support/collab-harness.ts';
import { CONTENT_TYPES, ownerFetch, postJson, uploadText } from '../support/http.ts';
import { removeDir, startServerChild, startTestServer, tempDataDir, TEST_OWNER_TOKEN } from '../support/server-process.ts';
import { fingerprintOf, httpsGet, wssFirstMessage } from '../support/tls.ts';

/** The HTTPS listener of `npm start` on loopback (PORT=0, HTTPS_PORT=0): same app, same WebSocket, kept certificate. */
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function dataDir(): Promise<string> {
  const dir = await tempDataDir('mirage-https-');
  cleanups.push(() => removeDir(dir));
  return dir;
}

/** A real certificate and key from the generator, for TLS_CERT/TLS_KEY. */
async function pemPair(dir: string, name: string, notAfter = new Date(Date.now() + 30 * 24 * 3600 * 1000)): Promise<{ certFile: string; keyFile: string; cert: string }> {
  const made = await generate([{ name: 'commonName', value: 'mirage.test' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notBeforeDate: new Date(Date.now() - 24 * 3600 * 1000),
    notAfterDate: notAfter,
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }] }],
  });
  const certFile = join(dir, `${name}-cert.pem`);
  const keyFile = join(dir, `${name}-key.pem`);
  await writeFile(certFile, made.cert);
  await writeFile(keyFile, made.private);
  return { certFile, keyFile, cert: made.cert };
}

describe('HTTPS (HTTPS_PORT)', () => {
  it('serves the app over TLS on a free port with a self-signed certificate for 127.0.0.1 and localhost, kept (0600 key) across restarts', async () => {
    const dir = await dataDir();
    const first = await startTestServer(dir, { httpsPort: 0 });
    expect(first.https).not.toBeNull();
    const https = first.https!;
    expect(https.url).toBe(`https://127.0.0.1:${https.port}`);
    expect(https.port).not.toBe(first.port);
    expect(https.certificate).toMatchObject({ source: 'self-signed', madeBecause: 'none was kept yet', path: join(dir, 'tls', 'cert.pem') });
    expect((await stat(join(dir, 'tls', 'key.pem'))).mode & 0o777).toBe(0o600);
    const cert = await readFile(join(dir, 'tls', 'cert.pem'), 'utf8');
    // Trusting only that certificate: the handshake checks it is the one served and covers the name.
    for (const host of ['127.0.0.1', 'localhost']) {
      const health = await httpsGet(`https://${host}:${https.port}/api/health`, cert);
      expect(health).toMatchObject({ status: 200, body: '{"ok":true}', fingerprint: fingerprintOf(cert) });
    }
    // The same app: the access layer answers over TLS as over http.
    expect((await httpsGet(`${https.url}/api/datasets`, cert)).status).toBe(401);
    expect((await httpsGet(`${https.url}/api/datasets`, cert, { authorization: `Bearer ${TEST_OWNER_TOKEN}` })).status).toBe(200);
    // Writes from a page of the https origin pass the cross-origin check there; a page of the http port is another origin.
    const post = (origin: string) =>
      new Promise<number>((resolve, reject) => {
        const req = httpsRequest(`${https.url}/api/datasets?name=t`, { method: 'POST', ca: cert, headers: { origin, authorization: `Bearer ${TEST_OWNER_TOKEN}`, 'content-type': 'text/csv' } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end('a,b\n1,2\n');
      });
    expect(await post(https.url)).toBe(201);
    expect(await post(first.url)).toBe(403);
    // The owner link over HTTPS sets a Secure cookie of its own port.
    const link = await httpsGet(`${https.url}/?token=${TEST_OWNER_TOKEN}`, cert);
    expect(link.status).toBe(303);
    expect(link.setCookie.join('\n')).toMatch(new RegExp(`^mirage_owner_${https.port}=[^;]+;.*\\bSecure\\b`, 'm'));
    await first.close();

    const second = await startTestServer(dir, { httpsPort: 0 });
    cleanups.push(() => second.close());
    expect(second.https!.certificate.madeBecause).toBeNull();
    expect((await httpsGet(`${second.https!.url}/api/health`, cert)).fingerprint).toBe(fingerprintOf(cert));
  });

  it('carries the Yjs WebSocket over wss on the same origin, and refuses a page of the http port there', async () => {
    const dir = await dataDir();
    const server = await startTestServer(dir, { httpsPort: 0 });
    cleanups.push(() => server.close());
    const upload = await uploadText(server.url, 'a,b\n1,2\n3,4\n', CONTENT_TYPES.csv, 'tiny');
    const dataset = (await upload.json()) as { id: string };
    const created = await postJson(`${server.url}/api/sessions`, { datasetId: dataset.id, title: 'wss' });
    expect(created.status).toBe(201);
    const session = (await created.json()) as SessionCreated;
    const cert = await readFile(join(dir, 'tls', 'cert.pem'), 'utf8');
    const origin = server.https!.url;
    const socketUrl = `wss://127.0.0.1:${server.https!.port}/yjs/${session.id}?token=${session.editToken}`;
    const opened = await wssFirstMessage(socketUrl, cert, origin);
    expect(opened).toMatchObject({ opened: true });
    // Another port is another origin: a page served over http may not open the https socket.
    expect(await wssFirstMessage(socketUrl, cert, server.url)).toEqual({ opened: false, status: 403 });
  });

  it('offers the https origins beside the http ones in GET /api/share-origins, whichever listener is asked', async () => {
    const dir = await dataDir();
    const server = await startTestServer(dir, { httpsPort: 0, host: '0.0.0.0' });
    cleanups.push(() => server.close());
    const cert = await readFile(join(dir, 'tls', 'cert.pem'), 'utf8');
    const overHttp = (await (await ownerFetch(`${server.url}/api/share-origins`)).json()) as ShareOrigins;
    const overHttps = JSON.parse(
      (await httpsGet(`https://127.0.0.1:${server.https!.port}/api/share-origins`, cert, { authorization: `Bearer ${TEST_OWNER_TOKEN}` })).body,
    ) as ShareOrigins;
    expect(overHttps).toEqual(overHttp);
    expect(overHttp.secure?.port).toBe(server.https!.port);
    expect(overHttp.secure?.origins).toEqual(overHttp.origins.map((o) => `https://${new URL(o).hostname}:${server.https!.port}`));
    for (const o of overHttp.origins) expect(new URL(o).port).toBe(String(server.port));
  });

  it('uses TLS_CERT and TLS_KEY when given, and makes no certificate of its own', async () => {
    const dir = await dataDir();
    const given = await pemPair(dir, 'given');
    const server = await startTestServer(join(dir, 'data'), { httpsPort: 0, tls: { certFile: given.certFile, keyFile: given.keyFile } });
    cleanups.push(() => server.close());
    expect(server.https!.certificate).toMatchObject({ source: 'given', path: given.certFile, fingerprint: fingerprintOf(given.cert) });
    expect((await httpsGet(`${server.https!.url}/api/health`, given.cert)).fingerprint).toBe(fingerprintOf(given.cert));
    await expect(stat(join(dir, 'data', 'tls'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('refuses bad TLS_CERT/TLS_KEY with a message that names the file and the fix', async () => {
    const dir = await dataDir();
    const one = await pemPair(dir, 'one');
    const other = await pemPair(dir, 'other');
    const expired = await pemPair(dir, 'expired', new Date(Date.now() - 3600 * 1000));
    const garbage = join(dir, 'garbage.pem');
    await writeFile(garbage, 'not a certificate\n');
    const cases: Array<[{ certFile: string; keyFile: string }, RegExp]> = [
      [{ certFile: join(dir, 'missing.pem'), keyFile: one.keyFile }, /^TLS_CERT \(.*missing\.pem\) does not exist\.$/],
      [{ certFile: garbage, keyFile: one.keyFile }, /^TLS_CERT \(.*garbage\.pem\) is not a PEM certificate .*BEGIN CERTIFICATE/],
      [{ certFile: one.certFile, keyFile: garbage }, /^TLS_KEY \(.*garbage\.pem\) is not a PEM private key/],
      [{ certFile: one.certFile, keyFile: other.keyFile }, /^TLS_KEY \(.*other-key\.pem\) is not the key of TLS_CERT \(.*one-cert\.pem\)/],
      [{ certFile: expired.certFile, keyFile: expired.keyFile }, /^TLS_CERT \(.*expired-cert\.pem\) is valid from .* not now: browsers refuse it/],
    ];
    for (const [tls, message] of cases) {
      const data = await tempDataDir('mirage-https-bad-');
      cleanups.push(() => removeDir(data));
      const started = startTestServer(data, { httpsPort: 0, tls });
      await expect(started).rejects.toBeInstanceOf(ConfigError);
      await expect(started).rejects.toThrow(message);
    }
  });

  it('npm start: prints both addresses in one line and the certificate, exits 2 on a bad TLS_KEY without a stack trace, and HTTPS_PORT=off serves http only', async () => {
    const dir = await dataDir();
    const child = await startServerChild(join(dir, 'a'), { HTTPS_PORT: '0' });
    cleanups.push(() => child.stop());
    expect(child.httpsUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    await waitFor(() => child.output().includes('HTTPS certificate'), 20_000, 'the certificate line');
    expect(child.output()).toMatch(/HTTPS certificate: self-signed, kept in .*cert\.pem \(new: none was kept yet; each headset accepts it once\) \(SHA-256 /);
    const cert = await readFile(join(dir, 'a', 'tls', 'cert.pem'), 'utf8');
    expect((await httpsGet(`${child.httpsUrl}/api/health`, cert)).status).toBe(200);

    // HTTPS_PORT taken: said in one line naming the setting, exit 2, and nothing left listening.
    const busy = await startServerChild(join(dir, 'd'), { HTTPS_PORT: new URL(child.httpsUrl!).port }).then(
      (started) => started.stop().then(() => 'started'),
      (error: Error) => error.message,
    );
    expect(busy).toMatch(/^server exited early \(2\): Cannot listen on 127\.0\.0\.1:\d+ for HTTPS: the address is already in use\. Set HTTPS_PORT to another port, or HTTPS_PORT=off\./);
    expect(busy).not.toMatch(/\n\s+at /);

    const pair = await pemPair(dir, 'pair');
    const failed = await startServerChild(join(dir, 'b'), { HTTPS_PORT: '0', TLS_CERT: pair.certFile, TLS_KEY: join(dir, 'nope.pem') }).then(
      () => 'started',
      (error: Error) => error.message,
    );
    expect(failed).toMatch(/exited early \(2\): Configuration error: TLS_KEY \(.*nope\.pem\) does not exist\.\n?$/);
    expect(failed).not.toMatch(/\n\s+at /);

    const off = await startServerChild(join(dir, 'c'), { HTTPS_PORT: 'off' });
    cleanups.push(() => off.stop());
    expect(off.httpsUrl).toBeNull();
    await waitFor(() => off.output().includes('Owner link'), 20_000, 'the owner link line');
    expect(off.output()).not.toContain('https://');
    await expect(stat(join(dir, 'c', 'tls'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
