import { useEffect, useMemo } from 'react';
import { createLabelTexture } from './label-texture.ts';

export interface LabelSpriteProps {
  text: string;
  accent?: string;
  /** World height of the label. */
  height: number;
  position?: [number, number, number];
}

/** A camera-facing text label that keeps its world size (readable in VR, shrinks with distance). */
export function LabelSprite({ text, accent, height, position }: LabelSpriteProps) {
  const label = useMemo(() => createLabelTexture(text, accent), [text, accent]);
  useEffect(() => () => label.texture.dispose(), [label]);
  return (
    <sprite position={position} scale={[height * label.aspect, height, 1]} renderOrder={10}>
      <spriteMaterial map={label.texture} transparent depthWrite={false} toneMapped={false} />
    </sprite>
  );
}
