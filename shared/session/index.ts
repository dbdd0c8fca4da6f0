/**
 * The session document: schema, typed accessors and presence. The only way code reads or
 * writes a session's Yjs document; see docs/session-document.md.
 */
export type * from './types.ts';
export { LIMITS, SCHEMA_VERSION } from './limits.ts';
export { SessionDocError } from './errors.ts';
export { newEntryId } from './entry-id.ts';
export { ROOT_NAMES, rootOf, type SessionPart } from './roots.ts';
export { initSessionDoc, readMeta, setTitle, rebindAnalysis, type InitSessionOptions } from './meta.ts';
export { readPendingAnalysis, writePendingAnalysis, type PendingAnalysis } from './pending-analysis.ts';
export { readClusterIds, displayedClusterIds, mapClusterIds, lowestFreeIds, clusterName, displayedClusterLabel, type ClusterIds } from './cluster-ids.ts';
export {
  DEFAULT_VIEW,
  ENCODING_CHANNELS,
  parseView,
  readView,
  setEncoding,
  setPositionSource,
  setPointScale,
  setFilterMode,
  writeView,
} from './view.ts';
export {
  readFilters,
  readFilter,
  setFilter,
  updateFilter,
  setFilterEnabled,
  removeFilter,
  replaceFilters,
  type FilterInput,
  type FilterPatch,
} from './filters.ts';
export {
  rangesFromIndices,
  indicesFromRanges,
  rangesCount,
  rangesContain,
  rangesUnion,
  rangesSubtract,
  isCanonicalRanges,
  normalizeRanges,
} from './ranges.ts';
export { EMPTY_SELECTION, readSelection, setSelection, clearSelection, type SelectionChange } from './selection.ts';
export {
  readAnnotations,
  addAnnotation,
  updateAnnotationText,
  removeAnnotation,
  type AnnotationInput,
} from './annotations.ts';
export {
  readBookmarks,
  addBookmark,
  renameBookmark,
  moveBookmark,
  removeBookmark,
  applyBookmark,
  bookmarkFilters,
  staleClusterFilters,
  type BookmarkInput,
} from './bookmarks.ts';
export { readAnswers, shareAnswer, removeAnswer, type AnswerInput } from './answers.ts';
export { NO_PLAYBACK, readPlayback, writePlayback, playbackMoment, playbackRate, PLAY_THROUGH_MS, type PlaybackPatch } from './playback.ts';
export { NO_PRESENTER, readPresenter, setPresenter, setPresenterPose } from './presenter.ts';
export {
  sanitizeAwarenessState,
  awarenessStateBytes,
  initialAwarenessState,
  type AwarenessState,
  type Role,
  type Device,
  type Hand,
  type Ray,
} from './awareness.ts';
export { onSessionChange } from './observe.ts';
