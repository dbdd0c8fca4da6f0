import { tokenize } from './tokenize.ts';

/** A sparse rows × terms matrix in compressed sparse row form. */
export interface SparseMatrix {
  rows: number;
  cols: number;
  /** Row r's entries are at rowStart[r] .. rowStart[r + 1] - 1. */
  rowStart: Uint32Array;
  colIndex: Uint32Array;
  values: Float32Array;
}

export interface TfidfOptions {
  /** A term must occur in at least this many documents (rarer ones are typos or names). */
  minDocuments: number;
  /** At most this many terms are kept: the ones in the most documents (ties: alphabetical). */
  maxTerms: number;
}

export interface Tfidf {
  /** Each row's L2-normalised TF-IDF vector; a row with no kept term is all zero. */
  matrix: SparseMatrix;
  /** The kept terms, in column order. */
  terms: string[];
  /** Documents each term occurs in. */
  documentFrequency: Uint32Array;
}

export const DEFAULT_TFIDF: TfidfOptions = { minDocuments: 2, maxTerms: 5000 };

/**
 * TF-IDF of a list of documents, as scikit-learn's TfidfVectorizer computes it by default:
 * raw term counts × smooth idf (ln((1 + n) / (1 + df)) + 1), each row scaled to unit length,
 * so the distance between two documents lies between 0 (same words in the same proportions)
 * and √2 (no word in common).
 */
export function tfidf(documents: readonly string[], options: TfidfOptions = DEFAULT_TFIDF): Tfidf {
  const n = documents.length;
  const tokenized = documents.map(tokenize);
  const df = new Map<string, number>();
  for (const tokens of tokenized) for (const t of new Set(tokens)) df.set(t, (df.get(t) ?? 0) + 1);
  const terms = [...df.entries()]
    .filter(([, count]) => count >= options.minDocuments)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, options.maxTerms)
    .map(([t]) => t)
    .sort();
  const column = new Map(terms.map((t, i) => [t, i]));
  const documentFrequency = Uint32Array.from(terms, (t) => df.get(t)!);
  const idf = Float64Array.from(documentFrequency, (d) => Math.log((1 + n) / (1 + d)) + 1);

  const rowStart = new Uint32Array(n + 1);
  const cols: number[] = [];
  const vals: number[] = [];
  for (let r = 0; r < n; r++) {
    const counts = new Map<number, number>();
    for (const t of tokenized[r]) {
      const c = column.get(t);
      if (c !== undefined) counts.set(c, (counts.get(c) ?? 0) + 1);
    }
    const entries = [...counts.entries()].sort((a, b) => a[0] - b[0]);
    let norm = 0;
    for (const [c, count] of entries) norm += (count * idf[c]) ** 2;
    norm = Math.sqrt(norm);
    for (const [c, count] of entries) {
      cols.push(c);
      vals.push((count * idf[c]) / norm);
    }
    rowStart[r + 1] = cols.length;
  }
  return {
    matrix: { rows: n, cols: terms.length, rowStart, colIndex: Uint32Array.from(cols), values: Float32Array.from(vals) },
    terms,
    documentFrequency,
  };
}
