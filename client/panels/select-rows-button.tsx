import { formatNumber } from '../../shared/encodings/legend.ts';
import { selectRowRanges } from '../session/select-rows.ts';
import { useSession } from '../session/session-model.ts';

/** "Select 12 rows" for editors (into the shared selection); viewers see the count only. */
export function SelectRowsButton({ ranges, count }: { ranges: number[]; count: number }) {
  const model = useSession();
  if (count === 0) return null;
  const label = `${formatNumber(count)} ${count === 1 ? 'row' : 'rows'}`;
  if (!model.canEdit) return <span className="small muted">{label}</span>;
  return (
    <button type="button" className="small select-rows" data-testid="select-rows" onClick={() => selectRowRanges(model, ranges)} title="Put these rows into the shared selection (everyone sees it)">
      Select {label}
    </button>
  );
}
