import type { ClusterTrait } from '../../../shared/analysis-result.ts';
import type { ColumnType } from '../../../shared/table.ts';
import { columnWords, formatAmount, formatShare } from '../../../shared/column-units.ts';

/** At most this many traits in a paragraph: it is read aloud in a workshop. */
export const PARAGRAPH_TRAITS = 3;

/**
 * One trait in words, in the column's units: "body mass 5,076 g vs 3,706 g elsewhere (d = 2.9)",
 * "100% Gentoo", "78% Dream vs 20% elsewhere". `elsewhere` names group b ("elsewhere", "in the rest").
 */
export function traitPhrase(t: ClusterTrait, type: ColumnType | undefined, elsewhere: string, others: readonly ClusterTrait[] = []): string {
  const { label, unit } = columnWords(t.column);
  if (t.kind === 'words') {
    const [first] = t.words!;
    const terms = t.words!.map((w) => `'${w.term}'`).join(', ');
    return `${label} with the words ${terms} ('${first.term}' in ${formatShare(first.share)} vs ${formatShare(first.restShare)} ${elsewhere})`;
  }
  if (t.kind !== 'mostly') {
    const kind = type === 'datetime' ? 'datetime' : 'number';
    return `${label} ${formatAmount(t.clusterMean!, unit, kind)} vs ${formatAmount(t.restMean!, unit, kind)} ${elsewhere} (d = ${t.effect.toFixed(1)})`;
  }
  // A value alone reads well ("Gentoo") unless it could belong to any column: a yes/no, a
  // number, or the same value as another trait's.
  const ambiguous = /^(true|false|yes|no|-?[\d.]+)$/i.test(t.value!) || others.some((o) => o !== t && o.value === t.value);
  const value = ambiguous ? `${label} ${t.value}` : t.value!;
  const rest = t.restShare ?? 0;
  return rest < 0.005 ? `${formatShare(t.share!)} ${value}` : `${formatShare(t.share!)} ${value} vs ${formatShare(rest)} ${elsewhere}`;
}

/** "<who>: <trait>; <trait>; <trait>", or a sentence saying nothing stands out. */
export function groupParagraph(who: string, traits: readonly ClusterTrait[], types: ReadonlyMap<string, ColumnType>, elsewhere: string): string {
  const top = traits.slice(0, PARAGRAPH_TRAITS);
  if (top.length === 0) return `${who}: no column sets them apart (no mean half a standard deviation away, no category 20 points more common).`;
  return `${who}: ${top.map((t) => traitPhrase(t, types.get(t.column), elsewhere, top)).join('; ')}.`;
}
