// Types for the part of density-clustering 1.3 (untyped CommonJS) the tests and benchmarks use
// as the stock DBSCAN reference.
declare module 'density-clustering' {
  export class DBSCAN {
    /** Clusters as lists of row indices; rows in none are noise. Neighbours are rows at distance < epsilon, the row included. */
    run(dataset: number[][], epsilon: number, minPts: number): number[][];
    noise: number[];
  }
  const DensityClustering: { DBSCAN: typeof DBSCAN };
  export default DensityClustering;
}
