import * as THREE from 'three';

export interface LabelTexture {
  texture: THREE.CanvasTexture;
  /** width / height of the label, to scale its sprite. */
  aspect: number;
}

/**
 * Text on a rounded dark plate, rendered once into a texture: labels are sprites in the
 * scene graph (they work inside WebXR, where DOM overlays do not), and need no font download.
 */
export function createLabelTexture(text: string, accent = '#ffffff', maxChars = 48, framed = false): LabelTexture {
  const label = text.length > maxChars ? `${text.slice(0, maxChars - 1)}…` : text;
  const fontPx = 40;
  const pad = 18;
  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('2D canvas unavailable for labels');
  const font = `600 ${fontPx}px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif`;
  ctx.font = font;
  const width = Math.ceil(ctx.measureText(label).width) + pad * 2 + 10;
  const height = fontPx + pad * 2;
  canvas.width = width;
  canvas.height = height;
  ctx.font = font;
  ctx.fillStyle = 'rgba(12, 16, 24, 0.82)';
  ctx.beginPath();
  ctx.roundRect(0, 0, width, height, height / 2.6);
  ctx.fill();
  if (framed) {
    // Cluster names: a border in the cluster's colour ties the label to its blob from afar.
    ctx.strokeStyle = accent;
    ctx.lineWidth = 5;
    ctx.beginPath();
    ctx.roundRect(2.5, 2.5, width - 5, height - 5, height / 2.6 - 2.5);
    ctx.stroke();
  }
  ctx.fillStyle = accent;
  ctx.fillRect(pad / 2, height * 0.25, 5, height * 0.5);
  ctx.fillStyle = '#eef2f8';
  ctx.textBaseline = 'middle';
  ctx.fillText(label, pad + 10, height / 2 + 2);
  const texture = new THREE.CanvasTexture(canvas);
  texture.colorSpace = THREE.SRGBColorSpace;
  texture.anisotropy = 4;
  return { texture, aspect: width / height };
}
