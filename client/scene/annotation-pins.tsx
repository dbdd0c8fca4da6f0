import { useMemo } from 'react';
import * as THREE from 'three';
import { LabelSprite } from './label-sprite.tsx';
import { stackIndices } from './pin-stack.ts';
import type { AnnotationPin } from './types.ts';

const DEFAULT_PIN = '#ffd43b';
/** Label heights between stacked notes (a little gap between plates). */
const LABEL_STEP = 1.15;

/** Notes pinned in space: a thin stem up from the position, a round head, the text above. `size` is the stem length. */
export function AnnotationPins({ pins, size }: { pins: readonly AnnotationPin[]; size: number }) {
  const head = useMemo(() => new THREE.SphereGeometry(1, 16, 12), []);
  const stem = useMemo(() => new THREE.CylinderGeometry(1, 1, 1, 6).translate(0, 0.5, 0), []);
  const stack = useMemo(() => stackIndices(pins), [pins]);
  return (
    <group>
      {pins.map((p, i) => {
        const color = p.color ?? DEFAULT_PIN;
        return (
          <group key={p.id} position={p.position}>
            <mesh geometry={stem} scale={[size * 0.02, size, size * 0.02]}>
              <meshBasicMaterial color={color} toneMapped={false} />
            </mesh>
            <mesh geometry={head} scale={size * 0.12} position={[0, size, 0]}>
              <meshStandardMaterial color={color} roughness={0.4} />
            </mesh>
            <LabelSprite text={p.text} accent={color} position={[0, size * 1.15, 0]} lift={stack[i] * LABEL_STEP} />
          </group>
        );
      })}
    </group>
  );
}
