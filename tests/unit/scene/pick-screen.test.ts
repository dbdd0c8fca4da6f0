import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../shared/random.ts';
import { generateLabCloud } from '../../../client/scene-lab/lab-data.ts';
import { PointFlag } from '../../../shared/scene/flags.ts';
import { buildPickIndex, visitCone } from '../../../client/scene/pick-index.ts';
import { maxOf, pickScreen, type PickStyle } from '../../../client/scene/pick-screen.ts';
import { RayPicker } from '../../../client/scene/pick-ray.ts';
import { pixelsPerUnit, sphereRadiusPx } from '../../../shared/scene/point-size.ts';
import { projectToScreen, rayThroughPixel, type ScreenView } from '../../../client/scene/screen-view.ts';
import { makeView } from './view-fixture.ts';

/** The picking rule by brute force over every point: the oracle for the indexed picker. */
function bruteForcePick(positions: Float32Array, sizes: Float32Array, flags: Uint8Array, view: ScreenView, style: PickStyle, x: number, y: number) {
  let best = -1;
  let bestTier = 4;
  let bestKey = Infinity;
  const at = { x: 0, y: 0, w: 0 };
  for (let i = 0; i < sizes.length; i++) {
    const passes = (flags[i] & PointFlag.PassesFilter) !== 0;
    if (!passes && style.filterMode === 'hide') continue;
    if (!projectToScreen(view, positions[i * 3], positions[i * 3 + 1], positions[i * 3 + 2], at)) continue;
    const r = sphereRadiusPx(style.pointSize, sizes[i], passes, pixelsPerUnit(view.height, view.p11, at.w), style.minPixels);
    const d = Math.hypot(at.x - x, at.y - y);
    if (d > r + style.tolerancePx) continue;
    const prominent = passes && (flags[i] & PointFlag.Dimmed) === 0;
    const tier = (prominent ? 0 : 2) + (d <= r ? 0 : 1);
    const key = d <= r ? at.w : d - r;
    if (tier < bestTier || (tier === bestTier && (key < bestKey || (key === bestKey && i < best)))) {
      best = i;
      bestTier = tier;
      bestKey = key;
    }
  }
  return best < 0 ? null : best;
}

