import { randomBytes, timingSafeEqual, createHash } from 'node:crypto';

/**
 * Ids are opaque, URL-safe and validated before they ever touch a path, so no id can
 * escape DATA_DIR. Tokens are unguessable and compared in constant time.
 */
const ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;

export function newId(): string {
  return randomBytes(12).toString('base64url');
}

export function isValidId(id: unknown): id is string {
  return typeof id === 'string' && ID_PATTERN.test(id);
}

/** 192 random bits (the issue asks for at least 128). */
export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

/** Constant-time comparison; hashing first makes the lengths equal without leaking them. */
export function tokensEqual(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}

/** A token's sha256 (hex): an index key that never holds the token itself. */
export function tokenDigest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
