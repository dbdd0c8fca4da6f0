import type { PointSceneHandle } from '../scene/types.ts';

async function nextFrame(): Promise<void> {
  await new Promise<void>((r) => requestAnimationFrame(() => r()));
}

/**
 * The desktop scene rendered at width × height device pixels: the scene's box is resized for the
 * render (so points are drawn at full resolution, not upscaled) and put back afterwards.
 */
export async function renderAtSize(handle: PointSceneHandle, box: HTMLElement, width: number, height: number): Promise<ImageBitmap> {
  const canvas = handle.getCanvas();
  if (!canvas) throw new Error('The scene is not ready yet.');
  const dpr = canvas.width / Math.max(1, canvas.clientWidth);
  // Through the style object, not the style attribute: the page's CSP (no 'unsafe-inline' styles) refuses
  // setAttribute('style', …), and the render then stayed at screen size, upscaled and blurry.
  const placed = { position: 'fixed', left: '0', top: '0', width: `${width / dpr}px`, height: `${height / dpr}px`, zIndex: '-1' } as const;
  const keys = Object.keys(placed) as (keyof typeof placed)[];
  const saved = keys.map((k) => box.style[k]);
  keys.forEach((k) => (box.style[k] = placed[k]));
  try {
    // Wait for the renderer to follow the new size (a resize observer, then a frame).
    for (let i = 0; i < 60 && (canvas.width !== width || canvas.height !== height); i++) await nextFrame();
    handle.invalidate();
    await nextFrame();
    const blob = await handle.snapshot('image/png');
    return await createImageBitmap(blob);
  } finally {
    keys.forEach((k, i) => (box.style[k] = saved[i]));
    handle.invalidate();
  }
}
