import { describe, expect, it } from 'vitest';
import { followStatus, isRoamDrag, ROAM_DRAG_PX, sceneHint } from '../../../client/session/follow-state.ts';
import type { Presenter } from '../../../shared/session/index.ts';

const presenter = (clientId: number | null, name: string | null = 'Alice'): Presenter => ({ clientId, name, pose: null, updatedAt: 0 });

describe('follow status', () => {
  it('names the presenter we follow, or offers to follow them while we roam', () => {
    expect(followStatus(presenter(7), 1, [7, 9], true)).toEqual({ kind: 'following', name: 'Alice' });
    expect(followStatus(presenter(7), 1, [7, 9], false)).toEqual({ kind: 'roaming', name: 'Alice' });
    expect(followStatus(presenter(7, null), 1, [7], true)).toEqual({ kind: 'following', name: 'presenter' });
  });

  it('says nothing when nobody presents, the presenter left, or we present', () => {
    expect(followStatus(presenter(null), 1, [7], true)).toEqual({ kind: 'none' });
    expect(followStatus(presenter(7), 1, [9], true)).toEqual({ kind: 'none' });
    expect(followStatus(presenter(1), 1, [7], true)).toEqual({ kind: 'presenting' });
  });
});

describe('roaming drag', () => {
  it('counts a pressed pointer that travelled past the slop, not a click or a hover', () => {
    const down = { x: 100, y: 100 };
    expect(isRoamDrag(down, 100 + ROAM_DRAG_PX + 1, 100, 1)).toBe(true);
    expect(isRoamDrag(down, 100, 100 - ROAM_DRAG_PX - 1, 2)).toBe(true);
    expect(isRoamDrag(down, 101, 101, 1)).toBe(false);
    expect(isRoamDrag(down, 200, 200, 0)).toBe(false);
    expect(isRoamDrag(null, 200, 200, 1)).toBe(false);
  });
});

describe('scene hint', () => {
  it('offers the lasso to editors only; a viewer hears what a view link can do', () => {
    expect(sceneHint(true)).toContain('lasso');
    const viewer = sceneHint(false);
    expect(viewer).not.toContain('lasso');
    for (const word of ['look', 'hover', 'search', 'follow']) expect(viewer).toContain(word);
  });
});
