import { describe, expect, it } from 'vitest';
import { ANALYSIS_ARRAYS, ARRAY_NAMES, arrayOfRoute, arraysTransferList, hasArrayType, SERVED_ARRAY_NAMES, type AnalysisArrays } from '../../../shared/analysis-arrays.ts';

describe('the registry of per-point arrays', () => {
  it('names each array once: distinct files, distinct routes, every route found back', () => {
    const files = ARRAY_NAMES.map((n) => ANALYSIS_ARRAYS[n].file);
    expect(new Set(files).size).toBe(files.length);
    const routes = SERVED_ARRAY_NAMES.map((n) => ANALYSIS_ARRAYS[n].route);
    expect(new Set(routes).size).toBe(routes.length);
    for (const name of SERVED_ARRAY_NAMES) expect(arrayOfRoute(ANALYSIS_ARRAYS[name].route)).toBe(name);
    expect(arrayOfRoute('features')).toBeUndefined();
    // Stored analyses keep their file names: the store wrote `${name}.bin` before the registry.
    for (const name of ARRAY_NAMES) expect(ANALYSIS_ARRAYS[name].file).toBe(name);
  });

  it('checks decoded types and lists every buffer to transfer', () => {
    const arrays: AnalysisArrays = {
      rowIndex: new Uint32Array(2),
      positions: new Float32Array(6),
      cluster: new Int32Array(2),
      anomaly: new Float32Array(2),
      anomalyFlag: new Uint8Array(2),
      features: new Float32Array(4),
    };
    for (const name of ARRAY_NAMES) expect(hasArrayType(name, arrays[name])).toBe(true);
    expect(hasArrayType('cluster', new Uint32Array(2))).toBe(false);
    expect(arraysTransferList(arrays)).toHaveLength(ARRAY_NAMES.length);
  });
});
