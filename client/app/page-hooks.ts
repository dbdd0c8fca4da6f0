import { useEffect, useRef, type RefObject } from 'react';
import type { Legend } from '../../shared/encodings/legend.ts';
import { rowsOfMask } from '../encodings/selection.ts';
import { drawnAvatars } from '../scene/drawn-avatars.ts';
import type { AvatarPose } from '../scene/pose-interpolation.ts';
import type { ClusterLabel, PlacedLabel, PointSceneHandle } from '../scene/types.ts';
import type { SessionCloud, SessionModel } from '../session/session-model.ts';
import type { LiveLayoutEntry, PendingView } from '../session/use-pending-analysis.ts';

/**
 * A small read-only window onto the session page (`window.__mirage`), for end-to-end tests and
 * for poking at a session from the console: where a point is drawn, what is visible and
 * selected. It changes nothing; every change goes through the page's own controls.
 */
export interface MiragePageHooks {
  /** The analysis the page shows (changes when the session is re-bound). */
  analysisId: string;
  count: number;
  ready(): Promise<void>;
  visibleCount(): number;
  selectedCount(): number;
  selectedRows(): number[];
  legend(): Legend | null;
  rowOf(point: number): number;
  /** The cluster the page shows the point in (the session's displayed id; -1 = noise). */
  clusterOf(point: number): number;
  /** The point's colour as the scene is given it, `#rrggbb`. */
  colourOf(point: number): string;
  /** CSS pixels relative to the scene canvas. */
  project(point: number): { x: number; y: number } | null;
  pick(x: number, y: number): number | null;
  lasso(polygon: number[]): number[];
  canvasRect(): { left: number; top: number; width: number; height: number } | null;
  /** Cluster names the scene draws now (empty when off). */
  clusterLabels(): ClusterLabel[];
  /** Where the scene placed each cluster name in its last frame (canvas CSS pixels), and whether it is drawn. */
  placedLabels(): PlacedLabel[];
  /** Every point's canvas CSS pixel centre and drawn diameter (NaN: not drawn in view). */
  screenPoints(): { x: number[]; y: number[]; diameter: number[] };
  camera(): { position: [number, number, number]; target: [number, number, number] };
  /** Where an eased camera move ends (equal to camera() at rest). */
  cameraGoal(): { position: [number, number, number]; target: [number, number, number] };
  /** Other participants as the scene drew them last frame (cloud units), by avatar id (their client id). */
  avatars(): ({ id: string; name: string; color: string } & AvatarPose)[];
  /** The positions the scene is given now (n × 3, flat): the live layout while one settles. */
  positions(): number[];
  /**
   * The analysis the session is moving to as this page follows it: its state and stage, and
   * the intermediate layouts applied to the cloud so far (null: none pending).
   */
  pending(): { analysisId: string; state: string; stage: string | null; layouts: LiveLayoutEntry[]; clusters: boolean; anomalies: boolean } | null;
  /**
   * What this page showed of an analysis ahead of its result while the session was moving to it
   * (kept after the move): each point's cluster as first shown (displayed ids, the points' order
   * then), the flagged count, and the pending stage and progress at that moment; null if none.
   */
  shownAhead(analysisId: string): ShownAhead | null;
}

/** One early result as a page first showed it (see MiragePageHooks.shownAhead). */
export interface ShownAhead {
  clusters: { cluster: number[]; stage: string | null; fraction: number } | null;
  anomalies: { flagged: number; stage: string | null; fraction: number } | null;
}

/** Kept for the page's life: the session view (and these hooks) move on to the new analysis. */
const shownAhead = new Map<string, { cluster?: { cluster: Int32Array; stage: string | null; fraction: number }; anomalies?: { flagged: number; stage: string | null; fraction: number } }>();

