import { describe, expect, it } from 'vitest';
import { createRandom, randomNormal } from '../../../shared/random.ts';
import { placeClusterLabels, type LabelObstacles, type LabelRequest, type ScreenBox } from '../../../client/scene/label-placement.ts';

/** Gaussian blobs of points on a 1000×700 screen, one group per blob. */
function blobs(centres: [number, number, number][], perBlob: number): { obstacles: LabelObstacles; requests: LabelRequest[] } {
  const random = createRandom(11);
  const n = centres.length * perBlob;
  const o: LabelObstacles = { x: new Float32Array(n), y: new Float32Array(n), group: new Int32Array(n), groupCount: new Int32Array(centres.length), groupBox: new Float32Array(4 * centres.length), count: n };
  const requests: LabelRequest[] = [];
  centres.forEach(([cx, cy, r], g) => {
    let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
    for (let k = 0; k < perBlob; k++) {
      const i = g * perBlob + k;
      o.x[i] = cx + randomNormal(random) * r;
      o.y[i] = cy + randomNormal(random) * r;
      o.group[i] = g;
      [x0, y0, x1, y1] = [Math.min(x0, o.x[i]), Math.min(y0, o.y[i]), Math.max(x1, o.x[i]), Math.max(y1, o.y[i])];
    }
    o.groupCount[g] = perBlob;
    o.groupBox.set([x0, y0, x1, y1], 4 * g);
    requests.push({ anchor: { x: cx, y: cy }, extent: { x0: cx - 2 * r, y0: cy - 2 * r, x1: cx + 2 * r, y1: cy + 2 * r }, width: 180, height: 20 });
  });
  return { obstacles: o, requests };
}

function covered(o: LabelObstacles, box: ScreenBox): number[] {
  const counts = new Array<number>(o.groupCount.length).fill(0);
  for (let i = 0; i < o.count; i++) if (o.x[i] >= box.x0 && o.x[i] <= box.x1 && o.y[i] >= box.y0 && o.y[i] <= box.y1) counts[o.group[i]]++;
  return counts.map((c, g) => c / o.groupCount[g]);
}

const overlap = (a: ScreenBox, b: ScreenBox) => a.x0 < b.x1 && a.x1 > b.x0 && a.y0 < b.y1 && a.y1 > b.y0;

describe('placeClusterLabels', () => {
  it('puts each name beside its cluster (above when free), covering at most 2% of any cluster, names apart', () => {
    const { obstacles, requests } = blobs([[300, 300, 40], [600, 320, 50], [450, 520, 30], [800, 150, 25]], 300);
    const boxes = placeClusterLabels(requests, obstacles, { width: 1000, height: 700 });
    boxes.forEach((b, i) => {
      expect(b).not.toBeNull();
      for (const share of covered(obstacles, b!)) expect(share).toBeLessThanOrEqual(0.02);
      boxes.forEach((other, j) => j !== i && expect(overlap(b!, other!)).toBe(false));
      expect(b!.x0).toBeGreaterThanOrEqual(4);
      expect(b!.x1).toBeLessThanOrEqual(996);
    });
    // The first (largest) cluster's name sits right above its extent.
    expect(boxes[0]!.y1).toBeLessThanOrEqual(requests[0].extent.y0);
  });

  it('slides a name at the top edge into the view, and drops a name that has nowhere free to go', () => {
    const { obstacles, requests } = blobs([[500, 40, 20]], 200);
    const [top] = placeClusterLabels(requests, obstacles, { width: 1000, height: 700 });
    expect(top!.y0).toBeGreaterThanOrEqual(4);
    expect(covered(obstacles, top!)[0]).toBeLessThanOrEqual(0.02);
    // A small cluster in a tight grid of others: every place beside it lands on a neighbour.
    const centres: [number, number, number][] = [];
    for (let x = 50; x < 1000; x += 100) for (let y = 25; y < 700; y += 50) centres.push([x, y, 10]);
    const crowd = blobs(centres, 150);
    const middle = centres.findIndex(([x, y]) => x === 450 && y === 325);
    const only = crowd.requests.map((r, i) => (i === middle ? r : { ...r, width: Infinity, height: Infinity }));
    expect(placeClusterLabels(only, crowd.obstacles, { width: 1000, height: 700 })[middle]).toBeNull();
  });

  it('keeps names out of page elements drawn over the canvas', () => {
    const { obstacles, requests } = blobs([[300, 300, 40]], 300);
    const legend = { x0: 0, y0: 0, x1: 600, y1: 250 };
    const [box] = placeClusterLabels(requests, obstacles, { width: 1000, height: 700, keepOut: [legend] });
    expect(box).not.toBeNull();
    expect(overlap(box!, legend)).toBe(false);
  });
});
