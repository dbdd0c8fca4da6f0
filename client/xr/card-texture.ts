import * as THREE from 'three';
import { CARD_TEXT_DEG } from './card-layout.ts';
import type { CardImage } from './card-image.ts';

/** Font size the card is drawn at, texture pixels; the card's world size comes from card-layout.ts. */
export const CARD_FONT_PX = 40;
const LINE_PX = 52;
const PAD_PX = 24;
const MAX_CHARS = 44;
/**
 * The row's image spans this visual angle (a thumbnail needs several degrees to be seen at all,
 * text 1°): the card is scaled so its font spans CARD_TEXT_DEG, so the image box is this many
 * font sizes (~215 texture pixels).
 */
export const CARD_IMAGE_DEG = 7;
export const CARD_IMAGE_PX = Math.round((CARD_FONT_PX * CARD_IMAGE_DEG) / CARD_TEXT_DEG);
const BACKGROUND = 'rgba(12, 16, 24, 0.9)';

/** Where the card's image was drawn, texture pixels (its box's position; the image is fitted inside, aspect kept). */
export interface CardImageRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The card's lines drawn into a canvas texture (a plane in the scene: DOM overlays do not exist
 * in a headset, and the system font needs no download), with the row's image (or its wait, or
 * "no image") in a box right of them when the dataset has an image column. Redrawn only when
 * the hovered row, or its image, changes. Returns the texture's aspect (width / height), height
 * in font sizes, and where the image was drawn (null when none was).
 */
export function drawCard(
  canvas: HTMLCanvasElement,
  lines: readonly string[],
  accent: string,
  image: CardImage = { state: 'none' },
): { aspect: number; heightInFonts: number; imageRect: CardImageRect | null } {
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('2D canvas unavailable for the card');
  const font = (weight: number) => `${weight} ${CARD_FONT_PX}px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif`;
  const clipped = lines.map((l) => (l.length > MAX_CHARS ? `${l.slice(0, MAX_CHARS - 1)}…` : l));
  ctx.font = font(600);
  let width = 0;
  for (const l of clipped) width = Math.max(width, ctx.measureText(l).width);
  const textRight = PAD_PX + 12 + Math.ceil(width);
  const box = image.state === 'none' ? 0 : CARD_IMAGE_PX;
  canvas.width = textRight + PAD_PX + (box > 0 ? box + PAD_PX : 0);
  canvas.height = Math.max(clipped.length * LINE_PX, box) + PAD_PX * 2;
  ctx.fillStyle = BACKGROUND;
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
  const imageRect = box > 0 ? drawImageBox(ctx, image, textRight + PAD_PX, PAD_PX, box) : null;
  return { aspect: canvas.width / canvas.height, heightInFonts: canvas.height / CARD_FONT_PX, imageRect };
}

/** The image box at (x, y), `box` pixels square: the image fitted inside (aspect kept), or a word saying why there is none yet. */
function drawImageBox(ctx: CanvasRenderingContext2D, image: CardImage, x: number, y: number, box: number): CardImageRect | null {
  if (image.state === 'shown') {
    const { naturalWidth: w, naturalHeight: h } = image.image;
    const scale = box / Math.max(w, h);
    const dw = Math.round(w * scale);
    const dh = Math.round(h * scale);
    // A small image blown up stays crisp (its pixels are its data: a scan, an icon); a large one shrinks smoothly.
    ctx.imageSmoothingEnabled = scale < 2;
    ctx.imageSmoothingQuality = 'high';
    const at = { x: x + Math.round((box - dw) / 2), y: y + Math.round((box - dh) / 2), width: dw, height: dh };
    ctx.drawImage(image.image, at.x, at.y, at.width, at.height);
    return at;
  }
  ctx.strokeStyle = '#5a6678';
  ctx.lineWidth = 2;
  ctx.strokeRect(x + 1, y + 1, box - 2, box - 2);
  ctx.font = `500 ${CARD_FONT_PX}px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif`;
  ctx.fillStyle = '#9aa6b8';
  ctx.textAlign = 'center';
  ctx.fillText(image.state === 'failed' ? 'no image' : '…', x + box / 2, y + box / 2);
  ctx.textAlign = 'start';
  return null;
}

export function cardTexture(canvas: HTMLCanvasElement): THREE.CanvasTexture {
  const texture = new THREE.CanvasTexture(canvas);
  texture.colorSpace = THREE.SRGBColorSpace;
  texture.anisotropy = 4;
  return texture;
}
