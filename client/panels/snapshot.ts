import type { Legend } from '../../shared/encodings/legend.ts';
import { wrapLines } from './wrap-lines.ts';

/**
 * The snapshot export: a picture of the view at the requested pixel size (the shell renders it:
 * ViewDriver.picture) with the title, legend and a footer drawn over it, as a PNG.
 */
export interface SnapshotOptions {
  width: number;
  height: number;
  title: string;
  subtitle: string;
  legend: Legend | null;
}

export async function snapshotPng(image: ImageBitmap, options: SnapshotOptions): Promise<Blob> {
  const { width, height } = options;
  const out = document.createElement('canvas');
  out.width = width;
  out.height = height;
  const g = out.getContext('2d');
  if (!g) throw new Error('No 2D canvas for the snapshot.');
  g.fillStyle = '#0b0f17';
  g.fillRect(0, 0, width, height);
  // If the renderer could not reach the size (a GPU limit), cover the frame with what it drew.
  const scale = Math.max(width / image.width, height / image.height);
  g.drawImage(image, (width - image.width * scale) / 2, (height - image.height * scale) / 2, image.width * scale, image.height * scale);
  drawOverlay(g, options);
  return new Promise<Blob>((resolve, reject) => out.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed.'))), 'image/png'));
}

function drawOverlay(g: CanvasRenderingContext2D, o: SnapshotOptions): void {
  const u = Math.max(1, Math.min(o.width, o.height) / 720);
  const pad = 20 * u;
  g.textBaseline = 'top';
  g.fillStyle = '#e8edf5';
  g.font = `600 ${26 * u}px system-ui, sans-serif`;
  g.fillText(o.title, pad, pad);
  g.fillStyle = '#9aa5b5';
  g.font = `${14 * u}px system-ui, sans-serif`;
  g.fillText(o.subtitle, pad, pad + 34 * u);
  const legend = o.legend;
  if (!legend || legend.kind === 'constant') return;
  let y = pad + 66 * u;
  g.fillStyle = '#c9d1dc';
  g.font = `600 ${14 * u}px system-ui, sans-serif`;
  g.fillText(legend.title, pad, y);
  y += 22 * u;
  g.font = `${13 * u}px system-ui, sans-serif`;
  if (legend.kind === 'categorical') {
    // Names wrap within the column (never cut with "…"); counts say "n of N" while filters hide points, as on the page.
    const textWidth = 300 * u;
    const shown = legend.items.slice(0, 14);
    for (const item of shown) {
      g.fillStyle = item.color;
      g.beginPath();
      g.arc(pad + 6 * u, y + 7 * u, 6 * u, 0, Math.PI * 2);
      g.fill();
      g.fillStyle = '#d8dee9';
      const count = item.visible === undefined ? `${item.count}` : `${item.visible} of ${item.count}`;
      const lines = wrapLines(item.label, textWidth, (s) => g.measureText(s).width);
      lines.forEach((line, i) => g.fillText(line, pad + 18 * u, y + i * 17 * u));
      g.fillStyle = '#9aa5b5';
      g.fillText(count, pad + 18 * u + textWidth + 10 * u, y);
      y += (lines.length * 17 + 5) * u;
    }
    const more = legend.items.length - shown.length;
    if (more > 0) {
      g.fillStyle = '#9aa5b5';
      g.fillText(`+ ${more} more`, pad + 18 * u, y);
    }
    return;
  }
  const barW = 200 * u;
  const grad = g.createLinearGradient(pad, 0, pad + barW, 0);
  legend.stops.forEach((s, i) => grad.addColorStop(i / (legend.stops.length - 1), s));
  g.fillStyle = grad;
  g.fillRect(pad, y, barW, 12 * u);
  g.fillStyle = '#d8dee9';
  y += 18 * u;
  for (const t of legend.ticks) {
    const w = g.measureText(t.label).width;
    g.fillText(t.label, Math.max(pad, Math.min(pad + barW - w, pad + t.t * barW - w / 2)), y);
  }
}
