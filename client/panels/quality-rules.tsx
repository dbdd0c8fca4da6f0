import { describeRule } from '../../shared/insights/describe-rule.ts';
import type { QualityRule } from '../../shared/insights/quality.ts';
import { formatNumber } from '../../shared/encodings/legend.ts';
import { SelectRowsButton } from './select-rows-button.tsx';

/** The dataset's rules with how many rows break each; editors may select those rows or delete the rule. */
export function QualityRules({ rules, canEdit, onDelete }: { rules: QualityRule[]; canEdit: boolean; onDelete: (id: string) => void }) {
  if (rules.length === 0) return <p className="small muted">No rules yet{canEdit ? ': add one below.' : '.'}</p>;
  return (
    <ul className="quality-list">
      {rules.map((rule) => (
        <li key={rule.id} className="quality-item" data-testid="quality-rule" data-violations={rule.violations}>
          <div className="quality-rule-head">
            <span className="small">{describeRule(rule)}</span>
            <span className={`tag${rule.violations > 0 ? ' warn' : ''}`}>{rule.violations === 0 ? 'kept by every row' : `${formatNumber(rule.violations)} break it`}</span>
            {canEdit && (
              <button type="button" className="icon small" aria-label={`Delete the rule ${describeRule(rule)}`} title="Delete this rule" onClick={() => onDelete(rule.id)}>
                ✕
              </button>
            )}
          </div>
          <div className="quality-item-foot">
            <span />
            <SelectRowsButton ranges={rule.violatingRows} count={rule.violations} />
          </div>
        </li>
      ))}
    </ul>
  );
}
