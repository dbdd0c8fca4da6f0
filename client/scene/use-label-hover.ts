import { useEffect, type RefObject } from 'react';
import type { SceneController } from './scene-controller.ts';

/**
 * The full cluster name over a name drawn in the scene while the pointer rests on it (names
 * there are cut to SCENE_NAME_CHARS). A DOM tip moved through refs: no React state per move.
 */
export function useLabelHover(wrapper: RefObject<HTMLDivElement | null>, tip: RefObject<HTMLDivElement | null>, controller: SceneController): void {
  useEffect(() => {
    const el = wrapper.current;
    if (!el) return;
    const move = (e: PointerEvent) => {
      const t = tip.current;
      const canvas = controller.gl?.domElement;
      if (!t || !canvas) return;
      const r = canvas.getBoundingClientRect();
      const x = e.clientX - r.left;
      const y = e.clientY - r.top;
      const hit = e.buttons === 0 ? controller.placedLabelsNow.find((l) => l.shown && x >= l.box.x0 && x <= l.box.x1 && y >= l.box.y0 && y <= l.box.y1) : undefined;
      if (!hit) {
        t.style.display = 'none';
        return;
      }
      t.textContent = hit.text;
      t.style.display = 'block';
      t.style.left = `${Math.max(0, hit.box.x0)}px`;
      t.style.top = `${hit.box.y1 + 4}px`;
    };
    const leave = () => {
      if (tip.current) tip.current.style.display = 'none';
    };
    el.addEventListener('pointermove', move);
    el.addEventListener('pointerleave', leave);
    return () => {
      el.removeEventListener('pointermove', move);
      el.removeEventListener('pointerleave', leave);
    };
  }, [wrapper, tip, controller]);
}
