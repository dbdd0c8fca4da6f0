/** Page elements drawn over the scene's canvas: cluster names keep out from under them. */
const OVERLAYS = '.scene-overlay, .scene-hint, .follow-overlay, .xr-entry';

/**
 * The boxes (CSS pixels relative to `canvas`, y down) that the session page's overlays cover
 * on the canvas: the legend, the hint line, the follow bar, the way into VR. Read every frame the scene draws,
 * so a folded legend or a narrow screen frees the space at once.
 */
export function sceneOverlayBoxes(canvas: HTMLCanvasElement | null): { x0: number; y0: number; x1: number; y1: number }[] {
  const area = canvas?.closest('.scene-area');
  if (!canvas || !area) return [];
  const c = canvas.getBoundingClientRect();
  const boxes: { x0: number; y0: number; x1: number; y1: number }[] = [];
  for (const el of area.querySelectorAll(OVERLAYS)) {
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.height > 0) boxes.push({ x0: r.left - c.left, y0: r.top - c.top, x1: r.right - c.left, y1: r.bottom - c.top });
  }
  return boxes;
}
