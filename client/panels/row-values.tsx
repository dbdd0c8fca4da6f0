import { formatCell } from '../encodings/format-cell.ts';

/** One row's original values as a two-column table (column name, value). */
export function RowValues({ entries, className, testId }: { entries: [string, unknown][]; className?: string; testId?: string }) {
  return (
    <table className={className} data-testid={testId}>
      <tbody>
        {entries.map(([k, v]) => (
          <tr key={k}>
            <th>{k}</th>
            <td>{formatCell(v)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
