import type { ClusterDescription } from '../../../shared/analysis-result.ts';
import { COMMON_WORDS, STOP_WORDS, tokenize } from './tokenize.ts';
import { nameWords } from './words.ts';

/** Label words that say nothing of one cluster in particular. */
const LABEL_GLUE = new Set(['high', 'low', 'mostly', 'cluster']);

/**
 * The clusters a question names by their labels ("the Gentoo cluster", "the high precipitation
 * group"), in the question's order: each "cluster"/"group" word takes the cluster whose label
 * shares the most words with the words just before it (at most 4), if one does alone.
 */
export function clustersNamed(question: string, clusters: readonly ClusterDescription[]): number[] {
  const tokens = tokenize(question);
  const labels = clusters.map((c) => ({ id: c.id, words: new Set(nameWords(c.label).filter((w) => !LABEL_GLUE.has(w))) }));
  const found: number[] = [];
  tokens.forEach((t, i) => {
    if (t.text !== 'cluster' && t.text !== 'group') return;
    const before = tokens
      .slice(Math.max(0, i - 4), i)
      .filter((w) => w.kind === 'word' && !STOP_WORDS.has(w.text) && !COMMON_WORDS.has(w.text))
      .map((w) => w.text);
    const scored = labels.map((l) => ({ id: l.id, score: before.filter((w) => l.words.has(w)).length })).sort((a, b) => b.score - a.score);
    if (scored.length > 0 && scored[0].score > 0 && (scored.length === 1 || scored[1].score < scored[0].score) && !found.includes(scored[0].id)) found.push(scored[0].id);
  });
  return found;
}
