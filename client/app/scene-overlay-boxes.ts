import type { ScreenBox } from '../scene/label-placement.ts';

/** Page elements drawn over the scene's canvas: cluster names keep out from under them. */
const OVERLAYS = '.scene-overlay, .scene-hint, .follow-overlay, .xr-entry';

/**
 * The boxes (CSS pixels relative to the canvas, y down) that the session page's overlays cover on
 * the canvas: the legend, the hint line, the follow bar, the way into VR. The scene asks for them
 * every frame it draws names; reading DOM rects there would force a layout each frame, so they are
 * measured only when the layout changed: the canvas or an overlay resized (ResizeObserver), an
 * overlay came, went or changed its class (MutationObserver), or the window resized. In between,
 * every call hands out the same cached array.
 */
export class OverlayBoxes {
  private readonly boxes: ScreenBox[] = [];
  private canvas: HTMLCanvasElement | null = null;
  private dirty = true;
  private readonly watched = new Set<Element>();
  private resize: ResizeObserver | null = null;
  private mutation: MutationObserver | null = null;
  private readonly invalidate = () => void (this.dirty = true);

  /** The overlays' boxes over `canvas`, measured again only after a layout change. */
  over(canvas: HTMLCanvasElement | null): readonly ScreenBox[] {
    if (canvas !== this.canvas) this.watch(canvas);
    if (this.dirty) this.measure();
    return this.boxes;
  }

  dispose(): void {
    this.watch(null);
  }

  private watch(canvas: HTMLCanvasElement | null): void {
    this.resize?.disconnect();
    this.mutation?.disconnect();
    this.watched.clear();
    window.removeEventListener('resize', this.invalidate);
    this.canvas = canvas;
    this.dirty = true;
    const area = canvas?.closest('.scene-area');
    if (!canvas || !area) return;
    this.resize = new ResizeObserver(this.invalidate);
    this.resize.observe(canvas);
    this.mutation = new MutationObserver(this.invalidate);
    this.mutation.observe(area, { subtree: true, childList: true, attributes: true, attributeFilter: ['class', 'hidden', 'open'] });
    window.addEventListener('resize', this.invalidate);
  }

  private measure(): void {
    this.dirty = false;
    this.boxes.length = 0;
    const canvas = this.canvas;
    const area = canvas?.closest('.scene-area');
    if (!canvas || !area) return;
    const c = canvas.getBoundingClientRect();
    for (const el of area.querySelectorAll(OVERLAYS)) {
      // A new overlay is watched for its size from now on (observing reports once at once: one more measure).
      if (!this.watched.has(el)) {
        this.watched.add(el);
        this.resize?.observe(el);
      }
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.height > 0) this.boxes.push({ x0: r.left - c.left, y0: r.top - c.top, x1: r.right - c.left, y1: r.bottom - c.top });
    }
  }
}
