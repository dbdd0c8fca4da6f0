import { useEffect, useMemo, useState } from 'react';
import type { DatasetDescription, DatasetDetail } from '../../shared/api-types.ts';
import { listDatasets, getDataset, getRows, importDemoDataset, uploadDataset, type Row } from '../api/datasets.ts';
import { createSession, sessionUrl } from '../api/sessions.ts';
import { createComparison } from '../api/drift.ts';
import { CompareCard } from '../panels/compare-card.tsx';
import { checkAccess } from '../api/access.ts';
import { ApiRequestError } from '../api/http.ts';
import { DataPreview } from '../panels/data-preview.tsx';
import { ImageUpload } from '../panels/image-upload.tsx';
import { imageColumnOf } from '../session/image-column.ts';
import { WayInCard } from '../panels/way-in-card.tsx';
import { DemoPicker } from '../panels/demo-picker.tsx';
import { DemoSessionCard } from '../panels/demo-session-card.tsx';
import { DropZone } from '../panels/drop-zone.tsx';
import { SheetPicker } from '../panels/sheet-picker.tsx';
import { RecentSessionsList } from '../panels/recent-sessions-list.tsx';
import { RunForm } from '../panels/run-form.tsx';
import { AnalysisProgressView } from '../panels/analysis-progress.tsx';
import type { ColumnOverrides } from '../session/analysis-choices.ts';
import { useRunAnalysis, type FinishedRun } from '../session/use-run-analysis.ts';
import { rememberSession } from '../session/recent-sessions.ts';
import { rememberViewToken } from '../session/view-tokens.ts';
import '../styles/start.css';
import { DatasetQualityNote } from '../panels/dataset-quality-note.tsx';
import { RfmCard, type RfmChoice } from '../panels/rfm-card.tsx';
import { createRfmDataset } from '../api/presets.ts';
import { RFM_ANALYSIS, RFM_COLUMNS } from '../../shared/presets/rfm-segments.ts';

/** An Excel file uploaded from this page and the dataset read from each of its sheets so far. */
interface Workbook {
  file: File;
  bySheet: ReadonlyMap<string, string>;
}

