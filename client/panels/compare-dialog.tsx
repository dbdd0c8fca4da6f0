import { formatNumber } from '../../shared/encodings/legend.ts';
import { useSession } from '../session/session-model.ts';
import { useCompare } from '../session/use-compare.ts';
import { useColumnTypes } from '../session/use-column-types.ts';
import { groupSizeText } from '../session/cluster-size-text.ts';
import { Dialog } from './dialog.tsx';
import { TraitList } from './trait-list.tsx';

/** Two groups side by side on demand: what sets A apart from B, as traits and a paragraph. */
export function CompareDialog(props: { onClose: () => void }) {
  const model = useSession();
  const compare = useCompare(model);
  const types = useColumnTypes(model);
  const { result, compared } = compare;
  const total = model.summary.pointCount;
  const picker = (id: 'a' | 'b', value: string, set: (key: string) => void) => (
    <select id={`compare-${id}`} data-testid={`compare-${id}`} value={value} onChange={(e) => set(e.target.value)}>
      {compare.options.map((o) => (
        <option key={o.key} value={o.key} disabled={o.unavailable !== null}>
          {o.label}
          {o.unavailable ? ` (${o.unavailable})` : ''}
        </option>
      ))}
    </select>
  );
  return (
    <Dialog title="Compare two groups" onClose={props.onClose} testId="compare-dialog" compact>
      <div className="compare-pickers">
        <label htmlFor="compare-a">Group A</label>
        {picker('a', compare.a, compare.setA)}
        <label htmlFor="compare-b">against B</label>
        {picker('b', compare.b, compare.setB)}
      </div>
      <div>
        <button type="button" className="primary" disabled={compare.invalid !== null || compare.running} onClick={compare.run}>
          {compare.running ? 'Comparing…' : 'Compare'}
        </button>
        {compare.invalid && <span className="small muted"> {compare.invalid}</span>}
      </div>
      {compare.error && (
        <p className="error small" role="alert">
          {compare.error}
        </p>
      )}
      {result && compared && (
        <section className="compare-result" data-testid="compare-result" aria-live="polite">
          <h3 className="compare-sizes">
            A: {compared.a} ({groupSizeText(result.a.size, result.a.size / Math.max(1, total)).replace(' of all', '')}) against B: {compared.b} (
            {groupSizeText(result.b.size, result.b.size / Math.max(1, total)).replace(' of all', '')})
          </h3>
          {compared.shared > 0 && (
            <p className="small muted" data-testid="compare-shared">
              Rows only in A against rows only in B: {formatNumber(compared.shared)} row{compared.shared === 1 ? '' : 's'} in both left out.
            </p>
          )}
          {result.paragraph && <p className="paragraph">{result.paragraph}</p>}
          <TraitList traits={result.traits} types={types} rest={compared.b} />
        </section>
      )}
    </Dialog>
  );
}
