import type { Rgb } from '../../../shared/encodings/palettes.ts';

/**
 * A picture as RGBA bytes (row-major, y down), drawn into with source-over blending. Pure: no
 * canvas, no native code, so the server draws the report's snapshots without a GPU or WebGL.
 */
export class RgbaRaster {
  readonly data: Uint8Array;

  constructor(
    readonly width: number,
    readonly height: number,
    background: Rgb,
  ) {
    this.data = new Uint8Array(width * height * 4);
    for (let i = 0; i < width * height; i++) {
      this.data[i * 4] = background[0];
      this.data[i * 4 + 1] = background[1];
      this.data[i * 4 + 2] = background[2];
      this.data[i * 4 + 3] = 255;
    }
  }

  /**
   * A filled disc centred at (cx, cy) (pixel centres sit at +0.5) of radius r, with `alpha` in
   * [0, 1]. Edges are antialiased by coverage (1 inside r − 0.5, 0 outside r + 0.5, linear
   * between). `shade` darkens towards the rim (0: flat), so touching discs stay apart the way the
   * scene's lit spheres do.
   */
  disc(cx: number, cy: number, r: number, color: Rgb, alpha: number, shade = 0): void {
    if (!(r > 0) || !(alpha > 0)) return;
    const x0 = Math.max(0, Math.floor(cx - r - 1));
    const x1 = Math.min(this.width - 1, Math.ceil(cx + r + 1));
    const y0 = Math.max(0, Math.floor(cy - r - 1));
    const y1 = Math.min(this.height - 1, Math.ceil(cy + r + 1));
    for (let y = y0; y <= y1; y++) {
      const dy = y + 0.5 - cy;
      for (let x = x0; x <= x1; x++) {
        const dx = x + 0.5 - cx;
        const d = Math.sqrt(dx * dx + dy * dy);
        const coverage = Math.min(1, Math.max(0, r + 0.5 - d));
        if (coverage <= 0) continue;
        const light = shade > 0 ? 1 - shade * Math.min(1, d / r) ** 2 : 1;
        this.blend(x, y, color[0] * light, color[1] * light, color[2] * light, alpha * coverage);
      }
    }
  }

  /** A ring (annulus) between radii r0 < r1, antialiased on both edges. */
  ring(cx: number, cy: number, r0: number, r1: number, color: Rgb, alpha: number): void {
    const x0 = Math.max(0, Math.floor(cx - r1 - 1));
    const x1 = Math.min(this.width - 1, Math.ceil(cx + r1 + 1));
    const y0 = Math.max(0, Math.floor(cy - r1 - 1));
    const y1 = Math.min(this.height - 1, Math.ceil(cy + r1 + 1));
    for (let y = y0; y <= y1; y++) {
      const dy = y + 0.5 - cy;
      for (let x = x0; x <= x1; x++) {
        const dx = x + 0.5 - cx;
        const d = Math.sqrt(dx * dx + dy * dy);
        const coverage = Math.min(1, Math.max(0, r1 + 0.5 - d), Math.max(0, d - r0 + 0.5));
        if (coverage > 0) this.blend(x, y, color[0], color[1], color[2], alpha * coverage);
      }
    }
  }

  /** The colour at a pixel. */
  pixel(x: number, y: number): [number, number, number, number] {
    const k = (y * this.width + x) * 4;
    return [this.data[k], this.data[k + 1], this.data[k + 2], this.data[k + 3]];
  }

  private blend(x: number, y: number, r: number, g: number, b: number, a: number): void {
    const k = (y * this.width + x) * 4;
    const keep = 1 - a;
    this.data[k] = Math.round(r * a + this.data[k] * keep);
    this.data[k + 1] = Math.round(g * a + this.data[k + 1] * keep);
    this.data[k + 2] = Math.round(b * a + this.data[k + 2] * keep);
  }
}
