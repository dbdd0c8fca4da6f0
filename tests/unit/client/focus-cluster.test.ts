import { describe, expect, it } from 'vitest';
import { clusterPose } from '../../../client/app/focus-cluster.ts';

describe('flying to a cluster', () => {
  // Cluster 1: a cube of side 2 around (10, 0, 0); cluster 0 elsewhere.
  const points: [number, number, number, number][] = [
    [0, 0, 0, 0],
    [0, 1, 1, 1],
    [1, 9, -1, -1],
    [1, 11, 1, 1],
    [1, 9, 1, -1],
    [1, 11, -1, 1],
  ];
  const labels = Int32Array.from(points.map((p) => p[0]));
  const positions = Float32Array.from(points.flatMap((p) => p.slice(1)));
  const current = { position: [0, 0, 20] as [number, number, number], target: [0, 0, 0] as [number, number, number], fov: 50 };

  it('centres on the cluster, keeps the viewing direction, and backs off until every member fits', () => {
    const pose = clusterPose(positions, labels, 1, current)!;
    expect(pose.target).toEqual([10, 0, 0]);
    expect(pose.position[0]).toBeCloseTo(10);
    expect(pose.position[1]).toBeCloseTo(0);
    const distance = pose.position[2];
    // Farthest member is √3 from the centre: it must sit inside half the field of view.
    expect(Math.atan(Math.sqrt(3) / distance)).toBeLessThan((25 * Math.PI) / 180);
    expect(distance).toBeLessThan(6);
  });

  it('has nothing to frame for an empty cluster', () => {
    expect(clusterPose(positions, labels, 7, current)).toBeNull();
  });
});
