import * as THREE from 'three';

/** Font size the card is drawn at, texture pixels; the card's world size comes from card-layout.ts. */
export const CARD_FONT_PX = 40;
const LINE_PX = 52;
const PAD_PX = 24;
const MAX_CHARS = 44;

/**
 * The card's lines drawn into a canvas texture (a plane in the scene: DOM overlays do not exist
 * in a headset, and the system font needs no download). Redrawn only when the hovered row
 * changes. Returns the texture's aspect (width / height) and height in font sizes.
 */
export function drawCard(canvas: HTMLCanvasElement, lines: readonly string[], accent: string): { aspect: number; heightInFonts: number } {
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('2D canvas unavailable for the card');
  const font = (weight: number) => `${weight} ${CARD_FONT_PX}px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif`;
  const clipped = lines.map((l) => (l.length > MAX_CHARS ? `${l.slice(0, MAX_CHARS - 1)}…` : l));
  ctx.font = font(600);
  let width = 0;
  for (const l of clipped) width = Math.max(width, ctx.measureText(l).width);
  canvas.width = Math.ceil(width) + PAD_PX * 2 + 12;
  canvas.height = clipped.length * LINE_PX + PAD_PX * 2;
  ctx.fillStyle = 'rgba(12, 16, 24, 0.9)';
  ctx.beginPath();
  ctx.roundRect(0, 0, canvas.width, canvas.height, 24);
  ctx.fill();
  ctx.fillStyle = accent;
  ctx.fillRect(PAD_PX / 2, PAD_PX, 6, LINE_PX * 0.8);
  ctx.textBaseline = 'middle';
  clipped.forEach((l, k) => {
    ctx.font = font(k === 0 ? 700 : 500);
    ctx.fillStyle = k === 0 ? '#ffffff' : '#dfe6f0';
    ctx.fillText(l, PAD_PX + 12, PAD_PX + LINE_PX * k + LINE_PX / 2);
  });
  return { aspect: canvas.width / canvas.height, heightInFonts: canvas.height / CARD_FONT_PX };
}

export function cardTexture(canvas: HTMLCanvasElement): THREE.CanvasTexture {
  const texture = new THREE.CanvasTexture(canvas);
  texture.colorSpace = THREE.SRGBColorSpace;
  texture.anisotropy = 4;
  return texture;
}
