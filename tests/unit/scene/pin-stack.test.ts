import { describe, expect, it } from 'vitest';
import { stackIndices } from '../../../client/scene/pin-stack.ts';

describe('notes pinned on one point', () => {
  it('stack upwards in the order they were written; notes elsewhere stay at the bottom', () => {
    const at = (x: number, id: string) => ({ id, position: [x, 0.5, -1] as [number, number, number], text: id });
    expect(stackIndices([at(1, 'a'), at(2, 'b'), at(1, 'c'), at(1, 'd'), at(2, 'e')])).toEqual([0, 0, 1, 2, 1]);
    expect(stackIndices([])).toEqual([]);
  });
});
