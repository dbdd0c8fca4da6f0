/**
 * The client a request comes from, for limits per client (wrong tokens, event streams). Its TCP
 * peer, unless TRUST_PROXY says a reverse proxy of ours stands in front: then the address that
 * proxy saw, the last entry of X-Forwarded-For (entries before it are whatever the client
 * claimed, so never those). Without TRUST_PROXY behind a proxy, every client shares the proxy's
 * address and per-client limits act for all of them at once.
 */
export function clientAddressOf(remote: string | undefined, forwardedFor: string | string[] | undefined, trustProxy: boolean): string {
  let address = remote ?? 'unknown';
  if (trustProxy && forwardedFor !== undefined) {
    const header = Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor;
    const last = header.split(',').map((s) => s.trim()).filter(Boolean).at(-1);
    if (last) address = last;
  }
  // The same client over IPv4 and IPv4-mapped IPv6 is one client.
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
}
