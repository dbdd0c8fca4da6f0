/**
 * Which cluster names a headset shows this frame, and how big (pure: the XR scene feeds it
 * positions each frame). Names keep a constant visual angle (legible at any distance, ≥ 1° of
 * text), face the head, and a name is left out where it would sit too close to the head, out
 * of sight, over a name already placed from the head's view, or behind a UI surface (the VR
 * panel): names draw on top of everything, so one behind the panel would cover its buttons. Earlier names win (the largest
 * clusters come first), so the layout is stable while the head moves a little.
 */

/** Height of a name's plate, radians of visual angle: the text inside is 40/76 of it, ≈ 1.3°. */
export const NAME_PLATE_ANGLE = (2.5 * Math.PI) / 180;
/** Text height over plate height (label-texture.ts: a 40 px font on a 76 px plate). */
export const NAME_TEXT_FRACTION = 40 / 76;
/** Names nearer the head than this (m) are hidden: too close to focus on, and they fill the view. */
export const NAME_NEAR_M = 0.5;
/** Names further than this from the view's centre (radians) are hidden: out of the headset's view. */
const NAME_VIEW_HALF_ANGLE = (65 * Math.PI) / 180;
/** Extra gap between two names, as a fraction of their size. */
const NAME_MARGIN = 0.15;

/** Reusable per-frame buffers for `layoutNames` (sized to the names; no allocation per frame). */
export class NameLayout {
  /** 1 where the name is shown this frame. */
  readonly shown: Uint8Array;
  /** World height of each name's plate (m). */
  readonly height: Float64Array;
  /** Centre of each name in the head's view plane (x / −z, y / −z), and its half sizes there. */
  private readonly u: Float64Array;
  private readonly v: Float64Array;
  private readonly hu: Float64Array;
  private readonly hv: Float64Array;

  constructor(readonly count: number) {
    this.shown = new Uint8Array(count);
    this.height = new Float64Array(count);
    this.u = new Float64Array(count);
    this.v = new Float64Array(count);
    this.hu = new Float64Array(count);
    this.hv = new Float64Array(count);
  }

  /**
   * `view`: each name's centre in the head's frame (x right, y up, −z ahead), 3 numbers a name;
   * `aspect`: width / height of each name's plate; `surfaces`: UI surfaces that hide the names
   * behind them, each as its extent in the view plane and its nearest depth (u0, v0, u1, v1,
   * depth: 5 numbers, u and v as x / −z and y / −z).
   */
  update(view: ArrayLike<number>, aspect: ArrayLike<number>, surfaces: ArrayLike<number> = []): void {
    const tanHalf = Math.tan(NAME_PLATE_ANGLE / 2);
    const minCos = Math.cos(NAME_VIEW_HALF_ANGLE);
    for (let i = 0; i < this.count; i++) {
      this.shown[i] = 0;
      const x = view[i * 3];
      const y = view[i * 3 + 1];
      const z = view[i * 3 + 2];
      const d = Math.hypot(x, y, z);
      // A billboard facing the head at distance d spans the plate angle when 2·d·tan(a/2) tall.
      this.height[i] = 2 * d * tanHalf;
      if (d < NAME_NEAR_M || -z < minCos * d) continue;
      const depth = -z;
      const u = x / depth;
      const v = y / depth;
      // Half sizes in the view plane: the plate's half height over its depth, plus the margin.
      const hv = ((this.height[i] / 2) * (1 + NAME_MARGIN)) / depth;
      const hu = hv * aspect[i];
      let free = !behindSurface(u, v, hu, hv, depth, surfaces);
      for (let j = 0; j < i && free; j++) {
        if (this.shown[j] === 1 && Math.abs(u - this.u[j]) < hu + this.hu[j] && Math.abs(v - this.v[j]) < hv + this.hv[j]) free = false;
      }
      if (!free) continue;
      this.shown[i] = 1;
      this.u[i] = u;
      this.v[i] = v;
      this.hu[i] = hu;
      this.hv[i] = hv;
    }
  }
}

/** Whether a name (view-plane centre and half sizes, at `depth`) lies behind one of the surfaces. */
function behindSurface(u: number, v: number, hu: number, hv: number, depth: number, surfaces: ArrayLike<number>): boolean {
  for (let s = 0; s + 4 < surfaces.length; s += 5) {
    if (depth <= surfaces[s + 4]) continue;
    if (u + hu > surfaces[s] && u - hu < surfaces[s + 2] && v + hv > surfaces[s + 1] && v - hv < surfaces[s + 3]) return true;
  }
  return false;
}
