/**
 * A host only this computer can reach: localhost (and *.localhost), 127.0.0.0/8, ::1, with or
 * without the brackets a URL puts around IPv6. Used by the server (HOST) and the share panel
 * (the page's own hostname).
 */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h.endsWith('.localhost') || /^127\.\d+\.\d+\.\d+$/.test(h) || h === '::1' || h === '::ffff:127.0.0.1';
}