/** `/`: choose or upload a table, look at it, choose how to analyse it, run. */
export function StartPage() {
  const [datasets, setDatasets] = useState<DatasetDescription[] | null>(null);
  const [chosen, setChosen] = useState<{ detail: DatasetDetail; rows: Row[] } | null>(null);
  const [overrides, setOverrides] = useState<ColumnOverrides>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  // The workbook last uploaded from this page, so another of its sheets can be read without picking it again.
  const [workbook, setWorkbook] = useState<Workbook | null>(null);
  // No owner cookie (or a stale one): the workspace is not this browser's to see. Asked once
  // before anything of the owner's API is called, so a locked page makes no refused calls.
  const [access, setAccess] = useState<'asking' | 'owner' | 'locked'>('asking');
  // Once a table is chosen the lists fold away, so the Analyse card sits in view under the drop zone.
  const [listsOpen, setListsOpen] = useState(false);
  const { run, error: runError, start, cancel } = useRunAnalysis();
  const [opening, setOpening] = useState(false);
  const running = run !== null || opening;
  const imageColumn = useMemo(() => (chosen ? imageColumnOf(chosen.detail) : null), [chosen]);
  useEffect(() => {
    if (running) document.querySelector('.start-page')?.scrollTo({ top: 0, behavior: 'smooth' });
  }, [running]);

  useEffect(() => {
    document.title = 'Data Mirage';
    const refused = (e: unknown) => {
      // A stale owner cookie is refused (401) by the access check itself.
      if (e instanceof ApiRequestError && e.status === 401) setAccess('locked');
      else {
        setAccess('owner');
        setError(e instanceof Error ? e.message : String(e));
      }
    };
    checkAccess()
      .then(({ owner }) => {
        setAccess(owner ? 'owner' : 'locked');
        if (owner) return listDatasets().then(setDatasets);
      })
      .catch(refused);
  }, []);

  /** A finished analysis becomes a new session; the page moves to its edit link. */
  const openSession = async (datasetId: string, finished: FinishedRun, title: string, colorBy?: string) => {
    setOpening(true);
    try {
      const session = await createSession({ datasetId, analysisId: finished.id, title, ...(colorBy ? { colorBy } : {}) });
      rememberViewToken(session.id, session.viewToken);
      rememberSession({ id: session.id, title, editToken: session.editToken });
      location.assign(sessionUrl(location.origin, session.id, session.editToken));
    } catch (e) {
      setOpening(false);
      throw e;
    }
  };

  const open = async (id: string) => {
    setError(null);
    setBusy('Reading the table…');
    try {
      const [detail, page] = await Promise.all([getDataset(id), getRows(id, 0, 8)]);
      setChosen({ detail, rows: page.rows });
      setOverrides({});
      setListsOpen(false);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };

  const add = async (label: string, create: () => Promise<DatasetDescription>) => {
    setError(null);
    setBusy(label);
    try {
      const created = await create();
      setDatasets((list) => [created, ...(list ?? []).filter((d) => d.id !== created.id)]);
      await open(created.id);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setBusy(null);
    }
  };

  /** The RFM preset: the customer table becomes the chosen table, is analysed, and opens coloured by segment. */
  const [rfmError, setRfmError] = useState<string | null>(null);
  const runRfm = async (source: DatasetDetail, choice: RfmChoice) => {
    setRfmError(null);
    setBusy('Making the customer table…');
    try {
      const made = await createRfmDataset(source.id, choice);
      setDatasets((list) => [made.dataset, ...(list ?? [])]);
      await open(made.dataset.id);
      start(made.dataset.id, RFM_ANALYSIS, (finished) => openSession(made.dataset.id, finished, made.dataset.name, RFM_COLUMNS.segment));
    } catch (e) {
      setRfmError(e instanceof Error ? e.message : String(e));
      setBusy(null);
    }
  };

  /** The chosen table and a reference version as one comparison dataset, analysed (joint fit) and opened as a session. */
  const compare = async (detail: DatasetDetail, referenceId: string) => {
    setError(null);
    setBusy('Joining the two tables…');
    try {
      const made = await createComparison(referenceId, detail.id);
      setDatasets((list) => [made.dataset, ...(list ?? [])]);
      await open(made.dataset.id);
      // The server queued exactly this analysis: starting it again joins it and follows its progress.
      const params = { columns: { [made.dataset.comparison!.sourceColumn]: { exclude: true } } };
      start(made.dataset.id, params, (finished) => openSession(made.dataset.id, finished, made.dataset.name));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setBusy(null);
    }
  };

  /** Another sheet of the workbook just uploaded: read once, then reopened from the list. */
  const pickSheet = (from: Workbook, sheet: string) => {
    const known = from.bySheet.get(sheet);
    if (known) return open(known);
    return add(`Reading sheet ${sheet}…`, async () => {
      const created = await uploadDataset(from.file, { sheet });
      setWorkbook({ file: from.file, bySheet: new Map([...from.bySheet, [sheet, created.id]]) });
      return created;
    });
  };

  const head = (
    <header className="start-head">
      <h1>Data Mirage</h1>
      <p className="muted">Turn a table into a 3D point cloud you explore together, from browsers and headsets.</p>
    </header>
  );
  // Until the answer, only the heading: the owner's cards would each call the owner's API.
  if (access === 'asking') return <div className="start-page">{head}</div>;
  if (access === 'locked') {
    return (
      <div className="start-page">
        {head}
        <div className="start-grid">
          <WayInCard />
          <RecentSessionsList />
        </div>
      </div>
    );
  }

  return (
    <div className="start-page">
      {head}
      <div className="start-grid">
        <section className="card" aria-labelledby="choose-title">
          <h2 id="choose-title">1 · Choose data</h2>
          <DropZone
            onFile={(f) =>
              void add(`Uploading ${f.name}…`, async () => {
                const created = await uploadDataset(f);
                setWorkbook(created.sheet ? { file: f, bySheet: new Map([[created.sheet.name, created.id]]) } : null);
                return created;
              })
            }
            disabled={busy !== null || running}
          />
          {chosen && !listsOpen ? (
            <p className="chosen-data small">
              <span>
                Using <strong>{chosen.detail.name}</strong>
              </span>
              <button type="button" className="small" data-testid="show-datasets" onClick={() => setListsOpen(true)} disabled={busy !== null || running}>
                other tables…
              </button>
            </p>
          ) : (
            <>
              {datasets && datasets.length > 0 && (
                <>
                  <h3 className="small muted">or open a table already here</h3>
                  <ul className="dataset-list" data-testid="datasets">
                    {datasets.map((d) => (
                      <li key={d.id}>
                        <button type="button" className={`dataset-item${chosen?.detail.id === d.id ? ' on' : ''}`} onClick={() => void open(d.id)} disabled={busy !== null || running}>
                          <span className="dataset-name">{d.name}</span>
                          <span className="small muted">
                            {d.rowCount.toLocaleString('en-US')} rows · {d.columns.length} columns · {d.format}
                          </span>
                          <DatasetQualityNote dataset={d} />
                        </button>
                      </li>
                    ))}
                  </ul>
              </>
            )}
            <DemoPicker
              listed={datasets ?? []}
              onPick={(key) => void add('Opening the demo table…', () => importDemoDataset(key))}
              disabled={busy !== null || running}
            />
            </>
          )}
          {busy && <p className="muted" role="status">{busy}</p>}
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
        </section>
        {!chosen && <DemoSessionCard />}
        {!chosen && <RecentSessionsList />}
        {chosen && (
          <>
            {running ? (
              <section className="card wide" aria-labelledby="progress-title">
                <h2 id="progress-title">Analysing {chosen.detail.name}…</h2>
                {run ? (
                  <>
                    <AnalysisProgressView progress={run.progress} layout={run.layout} early={run.early} />
                    <button type="button" className="small cancel-run" onClick={cancel} disabled={run.finishing || run.cancelling}>
                      {run.cancelling ? 'Cancelling…' : 'Cancel'}
                    </button>
                  </>
                ) : (
                  <p className="muted" role="status">
                    Opening the session…
                  </p>
                )}
              </section>
            ) : (
              <section className="card wide" aria-labelledby="preview-title">
                <h2 id="preview-title">
                  2 · {chosen.detail.name} <span className="muted small">{chosen.detail.rowCount.toLocaleString('en-US')} rows</span>
                </h2>
                {(chosen.detail.quality || chosen.detail.replaces) && (
                  <p className="small">
                    <DatasetQualityNote dataset={chosen.detail} />
                  </p>
                )}
                {chosen.detail.typesFromFile && (
                  <p className="small muted" data-testid="types-from-file">
                    Numbers, dates and booleans keep the types the {chosen.detail.format === 'parquet' ? 'Parquet' : 'Arrow'} file declares, and its text columns stay text.
                  </p>
                )}
                {chosen.detail.sheet && (
                  <SheetPicker
                    sheet={chosen.detail.sheet}
                    disabled={busy !== null}
                    onPick={workbook && [...workbook.bySheet.values()].includes(chosen.detail.id) ? (sheet) => void pickSheet(workbook, sheet) : undefined}
                  />
                )}
                {chosen.detail.warnings.length > 0 && (
                  <ul className="warnings small">
                    {chosen.detail.warnings.slice(0, 5).map((w, i) => (
                      <li key={i}>{w.message}</li>
                    ))}
                  </ul>
                )}
                <DataPreview detail={chosen.detail} rows={chosen.rows} overrides={overrides} onChange={setOverrides} />
                {imageColumn && <ImageUpload key={chosen.detail.id} datasetId={chosen.detail.id} column={imageColumn} />}
              </section>
            )}
            <section className="card analyse-card" aria-labelledby="analyse-title">
              <h2 id="analyse-title">3 · Analyse</h2>
              <RunForm key={chosen.detail.id} detail={chosen.detail} overrides={overrides} running={running} onRun={(params, title) => start(chosen.detail.id, params, (finished) => openSession(chosen.detail.id, finished, title))} />
              {runError && (
                <p className="error" role="alert">
                  {runError}
                </p>
              )}
            </section>
            {/* Only for tables with dates: RFM reads the date of each purchase. */}
            {!running && chosen.detail.columns.some((c) => c.type === 'datetime') && (
              <RfmCard key={chosen.detail.id} detail={chosen.detail} disabled={busy !== null} error={rfmError} onRun={(choice) => void runRfm(chosen.detail, choice)} />
            )}
            {!running && <CompareCard chosen={chosen.detail} datasets={datasets ?? []} disabled={busy !== null} onCompare={(referenceId) => void compare(chosen.detail, referenceId)} />}
          </>
        )}
      </div>
    </div>
  );
}
