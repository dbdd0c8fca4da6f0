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
  const saved = box.getAttribute('style');
  box.setAttribute('style', `${saved ?? ''};position:fixed;left:0;top:0;width:${width / dpr}px;height:${height / dpr}px;z-index:-1`);
  try {
    // Wait for the renderer to follow the new size (a resize observer, then a frame).
    for (let i = 0; i < 60 && (canvas.width !== width || canvas.height !== height); i++) await nextFrame();
    handle.invalidate();
    await nextFrame();
    const blob = await handle.snapshot('image/png');
    return await createImageBitmap(blob);
  } finally {
    if (saved === null) box.removeAttribute('style');
    else box.setAttribute('style', saved);
    handle.invalidate();
  }
}
