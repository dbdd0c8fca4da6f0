import { useState } from 'react';
import type { ClusterTrait } from '../../shared/analysis-result.ts';
import type { ColumnType } from '../../shared/table.ts';
import { traitText } from '../session/trait-text.ts';
import '../styles/insights.css';

const FOLDED = 3;

/**
 * What sets a group apart, strongest first, one compact line per trait: the column, the
 * group's figure against the rest's in the column's units, and the effect size. Past three
 * traits the list folds behind "n more".
 */
export function TraitList(props: { traits: ClusterTrait[]; types: ReadonlyMap<string, ColumnType>; rest?: string }) {
  const [open, setOpen] = useState(false);
  if (props.traits.length === 0) return <p className="small muted">Nothing sets it apart from {props.rest ?? 'the rest'} (no trait passes the effect threshold).</p>;
  const shown = open ? props.traits : props.traits.slice(0, FOLDED);
  return (
    <>
      <ul className="trait-list" aria-label="Traits">
        {shown.map((t) => {
          const text = traitText(t, props.types.get(t.column), props.rest);
          return (
            <li key={`${t.column}=${t.value ?? ''}`} className="trait" title={text.title} data-column={t.column} data-kind={t.kind}>
              <span className={`trait-mark ${t.kind}`} aria-hidden="true">
                {text.mark}
              </span>
              <span className="trait-column">{text.column}</span>
              <span className="trait-figures">{text.figures}</span>
              <span className="trait-strength muted">{text.strength}</span>
            </li>
          );
        })}
      </ul>
      {props.traits.length > FOLDED && (
        <button type="button" className="link small" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? 'fewer traits' : `${props.traits.length - FOLDED} more trait${props.traits.length - FOLDED === 1 ? '' : 's'}`}
        </button>
      )}
    </>
  );
}
