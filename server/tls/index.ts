import { X509Certificate } from 'node:crypto';
import { hostname, networkInterfaces } from 'node:os';
import type { ServerConfig } from '../config.ts';
import { namesToCover } from './certificate-names.ts';
import { selfSignedCertificate } from './self-signed.ts';
import { givenCredentials, type TlsCredentials } from './tls-credentials.ts';

export type { TlsCredentials } from './tls-credentials.ts';

/** Where the HTTPS listener's certificate came from, for the startup lines. */
export interface CertificateInfo {
  source: 'given' | 'self-signed';
  /** The certificate file (TLS_CERT, or DATA_DIR/tls/cert.pem). */
  path: string;
  /** SHA-256 fingerprint, so a user can compare what the headset shows. */
  fingerprint: string;
  /** Self-signed only: why a new one was made on this start (null = the kept one). */
  madeBecause: string | null;
}

/** The HTTPS listener's key and certificate: TLS_CERT/TLS_KEY when given, else the kept self-signed pair. */
export async function serverCredentials(
  config: Pick<ServerConfig, 'tls' | 'dataDir' | 'host' | 'allowedHosts'>,
): Promise<{ credentials: TlsCredentials; info: CertificateInfo }> {
  if (config.tls) {
    const given = await givenCredentials(config.tls);
    return { credentials: given, info: { source: 'given', path: config.tls.certFile, fingerprint: given.x509.fingerprint256, madeBecause: null } };
  }
  const wanted = namesToCover({ host: config.host, allowedHosts: config.allowedHosts, hostname: hostname(), interfaces: networkInterfaces() });
  const made = await selfSignedCertificate(config.dataDir, wanted);
  const fingerprint = new X509Certificate(made.cert).fingerprint256;
  return { credentials: made, info: { source: 'self-signed', path: made.path, fingerprint, madeBecause: made.madeBecause } };
}