describe('pickScreen (kd-tree cone query)', () => {
  const { data } = generateLabCloud(15_000, 11);
  const index = buildPickIndex(data.positions, data.count);
  const style: PickStyle = { pointSize: 0.08, minPixels: 2, filterMode: 'fade', tolerancePx: 4, maxSize: maxOf(data.sizes) };

  it('keeps every point exactly once in the index', () => {
    const seen = new Uint8Array(data.count);
    for (const i of index.order) seen[i]++;
    expect(seen.every((v) => v === 1)).toBe(true);
    const k = 1234;
    const i = index.order[k];
    expect([index.sorted[k * 3], index.sorted[k * 3 + 1], index.sorted[k * 3 + 2]]).toEqual([
      data.positions[i * 3], data.positions[i * 3 + 1], data.positions[i * 3 + 2],
    ]);
  });

  for (const [name, eye] of [['outside', [18, 9, 26]], ['inside the cloud', [0.5, 0.2, 1.5]]] as const) {
    it(`returns what a scan of every point returns, camera ${name}`, () => {
      const { view, inv } = makeView([...eye], [0, 0, 0]);
      const random = createRandom(3);
      const cursors: [number, number][] = [];
      for (let s = 0; s < 100; s++) cursors.push([random() * view.width, random() * view.height]);
      // Cursors right on projected points, where hits are certain.
      const at = { x: 0, y: 0, w: 0 };
      for (let s = 0; s < 100; s++) {
        const i = Math.floor(random() * data.count);
        if (projectToScreen(view, data.positions[i * 3], data.positions[i * 3 + 1], data.positions[i * 3 + 2], at)) cursors.push([at.x + 1, at.y - 1]);
      }
      let hits = 0;
      for (const [x, y] of cursors) {
        const got = pickScreen(index, data.sizes, data.flags, view, inv, style, x, y);
        const want = bruteForcePick(data.positions, data.sizes, data.flags, view, style, x, y);
        expect(got?.index ?? null).toBe(want);
        if (want !== null) hits++;
      }
      expect(hits).toBeGreaterThan(95);
    });
  }

  it('skips hidden points, and prefers passing points over faded ones', () => {
    const { view, inv } = makeView([18, 9, 26], [0, 0, 0]);
    const flags = new Uint8Array(data.count);
    // Half the space fails the filter, so some cursors only find faded points.
    for (let i = 0; i < data.count; i++) flags[i] = data.positions[i * 3] < 0 ? PointFlag.PassesFilter : 0;
    const random = createRandom(9);
    let fadedWins = 0;
    for (let s = 0; s < 120; s++) {
      const x = random() * view.width;
      const y = random() * view.height;
      const hidden = pickScreen(index, data.sizes, flags, view, inv, { ...style, filterMode: 'hide' }, x, y);
      if (hidden) expect(flags[hidden.index]).toBe(PointFlag.PassesFilter);
      expect(hidden?.index ?? null).toBe(bruteForcePick(data.positions, data.sizes, flags, view, { ...style, filterMode: 'hide' }, x, y));
      const faded = pickScreen(index, data.sizes, flags, view, inv, style, x, y);
      expect(faded?.index ?? null).toBe(bruteForcePick(data.positions, data.sizes, flags, view, style, x, y));
      // A faded point only wins where no passing point qualifies.
      if (faded && flags[faded.index] === 0) {
        fadedWins++;
        expect(hidden).toBeNull();
      }
    }
    expect(fadedWins).toBeGreaterThan(0);
  });

  it('prefers search matches over points a search dimmed, which stay pickable', () => {
    const { view, inv } = makeView([18, 9, 26], [0, 0, 0]);
    const flags = new Uint8Array(data.count);
    // Every point passes the filter; a search matched one half, the other half is dimmed.
    for (let i = 0; i < data.count; i++) flags[i] = PointFlag.PassesFilter | (data.positions[i * 3] < 0 ? PointFlag.Highlight : PointFlag.Dimmed);
    const random = createRandom(11);
    let dimmedWins = 0;
    let matchWins = 0;
    for (let s = 0; s < 120; s++) {
      const x = random() * view.width;
      const y = random() * view.height;
      const picked = pickScreen(index, data.sizes, flags, view, inv, style, x, y);
      expect(picked?.index ?? null).toBe(bruteForcePick(data.positions, data.sizes, flags, view, style, x, y));
      if (!picked) continue;
      if (flags[picked.index] & PointFlag.Dimmed) {
        dimmedWins++;
        // Only where no match is under or near the cursor.
        const matchesOnly = flags.map((f) => (f & PointFlag.Dimmed ? 0 : f));
        expect(bruteForcePick(data.positions, data.sizes, matchesOnly, view, { ...style, filterMode: 'hide' }, x, y)).toBeNull();
      } else matchWins++;
    }
    expect(dimmedWins).toBeGreaterThan(0);
    expect(matchWins).toBeGreaterThan(0);
  });

  it('visits a small fraction of the points per pick', () => {
    const { view, inv } = makeView([18, 9, 26], [0, 0, 0]);
    const random = createRandom(5);
    let visited = 0;
    const picks = 100;
    for (let s = 0; s < picks; s++) {
      const [dx, dy, dz] = rayThroughPixel(view, inv, 300 + random() * 400, 200 + random() * 300);
      const cone = { ox: view.eye[0], oy: view.eye[1], oz: view.eye[2], dx, dy, dz, base: 0.08, slope: 5 * (2 / (view.height * view.p11)) };
      visitCone(index, cone, () => visited++);
    }
    expect(visited / picks).toBeLessThan(data.count * 0.05);
  });

  it('builds over coincident and empty inputs', () => {
    const same = new Float32Array(300).fill(1);
    const idx = buildPickIndex(same, 100);
    expect(idx.nodeCount).toBe(1);
    const { view, inv } = makeView([1, 1, 5], [1, 1, 1]);
    const hit = pickScreen(idx, new Float32Array(100).fill(1), new Uint8Array(100).fill(1), view, inv, { ...style, maxSize: 1 }, 500, 350);
    expect(hit?.index).toBe(0);
    expect(buildPickIndex(new Float32Array(0), 0).count).toBe(0);
  });
});

