import { useId } from 'react';
import type { DatasetDescription } from '../../shared/api-types.ts';

/**
 * The sheets of an uploaded Excel workbook, the one in use selected. Picking another reads the
 * workbook again with that sheet (`onPick`); without the file at hand (a table opened from the
 * list) the sheets are only listed.
 */
export function SheetPicker(props: { sheet: NonNullable<DatasetDescription['sheet']>; onPick?: (name: string) => void; disabled?: boolean }) {
  const id = useId();
  const { sheet } = props;
  if (sheet.sheets.length < 2) return null;
  const rows = (n: number) => (n === 0 ? 'empty' : `${Math.max(0, n - 1).toLocaleString('en-US')} rows`);
  return (
    <p className="sheet-picker small">
      <label htmlFor={id}>Sheet</label>
      <select
        id={id}
        data-testid="sheet-picker"
        value={sheet.name}
        disabled={props.disabled || !props.onPick}
        onChange={(e) => props.onPick?.(e.target.value)}
      >
        {sheet.sheets.map((s) => (
          <option key={s.name} value={s.name} disabled={s.rows === 0}>
            {s.name} ({rows(s.rows)})
          </option>
        ))}
      </select>
      <span className="muted">{props.onPick ? 'of this workbook; another sheet is read as its own table.' : 'upload the workbook again to read another sheet.'}</span>
    </p>
  );
}
