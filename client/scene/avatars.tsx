import { useMemo, useRef } from 'react';
import { useFrame } from '@react-three/fiber';
import * as THREE from 'three';
import { LabelSprite } from './label-sprite.tsx';
import type { ParticipantAvatar } from './types.ts';

const UP = new THREE.Vector3(0, 1, 0);
/**
 * Head radii within which an avatar is not drawn: following someone puts your camera inside
 * their head, which tinted the whole view in their colour.
 */
const HIDE_WITHIN_HEADS = 4;

/** Other participants: a head, a cone along their gaze and their name. `size` is the head radius in world units. */
export function Avatars({ avatars, size }: { avatars: readonly ParticipantAvatar[]; size: number }) {
  const head = useMemo(() => new THREE.SphereGeometry(1, 20, 14), []);
  const nose = useMemo(() => new THREE.ConeGeometry(0.55, 1.6, 16).translate(0, 0.8, 0), []);
  return (
    <group>
      {avatars.map((a) => (
        <Avatar key={a.id} avatar={a} size={size} head={head} nose={nose} />
      ))}
    </group>
  );
}

function Avatar({ avatar, size, head, nose }: { avatar: ParticipantAvatar; size: number; head: THREE.BufferGeometry; nose: THREE.BufferGeometry }) {
  const [dx, dy, dz] = avatar.direction;
  const quaternion = useMemo(() => {
    const d = new THREE.Vector3(dx, dy, dz);
    if (d.lengthSq() === 0) d.set(0, 0, -1);
    return new THREE.Quaternion().setFromUnitVectors(UP, d.normalize());
  }, [dx, dy, dz]);
  const group = useRef<THREE.Group>(null);
  useFrame(({ camera }) => {
    const g = group.current;
    if (g) g.visible = camera.position.distanceTo(g.position) > size * HIDE_WITHIN_HEADS;
  });
  return (
    <group ref={group} position={avatar.position}>
      <mesh geometry={head} scale={size}>
        <meshStandardMaterial color={avatar.color} roughness={0.45} metalness={0.1} />
      </mesh>
      <mesh geometry={nose} scale={size} quaternion={quaternion}>
        <meshStandardMaterial color={avatar.color} roughness={0.6} transparent opacity={0.75} />
      </mesh>
      <LabelSprite text={avatar.name} accent={avatar.color} position={[0, size * 1.4, 0]} />
    </group>
  );
}