describe('pickRay (world rays, e.g. XR controllers)', () => {
  const { data } = generateLabCloud(20_000, 4);
  const index = buildPickIndex(data.positions, data.count);
  const options = { pointSize: 0.1, maxSize: maxOf(data.sizes), toleranceRad: 0.01, filterMode: 'fade' as const };

  /** Nearest point along the ray whose sphere, widened by the tolerance, the ray passes through. */
  function scan(origin: number[], dir: number[], flags: Uint8Array) {
    let best = -1;
    let bestT = Infinity;
    for (let i = 0; i < data.count; i++) {
      if ((flags[i] & 1) === 0) continue;
      const vx = data.positions[i * 3] - origin[0];
      const vy = data.positions[i * 3 + 1] - origin[1];
      const vz = data.positions[i * 3 + 2] - origin[2];
      const t = vx * dir[0] + vy * dir[1] + vz * dir[2];
      if (t <= 0) continue;
      const perp = Math.sqrt(Math.max(vx * vx + vy * vy + vz * vz - t * t, 0));
      if (perp <= (options.pointSize * data.sizes[i]) / 2 + Math.tan(options.toleranceRad) * t && t < bestT) {
        best = i;
        bestT = t;
      }
    }
    return best < 0 ? null : best;
  }

  it('agrees with a scan of every point', () => {
    const random = createRandom(21);
    const picker = new RayPicker();
    let hits = 0;
    for (let s = 0; s < 120; s++) {
      const origin = [(random() - 0.5) * 30, (random() - 0.5) * 10, 20];
      // Aim at a random point, so most rays hit something.
      const j = Math.floor(random() * data.count);
      const aim = [0, 1, 2].map((a) => data.positions[j * 3 + a] + (random() - 0.5) * 0.3 - origin[a]);
      const len = Math.hypot(aim[0], aim[1], aim[2]);
      const dir = aim.map((v) => v / len) as [number, number, number];
      const got = picker.pick(index, data.sizes, data.flags, origin as [number, number, number], dir, options);
      const want = scan(origin, dir, data.flags);
      expect(got?.index ?? null).toBe(want);
      if (want !== null) hits++;
    }
    expect(hits).toBeGreaterThan(80);
  });
  it('allocates no answer per call: every hit is the picker’s own object, rewritten by the next pick', () => {
    // The XR frame loop picks once a frame; a fresh { index, distance } a frame is garbage the
    // headset's collector must sweep mid-frame. The cone and the kd-tree visitor are fields made
    // with the picker (pick-ray.ts), so the answer object is the one thing a call could allocate.
    const picker = new RayPicker();
    const aimAt = (j: number): { origin: [number, number, number]; dir: [number, number, number] } => {
      const origin: [number, number, number] = [0, 0, 20];
      const aim = [0, 1, 2].map((a) => data.positions[j * 3 + a] - origin[a]);
      const len = Math.hypot(aim[0], aim[1], aim[2]);
      return { origin, dir: [aim[0] / len, aim[1] / len, aim[2] / len] };
    };
    const a = aimAt(10);
    const b = aimAt(data.count - 10);
    const first = picker.pick(index, data.sizes, data.flags, a.origin, a.dir, options);
    const firstIndex = first?.index;
    const second = picker.pick(index, data.sizes, data.flags, b.origin, b.dir, options);
    expect(first).not.toBeNull();
    expect(second).toBe(first);
    expect(second).toBe(picker.hit);
    // Still the right answers: the scan's, each read before the next pick.
    expect(firstIndex).toBe(scan(a.origin, a.dir, data.flags));
    expect(second?.index).toBe(scan(b.origin, b.dir, data.flags));
    // A miss is null and leaves the picker reusable.
    expect(picker.pick(index, data.sizes, data.flags, [0, 0, 20], [0, 0, 1], options)).toBeNull();
    expect(picker.pick(index, data.sizes, data.flags, a.origin, a.dir, options)?.index).toBe(firstIndex);
  });
});
