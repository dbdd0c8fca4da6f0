import { useState } from 'react';
import type { DatasetDetail } from '../../shared/api-types.ts';
import { guessRfmColumns } from '../../shared/presets/rfm-guess.ts';
import '../styles/presets.css';

export interface RfmChoice {
  customer: string;
  date: string;
  amount: string;
}

const ROLES = [
  { key: 'customer', label: 'Customer', hint: 'who bought' },
  { key: 'date', label: 'Date', hint: 'when (a date column)' },
  { key: 'amount', label: 'Amount', hint: 'how much (numbers)' },
] as const;

/** What keeps the chosen columns from making RFM, in a sentence (null when they can). */
function problemOf(detail: DatasetDetail, choice: Partial<RfmChoice>): string | null {
  const type = (name: string | undefined) => detail.columns.find((c) => c.name === name)?.type;
  if (!detail.columns.some((c) => c.type === 'number')) return 'This table has no numeric column for the amount of each purchase.';
  if (!choice.customer || !choice.date || !choice.amount) return 'Choose the customer, date and amount columns.';
  if (type(choice.date) !== 'datetime') return `"${choice.date}" holds ${type(choice.date)} values, not dates.`;
  if (type(choice.amount) !== 'number') return `"${choice.amount}" holds ${type(choice.amount)} values, not numbers.`;
  if (new Set([choice.customer, choice.date, choice.amount]).size < 3) return 'Choose three different columns.';
  return null;
}

/**
 * The start page's customer-segments preset, shown for tables with a date column: three column
 * pickers (guessed from the names) and a button; the page makes the customer table, analyses it
 * and opens the session.
 */
export function RfmCard(props: { detail: DatasetDetail; disabled: boolean; error: string | null; onRun: (choice: RfmChoice) => void }) {
  const [choice, setChoice] = useState<Partial<RfmChoice>>(() => {
    const guess = guessRfmColumns(props.detail.columns);
    return { customer: guess.customer ?? undefined, date: guess.date ?? undefined, amount: guess.amount ?? undefined };
  });
  const problem = problemOf(props.detail, choice);
  return (
    <section className="card rfm-card" aria-labelledby="rfm-title" data-testid="rfm-card">
      <h2 id="rfm-title">Customer segments (RFM)</h2>
      <p className="small muted">
        For a table of purchases: one row per customer with recency, frequency and monetary value, scored 1–5 and named (champions, loyal, at risk, hibernating…). The customers become the cloud.
      </p>
      <form
        className="rfm-form"
        onSubmit={(e) => {
          e.preventDefault();
          const { customer, date, amount } = choice;
          if (problem === null && customer && date && amount && !props.disabled) props.onRun({ customer, date, amount });
        }}
      >
        <fieldset disabled={props.disabled}>
          {ROLES.map((role) => (
            <label key={role.key} className="rfm-pick">
              <span>
                {role.label} <span className="muted small">{role.hint}</span>
              </span>
              <select data-testid={`rfm-${role.key}`} value={choice[role.key] ?? ''} onChange={(e) => setChoice((c) => ({ ...c, [role.key]: e.target.value || undefined }))}>
                <option value="">—</option>
                {props.detail.columns.map((c) => (
                  <option key={c.name} value={c.name}>
                    {c.name} ({c.type})
                  </option>
                ))}
              </select>
            </label>
          ))}
          {problem && (
            <p className="error small" role="alert" data-testid="rfm-problem">
              {problem}
            </p>
          )}
          <button type="submit" className="primary" data-testid="rfm-run" disabled={problem !== null}>
            Segment customers
          </button>
          {props.error && (
            <p className="error small" role="alert" data-testid="rfm-error">
              {props.error}
            </p>
          )}
        </fieldset>
      </form>
    </section>
  );
}
