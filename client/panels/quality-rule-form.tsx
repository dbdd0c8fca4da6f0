import { useState, type FormEvent } from 'react';
import type { QualityRuleInput } from '../../shared/insights/quality.ts';
import type { ColumnType } from '../../shared/table.ts';

type Kind = QualityRuleInput['kind'];
const KINDS: { kind: Kind; label: string }[] = [
  { kind: 'not-null', label: 'is never missing' },
  { kind: 'unique', label: 'is unique' },
  { kind: 'range', label: 'lies between' },
  { kind: 'allowed-values', label: 'is one of' },
  { kind: 'pattern', label: 'matches a pattern' },
];

/** The rule from the form's fields, or the reason it is not one yet. */
export function ruleFromFields(f: { column: string; kind: Kind; min: string; max: string; values: string; pattern: string }): QualityRuleInput | string {
  switch (f.kind) {
    case 'not-null':
    case 'unique':
      return { kind: f.kind, column: f.column };
    case 'range': {
      const min = f.min.trim() === '' ? undefined : Number(f.min);
      const max = f.max.trim() === '' ? undefined : Number(f.max);
      if (min === undefined && max === undefined) return 'Give a minimum, a maximum or both.';
      if ((min !== undefined && !Number.isFinite(min)) || (max !== undefined && !Number.isFinite(max))) return 'The minimum and maximum must be numbers.';
      return { kind: 'range', column: f.column, ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) };
    }
    case 'allowed-values': {
      const values = f.values.split(',').map((v) => v.trim()).filter((v) => v !== '');
      return values.length === 0 ? 'List the allowed values, separated by commas.' : { kind: 'allowed-values', column: f.column, values };
    }
    case 'pattern':
      return f.pattern === '' ? 'Write a pattern (a regular expression the whole value must match).' : { kind: 'pattern', column: f.column, pattern: f.pattern };
  }
}

/** Column picker, rule kind and its parameters; the server checks the rule and answers its count. */
export function QualityRuleForm({ columns, onAdd }: { columns: { name: string; type: ColumnType }[]; onAdd: (rule: QualityRuleInput) => Promise<string | null> }) {
  const [fields, setFields] = useState({ column: columns[0]?.name ?? '', kind: 'not-null' as Kind, min: '', max: '', values: '', pattern: '' });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<typeof fields>) => setFields((f) => ({ ...f, ...patch }));
  const numeric = columns.find((c) => c.name === fields.column)?.type === 'number';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const rule = ruleFromFields(fields);
    if (typeof rule === 'string') return setError(rule);
    setBusy(true);
    const refused = await onAdd(rule);
    setBusy(false);
    setError(refused);
  };

  return (
    <form className="quality-rule-form" onSubmit={(e) => void submit(e)} data-testid="rule-form">
      <div className="form-grid">
        <label htmlFor="rule-column">Column</label>
        <select id="rule-column" value={fields.column} onChange={(e) => set({ column: e.target.value })}>
          {columns.map((c) => (
            <option key={c.name} value={c.name}>
              {c.name}
            </option>
          ))}
        </select>
        <label htmlFor="rule-kind">Rule</label>
        <select id="rule-kind" value={fields.kind} onChange={(e) => set({ kind: e.target.value as Kind })}>
          {KINDS.filter((k) => k.kind !== 'range' || numeric).map((k) => (
            <option key={k.kind} value={k.kind}>
              {k.label}
            </option>
          ))}
        </select>
        {fields.kind === 'range' && (
          <>
            <label htmlFor="rule-min">Between</label>
            <span className="range-fields">
              <input id="rule-min" type="text" inputMode="decimal" placeholder="min" value={fields.min} onChange={(e) => set({ min: e.target.value })} aria-label="minimum" />
              <span className="muted">and</span>
              <input type="text" inputMode="decimal" placeholder="max" value={fields.max} onChange={(e) => set({ max: e.target.value })} aria-label="maximum" />
            </span>
          </>
        )}
        {fields.kind === 'allowed-values' && (
          <>
            <label htmlFor="rule-values">Values</label>
            <input id="rule-values" type="text" placeholder="Adelie, Gentoo" value={fields.values} onChange={(e) => set({ values: e.target.value })} />
          </>
        )}
        {fields.kind === 'pattern' && (
          <>
            <label htmlFor="rule-pattern">Pattern</label>
            <input id="rule-pattern" type="text" placeholder="[A-Z][a-z]+" value={fields.pattern} onChange={(e) => set({ pattern: e.target.value })} />
          </>
        )}
      </div>
      <div className="button-row">
        <button type="submit" className="small" disabled={busy || fields.column === ''} data-testid="add-rule">
          {busy ? 'Checking…' : 'Add rule'}
        </button>
        {error && (
          <span className="small error" role="alert">
            {error}
          </span>
        )}
      </div>
    </form>
  );
}
