import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Pages of the build whose inline <style> (vite keeps the first-paint colours inline) the CSP must allow. */
const PAGES = ['index.html', 'scene-lab/index.html'];

/**
 * `'sha256-…'` sources for the inline <style> blocks of the built pages, so the Content-Security-
 * Policy can allow exactly those and no other inline style. Re-read when a page changes (a
 * rebuild while the server runs, as the e2e tests do).
 */
export function inlineStyleHashes(clientDir: string): () => string {
  let seen = '';
  let sources = '';
  return () => {
    const stamps: string[] = [];
    for (const page of PAGES) {
      try {
        stamps.push(`${page}:${statSync(join(clientDir, page)).mtimeMs}`);
      } catch {
        // Not built (or no scene lab): nothing of it to allow.
      }
    }
    const stamp = stamps.join('|');
    if (stamp !== seen) {
      seen = stamp;
      const hashes = new Set<string>();
      for (const page of PAGES) {
        let html: string;
        try {
          html = readFileSync(join(clientDir, page), 'utf8');
        } catch {
          continue;
        }
        for (const match of html.matchAll(/<style>([\s\S]*?)<\/style>/g)) hashes.add(`'sha256-${createHash('sha256').update(match[1]).digest('base64')}'`);
      }
      sources = [...hashes].join(' ');
    }
    return sources;
  };
}
