import { useEffect, useState } from 'react';
import type { DemoDataset } from '../../shared/api-types.ts';
import { listDemoDatasets } from '../api/datasets.ts';

/** The real tables shipped with Data Mirage, one click away for a first try. */
export function DemoPicker({ onPick, disabled }: { onPick: (key: string) => void; disabled: boolean }) {
  const [demos, setDemos] = useState<DemoDataset[]>([]);
  useEffect(() => {
    // Without the list the page still works (upload and existing tables): nothing to report.
    listDemoDatasets().then(setDemos, () => setDemos([]));
  }, []);
  if (demos.length === 0) return null;
  return (
    <>
      <h3 className="small muted">or try a demo dataset</h3>
      <ul className="dataset-list" data-testid="demos">
        {demos.map((d) => (
          <li key={d.key}>
            <button type="button" className="dataset-item" onClick={() => onPick(d.key)} disabled={disabled} title={d.description}>
              <span className="dataset-name">{d.name}</span>
              <span className="small muted">
                {d.rows.toLocaleString('en-US')} rows · {d.description}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}
