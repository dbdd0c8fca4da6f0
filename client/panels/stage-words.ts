const STAGE_NAMES: Record<string, string> = {
  queued: 'Waiting for a free worker',
  prepare: 'Preparing features',
  reduce: 'Computing the 3D layout',
  cluster: 'Finding clusters',
  anomalies: 'Scoring anomalies',
  explain: 'Describing clusters and outliers',
};

/** A pipeline stage in words (the progress bar's label). */
export function stageName(stage: string): string {
  return STAGE_NAMES[stage] ?? stage;
}

/** What an analysis has handed out ahead of its result (its clusters, its anomaly flags). */
export interface ReadyResults {
  clusters: boolean;
  anomalies: boolean;
}

/**
 * The stage of a running analysis in words, saying what the cloud already shows: "Clusters
 * ready · finding anomalies…", then "Clusters and anomalies ready · describing them…", or the
 * stage's name while nothing is (clusters come before anomalies, which come before the
 * descriptions). `plain` leaves out the "·" and "…", which the VR panel's font has no glyphs
 * for ("Clusters ready, finding anomalies").
 */
export function readyStage(stage: string, ready: ReadyResults, plain = false): string {
  if (!ready.clusters) return stageName(stage);
  const [what, next] = ready.anomalies ? ['Clusters and anomalies ready', 'describing them'] : ['Clusters ready', 'finding anomalies'];
  return plain ? `${what}, ${next}` : `${what} · ${next}…`;
}
