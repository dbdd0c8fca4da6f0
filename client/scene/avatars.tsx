import { useEffect, useMemo, useRef, useState } from 'react';
import { useFrame, useThree } from '@react-three/fiber';
import * as THREE from 'three';
import { drawnAvatars } from './drawn-avatars.ts';
import { LabelSprite } from './label-sprite.tsx';
import { PoseBuffer, emptyPose, type AvatarPose } from './pose-interpolation.ts';
import type { ParticipantAvatar } from './types.ts';

const UP = new THREE.Vector3(0, 1, 0);
/**
 * Head radii within which an avatar is not drawn: following someone puts your camera inside
 * their head, which tinted the whole view in their colour.
 */
const HIDE_WITHIN_HEADS = 4;
/** Drawn hands and rays per avatar: what awareness allows (LIMITS.awarenessHands, awarenessRays). */
const MAX_HANDS = 2;
const MAX_RAYS = 4;

interface Shapes {
  head: THREE.BufferGeometry;
  nose: THREE.BufferGeometry;
  hand: THREE.BufferGeometry;
  /** A unit-length beam along +Y from the origin: scaled along Y to the ray's length. */
  beam: THREE.BufferGeometry;
}

/**
 * Other participants: a head, a cone along their gaze and their name in their colour; a headset
 * user also shows their hands (controllers) and the rays they point with. Poses are drawn
 * through a PoseBuffer (100 ms behind, interpolated), so avatars glide between the 20 Hz updates.
 * `size` is the head radius in world units.
 */
export function Avatars({ avatars, size }: { avatars: readonly ParticipantAvatar[]; size: number }) {
  const shapes = useMemo<Shapes>(
    () => ({
      head: new THREE.SphereGeometry(1, 20, 14),
      nose: new THREE.ConeGeometry(0.55, 1.6, 16).translate(0, 0.8, 0),
      hand: new THREE.BoxGeometry(0.55, 0.4, 1.1),
      beam: new THREE.CylinderGeometry(1, 1, 1, 8, 1, true).translate(0, 0.5, 0),
    }),
    [],
  );
  useEffect(() => () => Object.values(shapes).forEach((g) => g.dispose()), [shapes]);
  return (
    <group>
      {avatars.map((a) => (
        <Avatar key={a.id} avatar={a} size={size} shapes={shapes} />
      ))}
    </group>
  );
}

/** The numbers of an avatar's pose, as a fresh object the buffer keeps. */
function poseOf(a: ParticipantAvatar): AvatarPose {
  return {
    position: [...a.position],
    direction: [...a.direction],
    hands: (a.hands ?? []).slice(0, MAX_HANDS).map((h) => ({ position: [...h.position], quaternion: [...h.quaternion] })),
    rays: (a.rays ?? []).slice(0, MAX_RAYS).map((r) => ({ origin: [...r.origin], direction: [...r.direction] })),
  };
}

function Avatar({ avatar, size, shapes }: { avatar: ParticipantAvatar; size: number; shapes: Shapes }) {
  const [buffer] = useState(() => new PoseBuffer());
  const invalidate = useThree((s) => s.invalidate);
  const lastKey = useRef('');
  // Awareness hands us every peer again when any one moves: only a real change is a new pose,
  // or a still avatar would gain repeated poses that stall its interpolation.
  const pose = poseOf(avatar);
  const key = JSON.stringify(pose);
  if (key !== lastKey.current) {
    lastKey.current = key;
    buffer.push(performance.now(), pose);
  }
  const headGroup = useRef<THREE.Group>(null);
  const nose = useRef<THREE.Mesh>(null);
  const hands = useRef<(THREE.Mesh | null)[]>([]);
  const rays = useRef<(THREE.Mesh | null)[]>([]);
  const scratch = useMemo(() => ({ pose: emptyPose(), d: new THREE.Vector3() }), []);
  const drawn = useMemo(() => ({ name: '', color: '', pose: scratch.pose }), [scratch]);
  const id = avatar.id;
  useEffect(() => () => void drawnAvatars.delete(id), [id]);

  // The desktop canvas draws on demand: keep frames coming until the avatar reaches its newest pose.
  useEffect(() => invalidate(), [key, invalidate]);
  useFrame(({ camera }) => {
    const g = headGroup.current;
    const now = performance.now();
    if (!g || !buffer.sample(now, scratch.pose)) return;
    if (!buffer.settled(now)) invalidate();
    const p = scratch.pose;
    drawn.name = avatar.name;
    drawn.color = avatar.color;
    drawnAvatars.set(id, drawn);
    g.position.set(p.position[0], p.position[1], p.position[2]);
    g.visible = camera.position.distanceTo(g.position) > size * HIDE_WITHIN_HEADS;
    const d = scratch.d.set(p.direction[0], p.direction[1], p.direction[2]);
    if (d.lengthSq() === 0) d.set(0, 0, -1);
    nose.current?.quaternion.setFromUnitVectors(UP, d.normalize());
    for (let k = 0; k < MAX_HANDS; k++) {
      const m = hands.current[k];
      if (!m) continue;
      const h = p.hands[k];
      m.visible = h !== undefined;
      if (!h) continue;
      m.position.set(h.position[0], h.position[1], h.position[2]);
      m.quaternion.set(h.quaternion[0], h.quaternion[1], h.quaternion[2], h.quaternion[3]);
    }
    for (let k = 0; k < MAX_RAYS; k++) {
      const m = rays.current[k];
      if (!m) continue;
      const r = p.rays[k];
      const length = r ? Math.hypot(r.direction[0], r.direction[1], r.direction[2]) : 0;
      m.visible = length > 0;
      if (!r || length === 0) continue;
      m.position.set(r.origin[0], r.origin[1], r.origin[2]);
      m.quaternion.setFromUnitVectors(UP, scratch.d.set(r.direction[0] / length, r.direction[1] / length, r.direction[2] / length));
      m.scale.set(size * 0.1, length, size * 0.1);
    }
  });

  return (
    <group>
      <group ref={headGroup} visible={false}>
        <mesh geometry={shapes.head} scale={size}>
          <meshStandardMaterial color={avatar.color} roughness={0.45} metalness={0.1} />
        </mesh>
        <mesh ref={nose} geometry={shapes.nose} scale={size}>
          <meshStandardMaterial color={avatar.color} roughness={0.6} transparent opacity={0.75} />
        </mesh>
        <LabelSprite text={avatar.name} accent={avatar.color} position={[0, size * 1.4, 0]} />
      </group>
      {Array.from({ length: MAX_HANDS }, (_, k) => (
        <mesh key={`h${k}`} ref={(m) => void (hands.current[k] = m)} geometry={shapes.hand} scale={size * 0.6} visible={false}>
          <meshStandardMaterial color={avatar.color} roughness={0.5} metalness={0.1} />
        </mesh>
      ))}
      {Array.from({ length: MAX_RAYS }, (_, k) => (
        <mesh key={`r${k}`} ref={(m) => void (rays.current[k] = m)} geometry={shapes.beam} visible={false}>
          <meshBasicMaterial color={avatar.color} transparent opacity={0.7} toneMapped={false} />
        </mesh>
      ))}
    </group>
  );
}
