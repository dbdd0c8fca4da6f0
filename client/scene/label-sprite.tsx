import { useEffect, useMemo } from 'react';
import { createLabelTexture } from './label-texture.ts';

export interface LabelSpriteProps {
  text: string;
  accent?: string;
  /**
   * Height as a fraction of the view's height at distance 1 (about 0.035 reads well): labels
   * keep their on-screen size at any distance, on a monitor and per eye in a headset.
   */
  height?: number;
  position?: [number, number, number];
  /** A border in the accent colour (cluster names). */
  framed?: boolean;
  /** Longer text is cut with "…" (default 48 characters). */
  maxChars?: number;
  /** Label heights to raise the label by on screen, so labels at one anchor stack instead of overlapping. */
  lift?: number;
}

/** A camera-facing text label, always on top, at a constant apparent size. */
export function LabelSprite({ text, accent, height = 0.035, position, framed = false, maxChars = 48, lift = 0 }: LabelSpriteProps) {
  const label = useMemo(() => createLabelTexture(text, accent, maxChars, framed), [text, accent, maxChars, framed]);
  useEffect(() => () => label.texture.dispose(), [label]);
  return (
    <sprite position={position} scale={[height * label.aspect, height, 1]} renderOrder={10} center={[0.5, -lift]}>
      <spriteMaterial map={label.texture} transparent depthWrite={false} depthTest={false} sizeAttenuation={false} toneMapped={false} />
    </sprite>
  );
}
