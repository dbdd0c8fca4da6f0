import { useEffect, type RefObject } from 'react';
import type { SceneController } from './scene-controller.ts';
import type { ClickModifiers, PointSceneProps } from './types.ts';

/** A press that moves less than this (CSS px) is a click, not a drag. */
const CLICK_SLOP_PX = 5;
/** Lasso corners closer than this to the previous one are dropped. */
const LASSO_STEP_PX = 3;

/**
 * Mouse / pen / touch input of the desktop scene, on native listeners in the capture phase so a
 * shift-drag lasso never reaches the camera controls. Hover picks are coalesced to one per
 * animation frame, and nothing here sets React state.
 */
export function usePointerInput(
  wrapperRef: RefObject<HTMLDivElement | null>,
  lassoRef: RefObject<SVGPolylineElement | null>,
  controller: SceneController,
  props: RefObject<PointSceneProps>,
): void {
  useEffect(() => {
    const wrapper = wrapperRef.current;
    if (!wrapper) return;
    let lasso: number[] | null = null;
    let down: { x: number; y: number; button: number } | null = null;
    let hoverAt: { x: number; y: number } | null = null;
    let hoverFrame = 0;

    const local = (e: MouseEvent) => {
      const canvas = controller.gl?.domElement;
      const rect = (canvas ?? wrapper).getBoundingClientRect();
      return { x: e.clientX - rect.left, y: e.clientY - rect.top };
    };
    const modifiers = (e: MouseEvent): ClickModifiers => ({ shift: e.shiftKey, ctrl: e.ctrlKey, alt: e.altKey, meta: e.metaKey });

    const setHover = (index: number, x: number, y: number) => {
      if (index === controller.hovered) return;
      controller.setHovered(index);
      wrapper.style.cursor = index >= 0 ? 'pointer' : '';
      props.current?.onHover?.(index >= 0 ? index : null, x, y);
    };
    const runHover = () => {
      hoverFrame = 0;
      if (!hoverAt) return;
      const hit = controller.pick(hoverAt.x, hoverAt.y);
      setHover(hit ? hit.index : -1, hoverAt.x, hoverAt.y);
    };
    const drawLasso = () => {
      const line = lassoRef.current;
      if (!line) return;
      let points = '';
      if (lasso) for (let i = 0; i < lasso.length; i += 2) points += `${lasso[i]},${lasso[i + 1]} `;
      line.setAttribute('points', points);
    };

    const onDown = (e: PointerEvent) => {
      const p = local(e);
      down = { ...p, button: e.button };
      if (e.shiftKey && e.button === 0) {
        e.stopPropagation();
        e.preventDefault();
        wrapper.setPointerCapture(e.pointerId);
        lasso = [p.x, p.y];
        setHover(-1, p.x, p.y);
        drawLasso();
      }
    };
    const onMove = (e: PointerEvent) => {
      const p = local(e);
      if (lasso) {
        e.stopPropagation();
        const n = lasso.length;
        if (Math.hypot(p.x - lasso[n - 2], p.y - lasso[n - 1]) >= LASSO_STEP_PX) {
          lasso.push(p.x, p.y);
          drawLasso();
        }
        return;
      }
      if (e.buttons !== 0) return; // orbiting or panning: hover would flicker
      hoverAt = p;
      if (!hoverFrame) hoverFrame = requestAnimationFrame(runHover);
    };
    const onUp = (e: PointerEvent) => {
      const p = local(e);
      if (lasso) {
        e.stopPropagation();
        if (wrapper.hasPointerCapture(e.pointerId)) wrapper.releasePointerCapture(e.pointerId);
        const polygon = new Float32Array(lasso);
        lasso = null;
        drawLasso();
        down = null;
        if (polygon.length >= 6) void controller.lassoAsync(polygon).then((indices) => props.current?.onLasso?.(indices, polygon));
        return;
      }
      const start = down;
      down = null;
      if (!start || start.button !== 0 || Math.hypot(p.x - start.x, p.y - start.y) > CLICK_SLOP_PX) return;
      const hit = controller.pick(p.x, p.y);
      props.current?.onClick?.(hit ? hit.index : null, modifiers(e));
    };
    const onDoubleClick = (e: MouseEvent) => {
      const p = local(e);
      const hit = controller.pick(p.x, p.y);
      if (!hit) return;
      void controller.focusPoint(hit.index, true);
      props.current?.onDoubleClick?.(hit.index);
    };
    const onLeave = () => {
      hoverAt = null;
      if (!lasso) setHover(-1, -1, -1);
    };

    const capture = { capture: true };
    wrapper.addEventListener('pointerdown', onDown, capture);
    wrapper.addEventListener('pointermove', onMove, capture);
    wrapper.addEventListener('pointerup', onUp, capture);
    wrapper.addEventListener('dblclick', onDoubleClick, capture);
    wrapper.addEventListener('pointerleave', onLeave);
    return () => {
      if (hoverFrame) cancelAnimationFrame(hoverFrame);
      wrapper.removeEventListener('pointerdown', onDown, capture);
      wrapper.removeEventListener('pointermove', onMove, capture);
      wrapper.removeEventListener('pointerup', onUp, capture);
      wrapper.removeEventListener('dblclick', onDoubleClick, capture);
      wrapper.removeEventListener('pointerleave', onLeave);
    };
  }, [wrapperRef, lassoRef, controller, props]);
}
