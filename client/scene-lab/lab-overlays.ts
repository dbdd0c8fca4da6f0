import type { AnnotationPin, NeighbourLinks, ParticipantAvatar } from '../scene/types.ts';
import type { LabCloud } from './lab-data.ts';

/** Colour of the first lab avatar: far from every palette colour, so tests can find it on screen. */
export const LAB_AVATAR_COLOR = '#ff3dcb';

/**
 * Overlays for the lab (`?overlays=1`): three participants on a ring around the cloud looking at
 * its centre, pins on two cluster members, and links from one point to its 8 nearest points.
 */
export function labOverlays(cloud: LabCloud): { avatars: ParticipantAvatar[]; pins: AnnotationPin[]; links: NeighbourLinks[] } {
  const { positions, count } = cloud.data;
  const names = ['Ada', 'Grace', 'Linus'];
  const colors = [LAB_AVATAR_COLOR, '#00e0ff', '#ffffff'];
  const avatars = names.map((name, k): ParticipantAvatar => {
    // Spread over the half of the ring facing the lab's home view.
    const angle = 0.35 + k * 0.9;
    const position: [number, number, number] = [Math.cos(angle) * 11, 2.5 + k, Math.sin(angle) * 11];
    return { id: name, name, color: colors[k], position, direction: [-position[0], -position[1], -position[2]] };
  });
  const member = (c: number) => {
    for (let i = 0; i < count; i++) if (cloud.cluster[i] === c) return i;
    return 0;
  };
  const at = (i: number): [number, number, number] => [positions[i * 3], positions[i * 3 + 1], positions[i * 3 + 2]];
  const pins: AnnotationPin[] = [
    { id: 'p1', position: at(member(0)), text: 'Dense core: check sensor 4' },
    { id: 'p2', position: at(member(3)), text: 'Outlier tail', color: '#ff8c42' },
  ];
  const from = member(1);
  const near = Array.from({ length: count }, (_, i) => i)
    .filter((i) => i !== from)
    .map((i) => [i, Math.hypot(positions[i * 3] - positions[from * 3], positions[i * 3 + 1] - positions[from * 3 + 1], positions[i * 3 + 2] - positions[from * 3 + 2])] as const)
    .sort((a, b) => a[1] - b[1])
    .slice(0, 8)
    .map(([i]) => i);
  return { avatars, pins, links: [{ from, to: near }] };
}
