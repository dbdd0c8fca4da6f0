import { useEffect, useState } from 'react';
import type { DatasetDescription, DemoDataset } from '../../shared/api-types.ts';
import { listDemoDatasets } from '../api/datasets.ts';

/**
 * The real tables shipped with Data Mirage, one click away for a first try. One this server
 * already holds is in `listed` (the tables already here) and is not offered a second time.
 */
export function DemoPicker({ listed, onPick, disabled }: { listed: DatasetDescription[]; onPick: (key: string) => void; disabled: boolean }) {
  const [demos, setDemos] = useState<DemoDataset[]>([]);
  // Asked again when the tables here change: a demo just imported then knows its dataset.
  const listedKey = listed.map((d) => d.id).join(' ');
  useEffect(() => {
    // Without the list the page still works (upload and existing tables): nothing to report.
    listDemoDatasets().then(setDemos, () => setDemos([]));
  }, [listedKey]);
  const here = new Set(listed.map((d) => d.id));
  const offered = demos.filter((d) => d.datasetId === undefined || !here.has(d.datasetId));
  if (offered.length === 0) return null;
  return (
    <>
      <h3 className="small muted">or try a demo dataset</h3>
      <ul className="dataset-list" data-testid="demos">
        {offered.map((d) => (
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
