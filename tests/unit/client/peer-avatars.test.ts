import { describe, expect, it } from 'vitest';
import type { Peer } from '../../../client/collab/presence.ts';
import { peerAvatars } from '../../../client/session/peer-avatars.ts';

function peer(clientId: number, state: Partial<Peer['state']>): Peer {
  return { clientId, state: { name: `p${clientId}`, color: '#ff8800', role: 'editor', device: 'desktop', head: null, hands: [], rays: [], hovered: null, camera: null, ...state } };
}

describe('other participants as avatars', () => {
  it('puts a desktop participant at their camera, looking at its target', () => {
    const [a] = peerAvatars([peer(7, { camera: { position: [1, 2, 3], target: [1, 2, 0] } })]);
    expect(a).toEqual({ id: '7', name: 'p7', color: '#ff8800', position: [1, 2, 3], direction: [0, 0, -3] });
  });

  it('puts a headset user at their head, looking down the head\'s -Z axis', () => {
    // A quarter turn to the left about +Y: the head that looked along -Z now looks along -X.
    const s = Math.SQRT1_2;
    const [a] = peerAvatars([peer(3, { device: 'vr', head: { position: [0, 1.6, 0], quaternion: [0, s, 0, s] } })]);
    expect(a.position).toEqual([0, 1.6, 0]);
    expect(a.direction[0]).toBeCloseTo(-1);
    expect(a.direction[1]).toBeCloseTo(0);
    expect(a.direction[2]).toBeCloseTo(0);
  });

  it('gives a headset user their hands and rays, as published', () => {
    const hands = [{ position: [0.2, 1.1, -0.3] as [number, number, number], quaternion: [0, 0, 0, 1] as [number, number, number, number] }];
    const rays = [{ origin: [0.2, 1.1, -0.3] as [number, number, number], direction: [0, 0, -2] as [number, number, number] }];
    const [a] = peerAvatars([peer(4, { device: 'vr', head: { position: [0, 1.6, 0], quaternion: [0, 0, 0, 1] }, hands, rays })]);
    expect(a.hands).toEqual(hands);
    expect(a.rays).toEqual(rays);
  });

  it('leaves out participants with no view yet', () => {
    expect(peerAvatars([peer(1, {})])).toEqual([]);
  });
});
