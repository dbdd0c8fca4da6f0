import { create } from 'zustand';

/**
 * Local, per-participant UI state: never shared, never undone. Shared state lives in the Yjs
 * document (client/collab); presence in awareness.
 */
export interface HoverState {
  point: number;
  x: number;
  y: number;
}

export type PanelId = 'ask' | 'analysis' | 'encoding' | 'filters' | 'clusters' | 'selection' | 'anomalies' | 'neighbours' | 'annotations' | 'bookmarks' | 'people' | 'share' | 'export' | 'quality' | 'co-occurrence' | 'drift' | 'trends';

export interface UiState {
  hover: HoverState | null;
  /** The point the user clicked last (neighbours, annotation target). */
  focused: number | null;
  searchQuery: string;
  searchColumn: string | null;
  collapsed: Partial<Record<PanelId, boolean>>;
  sidebarOpen: boolean;
  /** Follow the presenter's camera (when someone presents). */
  following: boolean;
  toast: string | null;
  /** Cluster names floating in the scene: true / false once chosen, null = automatic (on for ≤ 20 clusters). */
  clusterNames: boolean | null;
  /** While the shared selection is not empty, fade every other point (on this screen only). */
  dimUnselected: boolean;
  /**
   * The analysis whose clusters the cloud shows ahead of its result (the session's pending
   * analysis, client/session/use-pending-analysis.ts), or null: cluster ids then name its clusters.
   */
  clustersAhead: string | null;
  setHover(hover: HoverState | null): void;
  setFocused(point: number | null): void;
  setSearch(query: string, column?: string | null): void;
  togglePanel(id: PanelId): void;
  setSidebarOpen(open: boolean): void;
  setFollowing(following: boolean): void;
  showToast(message: string | null): void;
  setClusterNames(on: boolean): void;
  setDimUnselected(on: boolean): void;
  setClustersAhead(analysisId: string | null): void;
}

/**
 * Where the dashboard stops being a column and becomes a drawer over the scene (the same width as
 * the media query in client/styles/app.css). There it starts closed, so a phone sees the cloud.
 */
export const NARROW_SCREEN = '(max-width: 900px)';

/** Open on desktop; closed at first on a narrow screen. Node (unit tests) has no matchMedia: open. */
function sidebarStartsOpen(): boolean {
  return typeof matchMedia !== 'function' || !matchMedia(NARROW_SCREEN).matches;
}

export const useUi = create<UiState>((set) => ({
  hover: null,
  focused: null,
  searchQuery: '',
  searchColumn: null,
  collapsed: { neighbours: false, annotations: true, bookmarks: true, share: true, export: true, anomalies: true, selection: false, quality: true, 'co-occurrence': true, trends: true },
  sidebarOpen: sidebarStartsOpen(),
  following: true,
  toast: null,
  clusterNames: null,
  dimUnselected: true,
  clustersAhead: null,
  setHover: (hover) => set({ hover }),
  setFocused: (focused) => set({ focused }),
  setSearch: (searchQuery, column) => set((s) => ({ searchQuery, searchColumn: column === undefined ? s.searchColumn : column })),
  togglePanel: (id) => set((s) => ({ collapsed: { ...s.collapsed, [id]: !s.collapsed[id] } })),
  setSidebarOpen: (sidebarOpen) => set({ sidebarOpen }),
  setFollowing: (following) => set({ following }),
  showToast: (toast) => set({ toast }),
  setClusterNames: (clusterNames) => set({ clusterNames }),
  setDimUnselected: (dimUnselected) => set({ dimUnselected }),
  setClustersAhead: (clustersAhead) => set({ clustersAhead }),
}));
