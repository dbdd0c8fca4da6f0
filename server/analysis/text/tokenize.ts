import { STOP_WORDS } from './stop-words.ts';

/** Shortest token kept: one-letter words carry nothing a TF-IDF vector can use. */
const MIN_TOKEN_LENGTH = 2;
/** Longest token kept: longer runs are hashes, URLs or glued text, not words. */
const MAX_TOKEN_LENGTH = 40;

/**
 * A document's words: lowercased runs of letters and digits (any script, apostrophes inside a
 * word kept: "don't"), without stop words, pure numbers or one-letter tokens. The same rule
 * makes the vocabulary and names the words a cluster is told apart by.
 */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const match of text.toLowerCase().matchAll(/[\p{L}\p{N}]+(?:'[\p{L}]+)*/gu)) {
    const token = match[0];
    if (token.length < MIN_TOKEN_LENGTH || token.length > MAX_TOKEN_LENGTH) continue;
    if (/^\p{N}+$/u.test(token) || STOP_WORDS.has(token)) continue;
    out.push(token);
  }
  return out;
}
