import { X509Certificate, createPrivateKey } from 'node:crypto';
import { chmod, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import { writeFileAtomic } from '../store/atomic-write.ts';
import { parseSubjectAltName, uncovered, unionOf, type CertificateNames } from './certificate-names.ts';
import type { TlsCredentials } from './tls-credentials.ts';

export const TLS_DIR = 'tls';
export const CERT_FILE = 'cert.pem';
export const KEY_FILE = 'key.pem';
/** 397 days: within every browser's limit on certificate lifetimes (398), renewed in time. */
const VALID_DAYS = 397;
/** A certificate this close to its end is replaced on start, not in the middle of a workshop. */
const RENEW_BEFORE_DAYS = 14;
const DAY_MS = 24 * 3600 * 1000;

export interface SelfSignedResult extends TlsCredentials {
  /** Why a new one was made (null = the kept one was used). */
  madeBecause: string | null;
  path: string;
}

/**
 * The self-signed certificate of this workspace, kept in DATA_DIR/tls (key readable by this user
 * only), so a headset that accepted it once keeps accepting it after restarts. A new one is made
 * only when there is none, it is expired or near its end, or this machine has a name or address
 * it does not cover (a new network); the new one covers the old one's names too, so a laptop
 * that moves between two networks settles on one certificate after seeing both.
 */
export async function selfSignedCertificate(dataDir: string, wanted: CertificateNames, now = new Date()): Promise<SelfSignedResult> {
  const dir = join(dataDir, TLS_DIR);
  const certPath = join(dir, CERT_FILE);
  const keyPath = join(dir, KEY_FILE);
  const kept = await readKept(certPath, keyPath);
  let names = wanted;
  let reason: string;
  if (kept === null) reason = 'none was kept yet';
  else {
    const expiresAt = new Date(kept.x509.validTo);
    const covered = parseSubjectAltName(kept.x509.subjectAltName);
    const missing = uncovered(wanted, covered);
    if (expiresAt.getTime() - now.getTime() < RENEW_BEFORE_DAYS * DAY_MS) reason = `the kept one ends ${expiresAt.toISOString().slice(0, 10)}`;
    else if (missing.length > 0) {
      reason = `the kept one does not cover ${missing.join(', ')}`;
      names = unionOf(covered, wanted);
    } else {
      if (((await stat(keyPath)).mode & 0o077) !== 0) await chmod(keyPath, 0o600);
      return { cert: kept.cert, key: kept.key, madeBecause: null, path: certPath };
    }
  }
  const made = await generate([{ name: 'commonName', value: 'Data Mirage (self-signed)' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: new Date(now.getTime() - DAY_MS), // a headset whose clock is a little behind
    notAfterDate: new Date(now.getTime() + VALID_DAYS * DAY_MS),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [...names.dns.map((value) => ({ type: 2 as const, value })), ...names.ips.map((ip) => ({ type: 7 as const, ip }))] },
    ],
  });
  // The key first: a crash between the two leaves a certificate whose key does not match, which
  // readKept treats as none (made again), never a pair that fails the TLS handshake.
  await writeFileAtomic(keyPath, made.private, { mode: 0o600 });
  await writeFileAtomic(certPath, made.cert, { mode: 0o644 });
  return { cert: made.cert, key: made.private, madeBecause: reason, path: certPath };
}

/** The kept pair, or null when missing, unreadable or not a matching pair. */
async function readKept(certPath: string, keyPath: string): Promise<{ cert: string; key: string; x509: X509Certificate } | null> {
  try {
    const [cert, key] = await Promise.all([readFile(certPath, 'utf8'), readFile(keyPath, 'utf8')]);
    const x509 = new X509Certificate(cert);
    return x509.checkPrivateKey(createPrivateKey(key)) ? { cert, key, x509 } : null;
  } catch {
    return null;
  }
}
