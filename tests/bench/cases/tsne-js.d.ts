// tsne-js 1.0 ships no types: the part of its API the t-SNE benchmark uses.
declare module 'tsne-js' {
  export default class TSNE {
    constructor(opts: { dim?: number; perplexity?: number; earlyExaggeration?: number; learningRate?: number; nIter?: number; metric?: string });
    init(opts: { data: number[][]; type: 'dense' | 'sparse' }): void;
    run(): [number, number];
    getOutput(): number[][];
    on(event: 'progressIter', listener: (state: [number, number, number]) => void): void;
  }
}
