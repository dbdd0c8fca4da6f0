import { PointFlag } from '../../shared/scene/flags.ts';
import type { PickIndex } from './pick-index.ts';

// Depth-first stack; the tree is at most log2(count) deep, so 128 levels never overflow.
const stack = new Int32Array(128);

/**
 * Calls visit(point) for every point within `radius` of (cx, cy, cz) that passes the filter
 * (the volume sweep of the XR shell: what is drawn in full is what gets selected, as with the
 * lasso). Walks the pick index's kd-tree, so a small sphere touches a few leaves, not the cloud.
 */
export function visitSphere(index: PickIndex, flags: Uint8Array, cx: number, cy: number, cz: number, radius: number, visit: (point: number) => void): void {
  if (index.count === 0 || !(radius > 0)) return;
  const { nodeSphere, nodeLeft, nodeStart, nodeEnd, sorted, order } = index;
  const r2 = radius * radius;
  let top = 0;
  stack[top++] = 0;
  while (top > 0) {
    const node = stack[--top];
    const reach = radius + nodeSphere[node * 4 + 3];
    const vx = nodeSphere[node * 4] - cx;
    const vy = nodeSphere[node * 4 + 1] - cy;
    const vz = nodeSphere[node * 4 + 2] - cz;
    if (vx * vx + vy * vy + vz * vz > reach * reach) continue;
    const left = nodeLeft[node];
    if (left >= 0) {
      stack[top++] = left;
      stack[top++] = left + 1;
      continue;
    }
    for (let k = nodeStart[node], e = nodeEnd[node]; k < e; k++) {
      const i = order[k];
      if ((flags[i] & PointFlag.PassesFilter) === 0 || (flags[i] & PointFlag.OutOfTime) !== 0) continue;
      const dx = sorted[k * 3] - cx;
      const dy = sorted[k * 3 + 1] - cy;
      const dz = sorted[k * 3 + 2] - cz;
      if (dx * dx + dy * dy + dz * dz <= r2) visit(i);
    }
  }
}
