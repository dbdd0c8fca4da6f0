import { buildPickIndex } from './pick-index.ts';

// Builds the pick index off the main thread; every array goes back as a transfer, not a copy.
self.onmessage = (event: MessageEvent<{ positions: Float32Array; count: number }>) => {
  const { positions, count } = event.data;
  const index = buildPickIndex(positions, count);
  const transfer = [index.order, index.sorted, index.nodeStart, index.nodeEnd, index.nodeLeft, index.nodeSphere].map((a) => a.buffer);
  self.postMessage(index, { transfer });
};
