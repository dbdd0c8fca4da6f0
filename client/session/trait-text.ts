import type { ClusterTrait } from '../../shared/analysis-result.ts';
import { columnWords, withUnit } from '../../shared/column-units.ts';
import type { ColumnType } from '../../shared/table.ts';
import { formatDate, formatNumber } from '../../shared/encodings/legend.ts';

/** One trait as the panels print it: what differs, by how much, and how strongly. */
export interface TraitText {
  column: string;
  /** 'higher' / 'lower' / 'mostly' / 'words', as an arrow or sign a reader takes in at a glance. */
  mark: '▲' | '▼' | '=' | '“';
  /** The group's figure against the rest's, in the column's own units: "5,076 g vs 3,706 g". */
  figures: string;
  /** Numbers: "d 2.9" (Cohen's d); categories: "lift 2.8" (share in the group ÷ share among all compared). */
  strength: string;
  /** The whole sentence, for a tooltip or a screen reader. */
  title: string;
}

const percent = (share: number): string => `${formatNumber(Math.round(share * 1000) / 10)}%`;

/**
 * A trait in plain figures. Means are in the column's units (dates as dates), the effect is the
 * standardised difference; a category says its share in the group and in the rest, and its lift
 * (its share in the group ÷ its share among all the rows compared). Fields the analysis did not send are left out.
 */
export function traitText(trait: ClusterTrait, type: ColumnType | undefined, rest = 'the rest'): TraitText {
  if (trait.kind === 'words') {
    // A free-text column: the words that set the group apart, the first one's share in each group.
    const words = trait.words ?? [];
    const first = words[0];
    const lift = first && first.restShare > 0 ? `lift ${(first.share / first.restShare).toFixed(1)}` : '';
    return {
      column: `${trait.column}: ${words.map((w) => `'${w.term}'`).join(', ')}`,
      mark: '“',
      figures: first ? `${percent(first.share)} vs ${percent(first.restShare)}` : '',
      strength: lift,
      title: `${trait.column}: the words ${words.map((w) => `'${w.term}' (${percent(w.share)} of the group vs ${percent(w.restShare)} of ${rest})`).join(', ')}`,
    };
  }
  if (trait.kind === 'mostly') {
    const value = trait.value ?? '(missing)';
    const restShare = trait.restShare;
    const figures = trait.share === undefined ? '' : restShare === undefined ? percent(trait.share) : `${percent(trait.share)} vs ${percent(restShare)}`;
    const lift = trait.lift;
    const strength = lift === undefined || !Number.isFinite(lift) ? '' : `lift ${lift.toFixed(1)}`;
    return {
      column: `${trait.column} = ${value}`,
      mark: '=',
      figures,
      strength,
      title: `${trait.column} = ${value}: ${trait.share === undefined ? 'most common here' : `${percent(trait.share)} of the group`}${restShare === undefined ? '' : ` vs ${percent(restShare)} of ${rest}`}${strength ? ` (${strength})` : ''}`,
    };
  }
  // A mean of dates to the day: its hour is an artefact of averaging. Numbers carry the unit the
  // column's name gives ("flipper_length_mm" → "217 mm"), as the paragraph writes them.
  const unit = columnWords(trait.column).unit;
  const show = (v: number) => (type === 'datetime' ? formatDate(Math.round(v / 86_400_000) * 86_400_000) : withUnit(formatNumber(v), unit));
  const figures = trait.clusterMean !== undefined && trait.restMean !== undefined ? `${show(trait.clusterMean)} vs ${show(trait.restMean)}` : '';
  const d = `d ${trait.effect.toFixed(1)}`;
  return {
    column: trait.column,
    mark: trait.kind === 'higher' ? '▲' : '▼',
    figures,
    strength: d,
    title: `${trait.column}: ${trait.kind} on average${trait.clusterMean !== undefined && trait.restMean !== undefined ? `, mean ${show(trait.clusterMean)} in the group vs ${show(trait.restMean)} in ${rest}` : ''} (Cohen's d = ${trait.effect.toFixed(1)})`,
  };
}
