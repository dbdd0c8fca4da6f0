import type { FeatureEncoding } from '../../../shared/analysis-result.ts';

/**
 * The analysis note that says which discrete columns were weighed down and to what distance,
 * or null when none was (no numbers or dates to weigh against, or the step is larger than an
 * unweighted gap).
 */
export function discreteWeightNote(encodings: FeatureEncoding[], step: { k: number; distance: number } | undefined): string | null {
  const weighed = encodings.filter((e) => e.encoding !== 'tfidf-svd' && e.weight !== undefined && e.weight < 1);
  if (!step || weighed.length === 0) return null;
  const names = weighed.map((e) => e.column);
  const list = names.length <= 3 ? names.join(', ') : `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`;
  return (
    `Category and yes/no columns (${list}) weigh one neighbour step of the numeric columns: rows that differ in one lie ` +
    `${step.distance.toPrecision(2)} apart, the median distance to the ${step.k}th nearest row, so a category unrelated to the numbers cannot split the layout into islands.`
  );
}

/** The note that says what a free-text column became: its vocabulary, dimensions, kept variance and weight. */
export function textFeatureNote(encoding: FeatureEncoding, step: { k: number; distance: number } | undefined): string {
  const kept = encoding.text ? ` over ${encoding.text.terms.toLocaleString('en-US')} words (each in 2 or more rows; ` : ' (';
  const share = encoding.text ? `, keeping ${Math.round(encoding.text.keptShare * 100)}% of the TF-IDF variance` : '';
  const weighed =
    step && encoding.weight !== undefined && encoding.weight !== 1
      ? `; weighed (×${encoding.weight.toPrecision(2)}) so that a row's ${step.k}th nearest row by words lies as far as by the numeric columns (median ${step.distance.toPrecision(2)}): words and numbers count alike among near rows`
      : '';
  return `Text column ${encoding.column} became word features: TF-IDF${kept}stop words left out) reduced to ${encoding.outputs.length} dimensions by truncated SVD${share}${weighed}.`;
}
