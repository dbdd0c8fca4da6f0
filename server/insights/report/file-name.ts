/** Longest title part of the file name, in characters. */
const MAX_NAME = 100;

/**
 * `Content-Disposition` of the report: `attachment; filename="<title>-report.html"`, the title in
 * plain ASCII for every browser (anything else, quotes and slashes included, becomes "_") and in
 * full as RFC 5987 `filename*` for those that read it.
 */
export function reportDisposition(title: string): string {
  const clean = title.normalize('NFKC').replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, MAX_NAME) || 'session';
  const ascii = clean.replace(/[^A-Za-z0-9 ._-]/g, '_').replace(/^[ .]+/, '') || 'session';
  const encoded = encodeURIComponent(`${clean}-report.html`).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}-report.html"; filename*=UTF-8''${encoded}`;
}
