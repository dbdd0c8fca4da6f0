/**
 * Ids for document entries (filters, annotations, bookmarks). crypto.getRandomValues works in
 * insecure contexts too (a headset on http://LAN-address), unlike crypto.randomUUID.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

export function newEntryId(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  let id = '';
  for (const b of bytes) id += ALPHABET[b & 63];
  return id;
}