/** Notes the pending analysis's early results the first time this page shows each. */
function noteShownAhead(pending: PendingView | null): void {
  if (!pending || pending.pending.state !== 'running') return;
  const id = pending.pending.analysisId;
  const seen = shownAhead.get(id) ?? {};
  const at = { stage: pending.progress?.stage ?? null, fraction: pending.progress?.fraction ?? 0 };
  if (pending.cluster && !seen.cluster) seen.cluster = { cluster: pending.cluster, ...at };
  if (pending.anomalyFlag && !seen.anomalies) seen.anomalies = { flagged: pending.anomalyFlag.reduce((s, f) => s + f, 0), ...at };
  shownAhead.set(id, seen);
}

declare global {
  interface Window {
    __mirage?: MiragePageHooks;
  }
}

export function usePageHooks(model: SessionModel, scene: RefObject<PointSceneHandle | null>, cloud: SessionCloud, clusterLabels: ClusterLabel[], pending: PendingView | null): void {
  const latest = useRef(cloud);
  latest.current = cloud;
  const latestPending = useRef(pending);
  latestPending.current = pending;
  useEffect(() => noteShownAhead(pending), [pending?.cluster, pending?.anomalyFlag]);
  const labels = useRef<ClusterLabel[]>([]);
  labels.current = clusterLabels;
  useEffect(() => {
    const handle = () => {
      const h = scene.current;
      if (!h) throw new Error('scene not mounted');
      return h;
    };
    window.__mirage = {
      analysisId: model.analysis.id,
      count: model.arrays.count,
      async ready() {
        while (!scene.current?.isPickReady()) await new Promise((r) => setTimeout(r, 50));
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      },
      visibleCount: () => latest.current.filter.passCount,
      selectedCount: () => latest.current.selectedCount,
      selectedRows: () => Array.from(rowsOfMask(latest.current.selectedMask, model.arrays.rowIndex)),
      legend: () => latest.current.legend,
      rowOf: (p) => model.arrays.rowIndex[p],
      clusterOf: (p) => latest.current.ctx.cluster[p],
      colourOf(p) {
        const c = latest.current.data.colors;
        return `#${((1 << 24) | (c[p * 4] << 16) | (c[p * 4 + 1] << 8) | c[p * 4 + 2]).toString(16).slice(1)}`;
      },
      project: (p) => handle().project(p),
      pick: (x, y) => handle().pick(x, y)?.index ?? null,
      lasso: (polygon) => Array.from(handle().lasso(new Float32Array(polygon))),
      clusterLabels: () => labels.current,
      placedLabels: () => handle().placedLabels(),
      screenPoints() {
        const s = handle().projectAll();
        return { x: Array.from(s.x), y: Array.from(s.y), diameter: Array.from(s.diameter) };
      },
      camera() {
        const pose = handle().getCamera();
        return { position: pose.position, target: pose.target };
      },
      cameraGoal() {
        const pose = handle().getCameraGoal();
        return { position: pose.position, target: pose.target };
      },
      positions: () => Array.from(latest.current.data.positions),
      pending() {
        const p = latestPending.current;
        return p && { analysisId: p.pending.analysisId, state: p.pending.state, stage: p.progress?.stage ?? null, layouts: [...p.log], clusters: p.cluster !== null, anomalies: p.anomalyFlag !== null };
      },
      shownAhead(id) {
        const seen = shownAhead.get(id);
        if (!seen) return null;
        return {
          clusters: seen.cluster ? { ...seen.cluster, cluster: Array.from(seen.cluster.cluster) } : null,
          anomalies: seen.anomalies ?? null,
        };
      },
      avatars: () => [...drawnAvatars].map(([id, a]) => ({ id, name: a.name, color: a.color, ...structuredClone(a.pose) })),
      canvasRect() {
        const r = handle().getCanvas()?.getBoundingClientRect();
        return r ? { left: r.left, top: r.top, width: r.width, height: r.height } : null;
      },
    };
    return () => {
      delete window.__mirage;
    };
  }, [model, scene]);
}
