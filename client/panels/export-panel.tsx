import { useRef, useState } from 'react';
import { readMeta } from '../../shared/session/index.ts';
import { downloadBlob, fileSlug } from './download.ts';
import { rowNumbersNeeded, rowsForMask, rowsToCsv, rowsToJson, withAnalysis } from '../session/export-rows.ts';
import { authorOf, useCloud, useSession } from '../session/session-model.ts';
import { snapshotPng } from './snapshot.ts';
import { exportViewState, importViewState } from '../session/view-state-file.ts';
import { formatNumber } from '../../shared/encodings/legend.ts';
import { getReport } from '../api/sessions.ts';
import { Panel } from './panel.tsx';

const SIZES: [number, number][] = [
  [1280, 720],
  [1920, 1080],
  [2560, 1440],
  [3840, 2160],
  [1080, 1080],
];

/** Snapshot PNG, selected or visible rows as CSV / JSON, the findings report, and the view state as a file. */
export function ExportPanel() {
  const model = useSession();
  const cloud = useCloud();
  const [size, setSize] = useState('1920x1080');
  const [which, setWhich] = useState<'selected' | 'visible'>('selected');
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement | null>(null);
  const { doc, origins } = model.conn;
  const title = readMeta(doc).title;
  const count = which === 'selected' ? cloud.selectedCount : cloud.filter.passCount;

  const run = async (label: string, task: () => Promise<void>) => {
    setBusy(label);
    setMessage(null);
    try {
      await task();
    } catch (error) {
      setMessage(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(null);
    }
  };

  const snapshot = () =>
    run('snapshot', async () => {
      const view = model.view.current;
      if (!view?.picture) throw new Error('The scene is not ready yet.');
      const [width, height] = size.split('x').map(Number);
      const blob = await snapshotPng(await view.picture(width, height), {
        width,
        height,
        title,
        subtitle: `${model.dataset.name} · ${formatNumber(cloud.filter.passCount)} of ${formatNumber(model.arrays.count)} points · ${new Date().toISOString().slice(0, 10)}`,
        legend: cloud.legend,
      });
      downloadBlob(blob, `${fileSlug(title)}-${width}x${height}.png`);
    });

  const exportRows = (format: 'csv' | 'json') =>
    run(format, async () => {
      const mask = which === 'selected' ? cloud.selectedMask : cloud.filter.passes;
      const rowIndex = rowNumbersNeeded(model.dataset.columns) ? model.arrays.rowIndex : null;
      const rows = withAnalysis(await rowsForMask(model.dataset, mask, model.arrays.rowIndex), mask, model.arrays, rowIndex);
      const text = format === 'csv' ? rowsToCsv(rows) : rowsToJson(rows);
      downloadBlob(new Blob([text], { type: format === 'csv' ? 'text/csv' : 'application/json' }), `${fileSlug(title)}-${which}.${format}`);
    });

  const report = () =>
    run('report', async () => {
      downloadBlob(await getReport(model.info.id), `${fileSlug(title)}-report.html`);
    });

  const saveView = () => {
    setMessage(null);
    const pose = model.view.current?.pose();
    const state = exportViewState(doc, model.dataset.id, pose ? { position: pose.position, target: pose.target } : null);
    downloadBlob(new Blob([JSON.stringify(state, null, 1)], { type: 'application/json' }), `${fileSlug(title)}-view.json`);
  };

  const loadView = (file: File) =>
    run('load', async () => {
      const camera = importViewState(doc, await file.text(), model.dataset.id, authorOf(model), origins.user);
      if (camera) await model.view.current?.setPose({ position: camera.position, target: camera.target }, true);
      setMessage(`Loaded ${file.name}.`);
    });

  return (
    <Panel id="export" title="Export">
      <div className="export-row">
        <select aria-label="Snapshot size" value={size} onChange={(e) => setSize(e.target.value)}>
          {SIZES.map(([w, h]) => (
            <option key={`${w}x${h}`} value={`${w}x${h}`}>
              {w} × {h}
            </option>
          ))}
        </select>
        <button type="button" className="small" disabled={busy !== null} onClick={() => void snapshot()} data-testid="export-png">
          {busy === 'snapshot' ? 'rendering…' : 'snapshot PNG'}
        </button>
      </div>
      <div className="export-row">
        <select aria-label="Rows to export" value={which} onChange={(e) => setWhich(e.target.value as 'selected' | 'visible')}>
          <option value="selected">selected rows ({formatNumber(cloud.selectedCount)})</option>
          <option value="visible">visible rows ({formatNumber(cloud.filter.passCount)})</option>
        </select>
        <button type="button" className="small" disabled={busy !== null || count === 0} onClick={() => void exportRows('csv')} data-testid="export-csv">
          CSV
        </button>
        <button type="button" className="small" disabled={busy !== null || count === 0} onClick={() => void exportRows('json')} data-testid="export-json">
          JSON
        </button>
      </div>
      <div className="export-row">
        <button type="button" className="small" disabled={busy !== null} onClick={() => void report()} data-testid="export-report" title="One HTML file: summary, quality, bookmarks with pictures, clusters, anomalies, notes and shared answers; opens offline and prints">
          {busy === 'report' ? 'making report…' : 'Download report'}
        </button>
      </div>
      <div className="export-row">
        <button type="button" className="small" onClick={saveView} data-testid="export-view">
          save view state
        </button>
        <button type="button" className="small" disabled={!model.canEdit || busy !== null} onClick={() => fileInput.current?.click()}>
          load view state…
        </button>
        <input
          ref={fileInput}
          type="file"
          accept="application/json,.json"
          hidden
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void loadView(file);
          }}
        />
      </div>
      {message && <p className="small muted" role="status">{message}</p>}
    </Panel>
  );
}
