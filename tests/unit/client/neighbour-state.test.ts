import { describe, expect, it } from 'vitest';
import { neighbourKey, neighbourView, type NeighbourState } from '../../../client/session/use-neighbours.ts';

describe('neighbour answers across a re-bind', () => {
  const answer = { point: 7, neighbors: [{ point: 3, distance: 0.5 }] };
  const held: NeighbourState = { key: neighbourKey('old', 7), data: answer, error: null };

  it('shows the answer held for the same point of the same analysis', () => {
    expect(neighbourView(held, 'old', 7)).toEqual({ data: answer, error: null, loading: false });
  });

  it("treats the same point index of another analysis as loading, never the old analysis's neighbours", () => {
    expect(neighbourView(held, 'new', 7)).toEqual({ data: null, error: null, loading: true });
  });

  it('treats another point as loading and no focus as nothing', () => {
    expect(neighbourView(held, 'old', 8).loading).toBe(true);
    expect(neighbourView(held, 'old', null)).toEqual({ data: null, error: null, loading: false });
  });

  it('keys never collide between analyses whose ids end in digits', () => {
    expect(neighbourKey('a1', 23)).not.toBe(neighbourKey('a12', 3));
  });
});
