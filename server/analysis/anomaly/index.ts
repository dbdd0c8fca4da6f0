// The anomaly scores the pipeline offers: every one returns a Float32Array in [0, 1], higher = more anomalous.
export { isolationForest, type IsolationForestOptions } from './isolation-forest.ts';
export { zScoreAnomaly } from './z-score.ts';
export { densityAnomaly, type DensityAnomalyOptions } from './density.ts';
export { flagTop } from './flag-top.ts';
export { AnomalyInputError } from './errors.ts';
