import type { Rgb } from '../../../shared/encodings/palettes.ts';

/**
 * A transparent layer (premultiplied RGBA floats, row-major, y down) that discs and rings are
 * composited into with source-over, then flattened onto any background. Compositing is
 * associative, so one drawing serves both the screen's dark picture and the print's white one.
 * Pure: no canvas, no native code, so the server draws without a GPU or WebGL.
 */
export class RgbaLayer {
  private readonly data: Float32Array;

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.data = new Float32Array(width * height * 4);
  }

  /**
   * A filled disc centred at (cx, cy) (pixel centres sit at +0.5) of radius r, with `alpha` in
   * [0, 1]. Edges are antialiased by coverage (1 inside r − 0.5, 0 outside r + 0.5, linear
   * between). `shade` darkens towards the rim (0: flat), so touching discs stay apart the way the
   * scene's lit spheres do.
   */
  disc(cx: number, cy: number, r: number, color: Rgb, alpha: number, shade = 0): void {
    if (!(r > 0) || !(alpha > 0)) return;
    const x0 = Math.max(0, Math.floor(cx - r - 0.5));
    const x1 = Math.min(this.width - 1, Math.floor(cx + r + 0.5));
    const y0 = Math.max(0, Math.floor(cy - r - 0.5));
    const y1 = Math.min(this.height - 1, Math.floor(cy + r + 0.5));
    const inner2 = r > 0.5 ? (r - 0.5) * (r - 0.5) : 0;
    const outer2 = (r + 0.5) * (r + 0.5);
    const rimScale = shade / (r * r);
    for (let y = y0; y <= y1; y++) {
      const dy = y + 0.5 - cy;
      for (let x = x0; x <= x1; x++) {
        const dx = x + 0.5 - cx;
        const d2 = dx * dx + dy * dy;
        if (d2 >= outer2) continue;
        // Only edge pixels need the square root.
        const coverage = d2 <= inner2 ? 1 : Math.min(1, r + 0.5 - Math.sqrt(d2));
        const light = shade > 0 ? 1 - Math.min(shade, d2 * rimScale) : 1;
        this.over((y * this.width + x) * 4, color, light, alpha * coverage);
      }
    }
  }

  /** A ring (annulus) between radii r0 < r1, antialiased on both edges. */
  ring(cx: number, cy: number, r0: number, r1: number, color: Rgb, alpha: number): void {
    const x0 = Math.max(0, Math.floor(cx - r1 - 0.5));
    const x1 = Math.min(this.width - 1, Math.floor(cx + r1 + 0.5));
    const y0 = Math.max(0, Math.floor(cy - r1 - 0.5));
    const y1 = Math.min(this.height - 1, Math.floor(cy + r1 + 0.5));
    for (let y = y0; y <= y1; y++) {
      const dy = y + 0.5 - cy;
      for (let x = x0; x <= x1; x++) {
        const dx = x + 0.5 - cx;
        const d = Math.sqrt(dx * dx + dy * dy);
        const coverage = Math.min(1, Math.max(0, r1 + 0.5 - d), Math.max(0, d - r0 + 0.5));
        if (coverage > 0) this.over((y * this.width + x) * 4, color, 1, alpha * coverage);
      }
    }
  }

  /** The layer over an opaque background, as 8-bit RGBA (alpha 255). */
  flatten(background: Rgb): Uint8Array {
    const out = new Uint8Array(this.width * this.height * 4);
    const d = this.data;
    for (let k = 0; k < out.length; k += 4) {
      const keep = 1 - d[k + 3];
      out[k] = Math.round(d[k] + background[0] * keep);
      out[k + 1] = Math.round(d[k + 1] + background[1] * keep);
      out[k + 2] = Math.round(d[k + 2] + background[2] * keep);
      out[k + 3] = 255;
    }
    return out;
  }

  private over(k: number, color: Rgb, light: number, a: number): void {
    const d = this.data;
    const keep = 1 - a;
    const s = a * light;
    d[k] = color[0] * s + d[k] * keep;
    d[k + 1] = color[1] * s + d[k + 1] * keep;
    d[k + 2] = color[2] * s + d[k + 2] * keep;
    d[k + 3] = a + d[k + 3] * keep;
  }
}
