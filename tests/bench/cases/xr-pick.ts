import * as THREE from 'three';
import { createRandom } from '../../../shared/random.ts';
import { generateLabCloud } from '../../../client/scene-lab/lab-data.ts';
import { buildPickIndex } from '../../../client/scene/pick-index.ts';
import { RayPicker } from '../../../client/scene/pick-ray.ts';
import { maxOf } from '../../../client/scene/pick-screen.ts';
import { timed } from '../harness.ts';

export interface RayPickArgs {
  n: number;
  engine: 'ours' | 'three';
  rays: number;
  /** World diameter of a size-1 point (lab cloud units). */
  pointSize: number;
  /** Angular tolerance around the ray, radians (ours; the XR pointer's 0.024). */
  toleranceRad: number;
}

/**
 * A controller's ray into the lab cloud, the way the XR pointer asks every frame: ours is the
 * kd-tree cone query of pick-ray.ts, three's is Raycaster.intersectObject on a THREE.Points of
 * the same positions (threshold = the largest point's radius; three has no angular widening, so
 * it tests a thinner ray than ours). Rays start 20 units out and aim near seeded random points,
 * so most hit. Times each ray on its own; the index build is reported apart (done once per
 * positions array, in a worker in the app).
 */
export async function rayPick(args: RayPickArgs): Promise<Record<string, number | string>> {
  const { data } = generateLabCloud(args.n, 4);
  const random = createRandom(31);
  const rays: { origin: [number, number, number]; dir: [number, number, number] }[] = [];
  for (let s = 0; s < args.rays; s++) {
    const origin: [number, number, number] = [(random() - 0.5) * 30, (random() - 0.5) * 10, 20];
    const j = Math.floor(random() * data.count);
    const aim = [0, 1, 2].map((a) => data.positions[j * 3 + a] + (random() - 0.5) * 0.1 - origin[a]);
    const len = Math.hypot(aim[0], aim[1], aim[2]);
    rays.push({ origin, dir: [aim[0] / len, aim[1] / len, aim[2] / len] });
  }
  const maxSize = maxOf(data.sizes);
  const times: number[] = [];
  let hits = 0;
  let prepareMs: number;
  if (args.engine === 'ours') {
    const built = await timed(() => buildPickIndex(data.positions, data.count));
    prepareMs = built.ms;
    const options = { pointSize: args.pointSize, maxSize, toleranceRad: args.toleranceRad, filterMode: 'fade' as const };
    const picker = new RayPicker();
    for (const r of rays) {
      const t0 = performance.now();
      const hit = picker.pick(built.value, data.sizes, data.flags, r.origin, r.dir, options);
      times.push(performance.now() - t0);
      if (hit) hits++;
    }
  } else {
    const geometry = new THREE.BufferGeometry();
    geometry.setAttribute('position', new THREE.BufferAttribute(data.positions, 3));
    const points = new THREE.Points(geometry);
    const raycaster = new THREE.Raycaster();
    raycaster.params.Points = { threshold: (args.pointSize * maxSize) / 2 };
    const origin = new THREE.Vector3();
    const dir = new THREE.Vector3();
    // The bounding sphere three computes on the first raycast: its preparation.
    const first = await timed(() => {
      geometry.computeBoundingSphere();
      return 0;
    });
    prepareMs = first.ms;
    for (const r of rays) {
      const t0 = performance.now();
      raycaster.set(origin.set(...r.origin), dir.set(...r.dir));
      const hit = raycaster.intersectObject(points, false)[0];
      times.push(performance.now() - t0);
      if (hit) hits++;
    }
  }
  times.sort((a, b) => a - b);
  return {
    prepareMs,
    rayMeanMs: times.reduce((a, b) => a + b, 0) / times.length,
    rayP95Ms: times[Math.floor(0.95 * (times.length - 1))],
    rayMaxMs: times[times.length - 1],
    hits: `${hits}/${rays.length}`,
  };
}
