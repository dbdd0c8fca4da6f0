import { describe, expect, it } from 'vitest';
import { pageSlice } from '../../../client/xr/panel-pager.tsx';

describe('pageSlice (the VR panel’s paged lists)', () => {
  const levels = ['Adelie', 'Chinstrap', 'Gentoo', 'Emperor', 'King', 'Rockhopper', 'Macaroni', 'Humboldt', 'Magellanic', 'Galapagos'];

  it('cuts a list into pages of the given size, the last one short', () => {
    expect(pageSlice(levels, 0, 8)).toEqual({ shown: levels.slice(0, 8), at: 0, pages: 2 });
    expect(pageSlice(levels, 1, 8)).toEqual({ shown: ['Magellanic', 'Galapagos'], at: 1, pages: 2 });
  });

  it('stays on the last page there is when the list shrinks under the page shown', () => {
    expect(pageSlice(levels.slice(0, 3), 1, 8)).toEqual({ shown: levels.slice(0, 3), at: 0, pages: 1 });
  });

  it('has one empty page for an empty list', () => {
    expect(pageSlice([], 3, 2)).toEqual({ shown: [], at: 0, pages: 1 });
  });
});
