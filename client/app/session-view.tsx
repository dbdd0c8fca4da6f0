import { useContext, useEffect, useRef } from 'react';
import { readMeta } from '../../shared/session/index.ts';
import { useDocValue } from '../collab/use-doc.ts';
import { AnalysisPanel } from '../panels/analysis-panel.tsx';
import { AnomaliesPanel } from '../panels/anomalies-panel.tsx';
import { AskPanel } from '../panels/ask-panel.tsx';
import { AnnotationsPanel } from '../panels/annotations-panel.tsx';
import { BookmarksPanel } from '../panels/bookmarks-panel.tsx';
import { ClusterPanel } from '../panels/cluster-panel.tsx';
import { CoOccurrencePanel } from '../panels/co-occurrence-panel.tsx';
import { DriftPanel } from '../panels/drift-panel.tsx';
import { EncodingPanel } from '../panels/encoding-panel.tsx';
import { ExportPanel } from '../panels/export-panel.tsx';
import { FilterPanel } from '../panels/filter-panel.tsx';
import { HoverTooltip } from './hover-tooltip.tsx';
import { LegendView } from '../panels/legend-view.tsx';
import { NeighboursPanel } from '../panels/neighbours-panel.tsx';
import { PeoplePanel } from '../panels/people-panel.tsx';
import { QualityPanel } from '../panels/quality-panel.tsx';
import { PointCard } from './point-card.tsx';
import { SelectionPanel } from '../panels/selection-panel.tsx';
import { SharePanel } from '../panels/share-panel.tsx';
import { ToastView } from '../panels/toast-view.tsx';
import { TrendsPanel } from '../panels/trends-panel.tsx';
import { TopBar } from '../panels/top-bar.tsx';
import type { PointSceneHandle } from '../scene/types.ts';
import { useUi } from '../state/ui-store.ts';
import { toggleLegendFilter } from '../session/filter-actions.ts';
import { useClusterWritesPaused } from '../session/rebind-pending.ts';
import { sceneHint } from '../session/follow-state.ts';
import { FollowOverlay, SceneView } from './scene-view.tsx';
import { CloudContext, PendingContext, SessionContext, type SessionModel } from '../session/session-model.ts';
import { usePendingAnalysis } from '../session/use-pending-analysis.ts';
import { PendingAnalysisBanner } from '../panels/pending-analysis-banner.tsx';
import { useCloudOutput } from '../session/use-cloud.ts';
import { PlaybackContext, usePlaybackClock } from '../session/use-playback.ts';
import { TimelineBar } from '../panels/timeline-bar.tsx';
import { useShortcuts } from './use-shortcuts.ts';
import { usePageHooks } from './page-hooks.ts';
import { useClusterLabels } from '../session/use-cluster-labels.ts';
import { ImmersiveEntryContext } from '../session/immersive-entry.ts';

/** The session page once everything is loaded: scene in the middle, dashboard on the right (a drawer over the scene on narrow screens). */
export function SessionView({ model }: { model: SessionModel }) {
  const playback = usePlaybackClock(model);
  // The analysis the session is moving to: its layout settles in this cloud as it arrives.
  const pending = usePendingAnalysis(model);
  const cloud = useCloudOutput(model, playback, pending);
  const meta = useDocValue(model.conn.doc, ['meta'], readMeta);
  // Until the document arrives (or when the server refuses it) the title is the one HTTP gave.
  const title = meta.datasetId ? meta.title : model.info.title;
  const sidebarOpen = useUi((s) => s.sidebarOpen);
  const setSidebarOpen = useUi((s) => s.setSidebarOpen);
  // Legend toggles write cluster ids of the loaded analysis: off while another one loads or shows its clusters early.
  const clusterWritesPaused = useClusterWritesPaused(model);
  const legendWritable = model.canEdit && clusterWritesPaused === null;
  useShortcuts(model);
  // Computed once here: the scene draws them, the page hooks expose them to tests.
  const clusterLabels = useClusterLabels(model, cloud);
  // The canvas handle: what only this shell does in screen pixels (card, tooltip, test hooks).
  const scene = useRef<PointSceneHandle | null>(null);
  const ImmersiveEntry = useContext(ImmersiveEntryContext);
  usePageHooks(model, scene, cloud, clusterLabels, pending);
  useEffect(() => {
    document.title = `${title} · Data Mirage`;
  }, [title]);

  return (
    <SessionContext.Provider value={model}>
      {/* The timeline's clock beside the cloud: panels, the scene and the VR panel read it. */}
      <PlaybackContext.Provider value={playback}><CloudContext.Provider value={cloud}><PendingContext.Provider value={pending}>
        <div className={`session-layout${sidebarOpen ? '' : ' sidebar-closed'}`} data-role={model.info.role}>
          <TopBar title={title} />
          <main className="scene-area" aria-label="Point cloud">
            <SceneView clusterLabels={clusterLabels} scene={scene} />
            <div className="scene-overlay top-left">
              <LegendView legend={cloud.legend} onItemClick={legendWritable ? (key) => toggleLegendFilter(model, cloud.legend, key) : undefined} />
            </div>
            <TimelineBar />
            <FollowOverlay />
            <PendingAnalysisBanner />
            <HoverTooltip scene={scene} />
            <PointCard scene={scene} />
            <ToastView />
            <div className="scene-hint muted" data-testid="scene-hint">
              {sceneHint(model.canEdit)}
            </div>
            {ImmersiveEntry && <ImmersiveEntry clusterLabels={clusterLabels} />}
          </main>
          <aside className="sidebar" id="dashboard" aria-label="Dashboard">
            {/* Only on narrow screens, where the dashboard is a drawer over the scene. */}
            <div className="drawer-head">
              <span>Dashboard</span>
              <button type="button" className="icon" data-testid="close-dashboard" aria-label="Close the dashboard" title="Close the dashboard (☰ opens it again)" onClick={() => setSidebarOpen(false)}>
                ✕
              </button>
            </div>
            <AskPanel />
            <DriftPanel />
            <ClusterPanel />
            <TrendsPanel />
            <FilterPanel />
            <EncodingPanel />
            <SelectionPanel />
            <CoOccurrencePanel />
            <NeighboursPanel />
            <AnomaliesPanel />
            <QualityPanel />
            <AnnotationsPanel />
            <BookmarksPanel />
            <PeoplePanel />
            <SharePanel />
            <ExportPanel />
            <AnalysisPanel />
          </aside>
        </div>
      </PendingContext.Provider></CloudContext.Provider></PlaybackContext.Provider>
    </SessionContext.Provider>
  );
}
