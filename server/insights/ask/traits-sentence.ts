import type { ClusterTrait } from '../../../shared/analysis-result.ts';
import { formatValue, percent, withUnit } from './format.ts';
import type { Vocabulary } from './vocabulary.ts';

/** A cluster's traits in one sentence: "Body Mass (g) higher: 5,076 g vs 3,706 g elsewhere (d = 2.9); mostly Gentoo in Species (100% vs 0%)." */
export function traitsSentence(traits: readonly ClusterTrait[], vocabulary: Vocabulary): string {
  if (traits.length === 0) return 'Nothing sets it apart: no column differs from the other points by half a standard deviation or more.';
  const parts = traits.map((t) => {
    if (t.kind === 'words') {
      const words = (t.words ?? []).map((w) => `'${w.term}' (${percent(w.share, 1)} vs ${percent(w.restShare, 1)} elsewhere)`);
      return `words in ${t.column}: ${words.join(', ')}`;
    }
    if (t.kind === 'mostly') {
      const rest = t.share !== undefined ? t.share - t.effect : undefined;
      return `mostly ${t.value} in ${t.column} (${percent(t.share ?? 0, 1)}${rest !== undefined ? ` vs ${percent(Math.max(0, rest), 1)} elsewhere` : ''})`;
    }
    const unit = vocabulary.columns.find((c) => c.name === t.column)?.unit ?? null;
    const type = vocabulary.columns.find((c) => c.name === t.column)?.type ?? 'number';
    const figures = t.clusterMean !== undefined && t.restMean !== undefined ? `: mean ${withUnit(t.clusterMean, unit, type)} vs ${withUnit(t.restMean, unit, type)} elsewhere` : '';
    return `${t.column} ${t.kind}${figures} (d = ${formatValue(t.effect)})`;
  });
  const sentence = parts.join('; ');
  return `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`;
}
