import type { ClusterDescription, ClusterTrait } from '../../../shared/analysis-result.ts';
import type { Column, ColumnType } from '../../../shared/table.ts';
import type { TextFeatures } from '../text/text-features.ts';
import { groupStats, type GroupStats } from './column-stats.ts';
import { describeWords } from './describe-words.ts';
import { countOf, ROWS, type RowNoun } from './dataset-noun.ts';
import { formatShare } from '../../../shared/column-units.ts';
import { KEPT_TRAITS, strength, traitsBetween } from './group-traits.ts';
import { groupParagraph } from './paragraph.ts';

/**
 * Describes each cluster by what sets it apart from the other points (traitsBetween: means in
 * the column's units with Cohen's d, categories it is mostly made of with their lift), a label
 * of its two strongest traits, e.g. "mostly Gentoo · high Flipper Length (mm)", and a paragraph,
 * e.g. "123 penguins, 36% of all: body mass 5,076 g vs 3,706 g elsewhere (d = 2.9); 100% Gentoo".
 * Free-text feature columns add the words that set a cluster apart (describeWords), ranked
 * among the other traits by the same strength.
 */
export function describeClusters(
  columns: Column[],
  rowIndex: Uint32Array,
  labels: Int32Array,
  clusterCount: number,
  noun: RowNoun = ROWS,
  text: readonly TextFeatures[] = [],
): ClusterDescription[] {
  const perColumn = columns
    .map((c) => ({ name: c.name, stats: groupStats(c, rowIndex, labels, clusterCount) }))
    .filter((s): s is { name: string; stats: GroupStats } => s.stats !== null);
  const types = new Map<string, ColumnType>(columns.map((c) => [c.name, c.data.type]));
  const words = text.map((t) => describeWords(t, labels, clusterCount));
  const sizes = new Int32Array(clusterCount);
  for (const l of labels) if (l >= 0) sizes[l]++;
  const slots = Array.from({ length: clusterCount + 1 }, (_, s) => s);
  const out: ClusterDescription[] = [];
  for (let c = 0; c < clusterCount; c++) {
    const slot = c + 1;
    const traits = withWords(traitsBetween(perColumn, slot, slots.filter((s) => s !== slot)), words.map((w) => w[c]));
    const share = labels.length > 0 ? sizes[c] / labels.length : 0;
    const who = `${countOf(sizes[c], noun)}, ${formatShare(share)} of all`;
    out.push({ id: c, size: sizes[c], share, label: labelOf(c, traits), traits, paragraph: groupParagraph(who, traits, types, 'elsewhere') });
  }
  return out;
}

/** The columns' traits and a cluster's word traits, strongest first (stable: columns first on ties). */
function withWords(traits: ClusterTrait[], words: (ClusterTrait | null)[]): ClusterTrait[] {
  const extra = words.filter((w): w is ClusterTrait => w !== null);
  if (extra.length === 0) return traits;
  return [...traits, ...extra]
    .map((t, i) => ({ t, i }))
    .sort((x, y) => strength(y.t) - strength(x.t) || x.i - y.i)
    .slice(0, KEPT_TRAITS)
    .map(({ t }) => t);
}

function labelOf(c: number, traits: ClusterTrait[]): string {
  const top = traits.slice(0, 2);
  const words = top.map((t) => {
    if (t.kind === 'words') return `words: ${t.words!.slice(0, 2).map((w) => `'${w.term}'`).join(', ')}`;
    if (t.kind !== 'mostly') return `${t.kind === 'higher' ? 'high' : 'low'} ${t.column}`;
    // A value alone reads well ("Gentoo") unless it could belong to any column: a yes/no, a
    // number, or the same value as the other trait's.
    const ambiguous = /^(true|false|yes|no|-?[\d.]+)$/i.test(t.value!) || top.some((o) => o !== t && o.value === t.value);
    const value = ambiguous ? `${t.column} = ${t.value}` : t.value;
    return `${t.share! >= 0.95 ? '' : 'mostly '}${value}`;
  });
  return words.length > 0 ? words.join(' · ') : `Cluster ${c + 1}`;
}
