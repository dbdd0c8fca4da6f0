import { X509Certificate, createPrivateKey, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { ConfigError } from '../config.ts';

/** A PEM certificate (chain) and its private key, as node:https takes them. */
export interface TlsCredentials {
  cert: string;
  key: string;
}

/**
 * TLS_CERT and TLS_KEY as the user gave them, checked before anything listens: readable PEM,
 * the key belongs to the (first) certificate, and the certificate is in its validity period.
 * Every problem is a ConfigError whose message names the file and the fix (main.ts prints it
 * and exits; no stack trace).
 */
export async function givenCredentials(files: { certFile: string; keyFile: string }, now = new Date()): Promise<TlsCredentials & { x509: X509Certificate }> {
  const cert = await readPem(files.certFile, 'TLS_CERT');
  const key = await readPem(files.keyFile, 'TLS_KEY');
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(cert);
  } catch (error) {
    throw new ConfigError(`TLS_CERT (${files.certFile}) is not a PEM certificate (${reason(error)}): it should start with "-----BEGIN CERTIFICATE-----".`);
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(key);
  } catch (error) {
    const encrypted = (error as NodeJS.ErrnoException).code === 'ERR_MISSING_PASSPHRASE';
    throw new ConfigError(
      encrypted
        ? `TLS_KEY (${files.keyFile}) is encrypted with a passphrase; give the key without one (openssl pkey -in key.pem -out plain.pem).`
        : `TLS_KEY (${files.keyFile}) is not a PEM private key (${reason(error)}): it should start with "-----BEGIN PRIVATE KEY-----" or "-----BEGIN EC/RSA PRIVATE KEY-----".`,
    );
  }
  if (!x509.checkPrivateKey(privateKey)) {
    throw new ConfigError(`TLS_KEY (${files.keyFile}) is not the key of TLS_CERT (${files.certFile}): give the private key this certificate was issued for.`);
  }
  const from = new Date(x509.validFrom);
  const to = new Date(x509.validTo);
  if (now < from || now > to) {
    throw new ConfigError(
      `TLS_CERT (${files.certFile}) is valid from ${from.toISOString()} to ${to.toISOString()}, not now: browsers refuse it. Renew it, or unset TLS_CERT and TLS_KEY for a self-signed one.`,
    );
  }
  return { cert, key, x509 };
}

async function readPem(path: string, setting: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'does not exist' : code === 'EACCES' ? 'is not readable by this user' : code === 'EISDIR' ? 'is a folder' : `cannot be read (${code ?? reason(error)})`;
    throw new ConfigError(`${setting} (${path}) ${why}.`);
  }
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
