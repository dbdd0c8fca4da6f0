import type { Peer } from '../collab/presence.ts';
import type { ParticipantAvatar, Vec3 } from '../scene/types.ts';

/**
 * Other participants as the scene draws them: a headset user at their head, looking where the
 * head looks, with their hands and rays; a desktop user at their camera, looking at its target.
 * Peers with neither are not drawn.
 */
export function peerAvatars(peers: readonly Peer[]): ParticipantAvatar[] {
  return peers.flatMap((p) => {
    if (p.state.head) {
      const [x, y, z, w] = p.state.head.quaternion;
      // The head looks down its local -Z axis: rotate (0, 0, -1) by the quaternion.
      const dir: Vec3 = [-(2 * (x * z + w * y)), -(2 * (y * z - w * x)), -(1 - 2 * (x * x + y * y))];
      const { hands, rays } = p.state;
      return [{ id: String(p.clientId), name: p.state.name, color: p.state.color, position: p.state.head.position, direction: dir, hands, rays }];
    }
    const cam = p.state.camera;
    if (!cam) return [];
    const direction: Vec3 = [cam.target[0] - cam.position[0], cam.target[1] - cam.position[1], cam.target[2] - cam.position[2]];
    return [{ id: String(p.clientId), name: p.state.name, color: p.state.color, position: cam.position, direction }];
  });
}
