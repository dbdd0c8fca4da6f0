import { describe, expect, it } from 'vitest';
import { clusterMembers, clusterPose, pointsPose } from '../../../client/session/focus-cluster.ts';

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

  it('keeps some of the cloud around a tight group in view', () => {
    // Two matches a hair apart; the cloud's points lie up to 125 from its mean (25, 0, 0): the
    // pair is framed as if 8% of that (10) across, not 0.005.
    const wide = Float32Array.from([-100, 0, 0, 100, 0, 0, 50, 0, 0, 50.01, 0, 0]);
    const group = Int32Array.from([0, 0, 1, 1]);
    const pose = clusterPose(wide, group, 1, current)!;
    const distance = Math.hypot(...pose.position.map((v, i) => v - pose.target[i]));
    expect(distance).toBeCloseTo((10 / Math.sin((25 * Math.PI) / 180)) * 1.15, 2);
  });

  it('has nothing to frame for an empty cluster', () => {
    expect(clusterPose(positions, labels, 7, current)).toBeNull();
  });

  it('lists a cluster\'s points, and frames a list of points as it frames that cluster', () => {
    const members = clusterMembers(labels, 1);
    expect(Array.from(members)).toEqual([2, 3, 4, 5]);
    expect(pointsPose(positions, members, current)).toEqual(clusterPose(positions, labels, 1, current));
    // Two points of different clusters: centred between them, the viewing direction kept.
    const pair = pointsPose(positions, [0, 3], current)!;
    expect(pair.target.map((v) => Math.round(v * 1000) / 1000)).toEqual([5.5, 0.5, 0.5]);
    expect(pair.position[0]).toBeCloseTo(5.5);
    expect(pair.position[2]).toBeGreaterThan(0.5);
  });

  it('has nothing to frame for no points', () => {
    expect(clusterMembers(labels, 7)).toHaveLength(0);
    expect(pointsPose(positions, [], current)).toBeNull();
  });
});
