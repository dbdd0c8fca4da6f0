import { useMemo } from 'react';
import * as THREE from 'three';
import { LabelSprite } from './label-sprite.tsx';
import type { AnnotationPin } from './types.ts';

const DEFAULT_PIN = '#ffd43b';

/** Notes pinned in space: a thin stem up from the position, a round head, the text above. `size` is the stem length. */
export function AnnotationPins({ pins, size }: { pins: readonly AnnotationPin[]; size: number }) {
  const head = useMemo(() => new THREE.SphereGeometry(1, 16, 12), []);
  const stem = useMemo(() => new THREE.CylinderGeometry(1, 1, 1, 6).translate(0, 0.5, 0), []);
  return (
    <group>
      {pins.map((p) => {
        const color = p.color ?? DEFAULT_PIN;
        return (
          <group key={p.id} position={p.position}>
            <mesh geometry={stem} scale={[size * 0.02, size, size * 0.02]}>
              <meshBasicMaterial color={color} toneMapped={false} />
            </mesh>
            <mesh geometry={head} scale={size * 0.12} position={[0, size, 0]}>
              <meshStandardMaterial color={color} roughness={0.4} />
            </mesh>
            <LabelSprite text={p.text} accent={color} position={[0, size * 1.15, 0]} />
          </group>
        );
      })}
    </group>
  );
}
