import { useState } from 'react';
import { clusterName } from '../../shared/encodings/point-values.ts';
import { ruleText, type CoOccurrenceRule } from '../../shared/insights/co-occurrence.ts';
import { selectRowRanges } from '../session/select-rows.ts';
import { useCloud, useSession } from '../session/session-model.ts';
import { useCoOccurrences, type RuleGroup } from '../session/use-co-occurrences.ts';
import { Panel } from './panel.tsx';
import '../styles/presets.css';

const percent = (x: number) => `${Math.round(x * 100)}%`;

/** Lifts just above 1 keep two decimals: "lift 1.0" would read as no association at all. */
function statsText(rule: CoOccurrenceRule): string {
  return `support ${percent(rule.support)} · confidence ${percent(rule.confidence)} · lift ${rule.lift.toFixed(rule.lift < 1.1 ? 2 : 1)}`;
}

/**
 * Which category values go together (A, B ⇒ C) in all points or the selection; clicking a rule
 * puts the rows it covers into the shared selection (editors; viewers read the rules).
 */
export function CoOccurrencePanel() {
  const model = useSession();
  const cloud = useCloud();
  const rules = useCoOccurrences(model, cloud);
  const [choice, setChoice] = useState('all');
  const clusters = model.summary.clusters;
  // The selection can empty under us (someone clears it): then the rules are of all points.
  const value = choice === 'selection' && cloud.selectedCount === 0 ? 'all' : choice;
  const groupOf = (v: string): RuleGroup => (v === 'all' || v === 'selection' ? { kind: v } : { kind: 'cluster', id: Number(v) });

  return (
    <Panel id="co-occurrence" title="Co-occurrence" badge={rules.answer ? rules.answer.rules.length : undefined}>
      <div className="co-group">
        <label htmlFor="co-group">Which values go together in</label>
        <select id="co-group" data-testid="co-group" value={value} onChange={(e) => setChoice(e.target.value)}>
          <option value="all">all points</option>
          <option value="selection" disabled={cloud.selectedCount === 0}>
            the selection{cloud.selectedCount > 0 ? ` (${cloud.selectedCount.toLocaleString('en-US')})` : ' (empty)'}
          </option>
          {clusters.map((c) => (
            <option key={c.id} value={String(c.id)}>
              {clusterName(c.id)} · {c.label}
            </option>
          ))}
        </select>
        <button type="button" className="small" data-testid="find-rules" disabled={rules.loading} onClick={() => rules.find(groupOf(value))}>
          {rules.loading ? 'Finding…' : 'Find rules'}
        </button>
      </div>
      {rules.error && (
        <p className="error small" role="alert">
          {rules.error}
        </p>
      )}
      {rules.answer && (
        <>
          <p className="small muted" data-testid="rules-about">
            {rules.answer.rules.length === 0
              ? `No values go together in ${rules.groupLabel} (a rule needs 5% support, 50% confidence and lift above 1${rules.answer.columns.length < 2 ? `, and two category columns: this table has ${rules.answer.columns.length}` : ''}).`
              : `In ${rules.groupLabel}, by lift, over ${rules.answer.columns.join(', ')}.${model.canEdit ? ' Click a rule to select its rows.' : ''}`}
          </p>
          <ul className="co-rules" data-testid="co-rules">
            {rules.answer.rules.map((rule) => (
              <li key={ruleText(rule)}>
                <button
                  type="button"
                  className="co-rule"
                  data-testid="co-rule"
                  data-count={rule.count}
                  disabled={!model.canEdit}
                  title={model.canEdit ? `Select the ${rule.count} rows this rule covers (everyone sees it)` : undefined}
                  onClick={() => selectRowRanges(model, rule.rows)}
                >
                  <span className="co-rule-text">{ruleText(rule)}</span>
                  <span className="co-rule-stats small muted">
                    {statsText(rule)} · {rule.count} rows
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </Panel>
  );
}
