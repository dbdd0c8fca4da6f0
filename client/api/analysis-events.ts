import type { AnalysisDescription, AnalysisEvent, AnalysisProgress, AnalysisStatus } from '../../shared/api-types.ts';
import { decodeBuffer, type DecodedBuffer } from '../../shared/binary.ts';
import { getAnalysis } from './analyses.ts';
import { sessionToken } from './credentials.ts';
import { seg } from './http.ts';

/** How often a watcher that lost its event stream asks for the analysis instead. */
const POLL_MS = 2000;
/** Failed polls in a row before the watcher gives up. */
const POLL_FAILURES = 5;

export interface AnalysisWatcher {
  onProgress(status: AnalysisStatus, progress: AnalysisProgress): void;
  /** An intermediate layout (n × 3, point order = rowIndex order) while the reduction runs. */
  onLayout(positions: Float32Array): void;
  /** The dataset row of each point (once, before the first layout): to place layouts by row. */
  onRows?(rowIndex: Uint32Array): void;
  /** Each point's raw cluster id (-1 = noise), as soon as clustering ends (point order = rowIndex order). */
  onClusters?(cluster: Int32Array): void;
  /** Anomaly scores and flags, as soon as scoring ends (point order = rowIndex order). */
  onAnomalies?(anomaly: Float32Array, anomalyFlag: Uint8Array): void;
  onDone(analysis: AnalysisDescription): void;
  onFailed(analysis: AnalysisDescription): void;
  /** The event stream broke and will not come back on its own. */
  onError(message: string): void;
}

function base64ToBytes(text: string): Uint8Array {
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/**
 * Follows an analysis over server-sent events until it is done or failed. EventSource
 * reconnects by itself after a dropped connection; the server answers a finished analysis
 * with its final event at once, so a reconnect never misses the end. When the stream is refused
 * (the server caps streams per analysis and per client: 429) or closes for good, the watcher
 * polls the analysis instead: progress and the end still arrive, only the live layouts do not.
 * Returns the stop function.
 */
export function watchAnalysis(id: string, watcher: AnalysisWatcher): () => void {
  // EventSource cannot send headers: the session's token travels in the query.
  const token = sessionToken();
  const source = new EventSource(`/api/analyses/${seg(id)}/events${token === null ? '' : `?token=${encodeURIComponent(token)}`}`);
  let finished = false;
  const parse = (e: MessageEvent<string>): AnalysisEvent | null => {
    try {
      return JSON.parse(e.data) as AnalysisEvent;
    } catch {
      return null;
    }
  };
  source.addEventListener('progress', (e) => {
    const event = parse(e as MessageEvent<string>);
    if (event?.type === 'progress') watcher.onProgress(event.status, event.progress);
  });
  // A damaged array is skipped: without rows the layouts that follow cannot be placed and are
  // skipped too; a layout, the clusters or the anomalies are followed by the final arrays.
  const decoded = (base64: string): DecodedBuffer | null => {
    try {
      return decodeBuffer(base64ToBytes(base64));
    } catch {
      return null;
    }
  };
  source.addEventListener('rows', (e) => {
    const event = parse(e as MessageEvent<string>);
    if (event?.type !== 'rows' || !watcher.onRows) return;
    const rows = decoded(event.rowIndex)?.data;
    if (rows instanceof Uint32Array) watcher.onRows(rows);
  });
  source.addEventListener('clusters', (e) => {
    const event = parse(e as MessageEvent<string>);
    if (event?.type !== 'clusters' || !watcher.onClusters) return;
    const cluster = decoded(event.cluster)?.data;
    if (cluster instanceof Int32Array) watcher.onClusters(cluster);
  });
  source.addEventListener('anomalies', (e) => {
    const event = parse(e as MessageEvent<string>);
    if (event?.type !== 'anomalies' || !watcher.onAnomalies) return;
    const scores = decoded(event.anomaly)?.data;
    const flags = decoded(event.anomalyFlag)?.data;
    if (scores instanceof Float32Array && flags instanceof Uint8Array && scores.length === flags.length) watcher.onAnomalies(scores, flags);
  });
  source.addEventListener('layout', (e) => {
    const event = parse(e as MessageEvent<string>);
    if (event?.type !== 'layout') return;
    const layout = decoded(event.positions);
    if (layout?.data instanceof Float32Array && layout.shape[1] === 3) watcher.onLayout(layout.data);
  });
  const end = (e: Event, kind: 'done' | 'failed') => {
    const event = parse(e as MessageEvent<string>);
    if (!event || (event.type !== 'done' && event.type !== 'failed')) return;
    finished = true;
    source.close();
    if (kind === 'done') watcher.onDone(event.analysis);
    else watcher.onFailed(event.analysis);
  };
  source.addEventListener('done', (e) => end(e, 'done'));
  source.addEventListener('failed', (e) => end(e, 'failed'));
  let poll: ReturnType<typeof setTimeout> | null = null;
  let failures = 0;
  const pollOnce = () => {
    poll = null;
    getAnalysis(id).then(
      (analysis) => {
        if (finished) return;
        failures = 0;
        if (analysis.status === 'done' || analysis.status === 'failed' || analysis.status === 'cancelled') {
          finished = true;
          if (analysis.status === 'done') watcher.onDone(analysis);
          else watcher.onFailed(analysis);
          return;
        }
        watcher.onProgress(analysis.status, analysis.progress);
        poll = setTimeout(pollOnce, POLL_MS);
      },
      () => {
        if (finished) return;
        if (++failures >= POLL_FAILURES) {
          finished = true;
          watcher.onError('Lost the connection to the analysis progress.');
        } else poll = setTimeout(pollOnce, POLL_MS);
      },
    );
  };
  source.onerror = () => {
    if (!finished && source.readyState === EventSource.CLOSED && poll === null) pollOnce();
  };
  return () => {
    finished = true;
    source.close();
    if (poll !== null) clearTimeout(poll);
  };
}
