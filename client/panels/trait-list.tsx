import { Fragment, useState, type ReactNode } from 'react';
import type { ClusterTrait } from '../../shared/analysis-result.ts';
import type { ColumnType } from '../../shared/table.ts';
import { traitText } from '../session/trait-text.ts';
import '../styles/insights.css';

/**
 * What sets a group apart, strongest first, one compact line per trait: the column, the
 * group's figure against the rest's in the column's units, and the effect size. Past `folded`
 * traits (3 unless told; 0 folds them all, where the paragraph already says the strongest) the
 * list folds behind "n more".
 */
export function TraitList(props: { traits: ClusterTrait[]; types: ReadonlyMap<string, ColumnType>; rest?: string; folded?: number }) {
  const [open, setOpen] = useState(false);
  const folded = props.folded ?? 3;
  if (props.traits.length === 0) return <p className="small muted">Nothing sets it apart from {props.rest ?? 'the rest'} (no trait passes the effect threshold).</p>;
  const shown = open ? props.traits : props.traits.slice(0, folded);
  const hiddenCount = props.traits.length - folded;
  const plural = (n: number) => `${n} ${folded === 0 ? '' : 'more '}trait${n === 1 ? '' : 's'}`;
  return (
    <>
      {shown.length > 0 && <ul className="trait-list" aria-label="Traits">
        {shown.map((t) => {
          const text = traitText(t, props.types.get(t.column), props.rest);
          return (
            <li key={`${t.column}=${t.value ?? ''}`} className="trait" title={text.title} data-column={t.column} data-kind={t.kind}>
              <span className={`trait-mark ${t.kind}`} aria-hidden="true">
                {text.mark}
              </span>
              <span className="trait-column">{breakable(text.column)}</span>
              <span className="trait-figures">{text.figures}</span>
              <span className="trait-strength muted">{text.strength}</span>
            </li>
          );
        })}
      </ul>}
      {hiddenCount > 0 && (
        <button type="button" className="link small" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? (folded === 0 ? 'hide traits' : 'fewer traits') : plural(hiddenCount)}
        </button>
      )}
    </>
  );
}

/**
 * A column name that may wrap after its separators ("od280/od315_of_diluted_wines" breaks at _
 * and /, not mid-word); the text itself is unchanged (<wbr> adds no characters).
 */
function breakable(name: string): ReactNode {
  const parts = name.split(/(?<=[_/])/);
  if (parts.length === 1) return name;
  return parts.map((part, i) => (
    <Fragment key={i}>
      {i > 0 && <wbr />}
      {part}
    </Fragment>
  ));
}
