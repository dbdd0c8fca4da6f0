import { X509Certificate, createPrivateKey } from 'node:crypto';
import { chmod, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseSubjectAltName } from '../../server/tls/certificate-names.ts';
import { selfSignedCertificate } from '../../server/tls/self-signed.ts';
import { removeDir, tempDataDir } from '../support/server-process.ts';

/** The kept self-signed certificate: made once, replaced only when it must be (DATA_DIR/tls, real generator). */
const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await removeDir(dir);
});
const home = { dns: ['localhost', 'studio'], ips: ['127.0.0.1', '::1', '192.168.1.20'] };
const DAY = 24 * 3600 * 1000;

async function dataDir(): Promise<string> {
  const dir = await tempDataDir('mirage-cert-');
  dirs.push(dir);
  return dir;
}

describe('selfSignedCertificate', () => {
  it('makes a certificate for the names once (key 0600), then keeps it', async () => {
    const dir = await dataDir();
    const made = await selfSignedCertificate(dir, home);
    expect(made.madeBecause).toBe('none was kept yet');
    const x509 = new X509Certificate(made.cert);
    expect(parseSubjectAltName(x509.subjectAltName)).toEqual(home);
    expect(x509.checkPrivateKey(createPrivateKey(made.key))).toBe(true);
    expect(new Date(x509.validTo).getTime() - Date.now()).toBeGreaterThan(390 * DAY);
    expect((await stat(join(dir, 'tls', 'key.pem'))).mode & 0o777).toBe(0o600);
    const again = await selfSignedCertificate(dir, { dns: ['studio'], ips: ['192.168.1.20'] });
    expect(again).toMatchObject({ madeBecause: null, cert: made.cert, key: made.key });
  });

  it('on a new network makes one that covers both networks, and keeps it when back on the first', async () => {
    const dir = await dataDir();
    await selfSignedCertificate(dir, home);
    const office = { dns: ['localhost', 'studio'], ips: ['127.0.0.1', '::1', '10.0.0.8'] };
    const moved = await selfSignedCertificate(dir, office);
    expect(moved.madeBecause).toBe('the kept one does not cover 10.0.0.8');
    expect(parseSubjectAltName(new X509Certificate(moved.cert).subjectAltName).ips).toEqual(['127.0.0.1', '::1', '192.168.1.20', '10.0.0.8']);
    expect((await selfSignedCertificate(dir, home)).madeBecause).toBeNull();
    expect((await selfSignedCertificate(dir, office)).madeBecause).toBeNull();
  });

  it('replaces one near its end, and a pair whose key does not match', async () => {
    const dir = await dataDir();
    const made = await selfSignedCertificate(dir, home);
    const end = new Date(new X509Certificate(made.cert).validTo);
    const late = await selfSignedCertificate(dir, home, new Date(end.getTime() - 3 * DAY));
    expect(late.madeBecause).toBe(`the kept one ends ${end.toISOString().slice(0, 10)}`);
    const other = await selfSignedCertificate(await dataDir(), home);
    await writeFile(join(dir, 'tls', 'key.pem'), other.key);
    expect((await selfSignedCertificate(dir, home)).madeBecause).toBe('none was kept yet');
  });

  it('tightens a kept key copied in with loose permissions', async () => {
    const dir = await dataDir();
    await selfSignedCertificate(dir, home);
    await chmod(join(dir, 'tls', 'key.pem'), 0o644);
    expect((await selfSignedCertificate(dir, home)).madeBecause).toBeNull();
    expect((await stat(join(dir, 'tls', 'key.pem'))).mode & 0o777).toBe(0o600);
    expect(await readFile(join(dir, 'tls', 'cert.pem'), 'utf8')).toContain('BEGIN CERTIFICATE');
  });
});
