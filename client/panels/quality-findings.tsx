import type { QualityFinding } from '../../shared/insights/quality.ts';
import { formatNumber } from '../../shared/encodings/legend.ts';
import { FINDING_GROUPS, exampleLine } from './quality-labels.ts';
import { SelectRowsButton } from './select-rows-button.tsx';

/** The report's findings grouped by kind: count, sentence, example rows, and a way to select the rows. */
export function QualityFindings({ findings }: { findings: QualityFinding[] }) {
  if (findings.length === 0) return <p className="small muted">No findings: no missing values, duplicates, constant columns, text in number columns, outliers or mixed units.</p>;
  return (
    <div className="quality-groups">
      {FINDING_GROUPS.map(({ kind, title }) => {
        const group = findings.filter((f) => f.kind === kind);
        if (group.length === 0) return null;
        const rows = group.reduce((s, f) => s + f.count, 0);
        return (
          <section key={kind} className="quality-group" data-kind={kind}>
            <h4>
              {title} <span className="badge">{kind === 'constant' ? `${group.length} columns` : formatNumber(rows)}</span>
            </h4>
            <ul className="quality-list">
              {group.map((f, i) => (
                <li key={`${f.column ?? ''}-${i}`} className="quality-item" data-testid="quality-finding" data-column={f.column ?? ''} data-count={f.count}>
                  <p className="small">{f.message}</p>
                  <div className="quality-item-foot">
                    {f.examples.length > 0 ? (
                      <details className="quality-examples">
                        <summary className="small muted">{f.examples.length === 1 ? '1 example row' : `${f.examples.length} example rows`}</summary>
                        <ul className="small muted">
                          {f.examples.map((e) => (
                            <li key={e.rowIndex}>{exampleLine(e, f.column)}</li>
                          ))}
                        </ul>
                      </details>
                    ) : (
                      <span />
                    )}
                    {f.rows && <SelectRowsButton ranges={f.rows} count={f.count} />}
                  </div>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
