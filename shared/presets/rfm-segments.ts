/**
 * The RFM segment map (docs/presets.md): a customer's segment is named from its recency score R
 * and frequency score F (each 1–5, 5 best), as in the widely used R×F grid. The monetary score is
 * kept beside them but names nothing: in this grid, spending follows frequency closely enough that
 * a third axis would split segments without changing what one does with them.
 * The first matching entry wins; every (R, F) pair matches exactly one entry.
 */
export const RFM_SEGMENTS = [
  { name: 'champions', r: [5, 5], f: [4, 5], says: 'bought recently, buy often' },
  { name: 'loyal', r: [3, 4], f: [4, 5], says: 'buy often, fairly recently' },
  { name: 'potential loyalists', r: [4, 5], f: [2, 3], says: 'recent, a few purchases' },
  { name: 'new', r: [5, 5], f: [1, 1], says: 'first purchase very recently' },
  { name: 'promising', r: [4, 4], f: [1, 1], says: 'recent, one purchase' },
  { name: 'need attention', r: [3, 3], f: [3, 3], says: 'average recency and frequency' },
  { name: 'about to sleep', r: [3, 3], f: [1, 2], says: 'fading, few purchases' },
  { name: "can't lose", r: [1, 2], f: [5, 5], says: 'used to buy most often, long ago' },
  { name: 'at risk', r: [1, 2], f: [3, 4], says: 'bought often, long ago' },
  { name: 'hibernating', r: [1, 2], f: [1, 2], says: 'few purchases, long ago' },
] as const satisfies readonly { name: string; r: readonly [number, number]; f: readonly [number, number]; says: string }[];

export type RfmSegmentName = (typeof RFM_SEGMENTS)[number]['name'];

/** The segment of scores R and F (integers 1–5). */
export function rfmSegment(r: number, f: number): RfmSegmentName {
  for (const s of RFM_SEGMENTS) if (r >= s.r[0] && r <= s.r[1] && f >= s.f[0] && f <= s.f[1]) return s.name;
  throw new RangeError(`RFM scores must be integers 1–5, got R=${r}, F=${f}`);
}

/** Column names of the customer table the preset derives (one row per customer). */
export const RFM_COLUMNS = {
  recency: 'recency (days)',
  frequency: 'frequency',
  monetary: 'monetary',
  r: 'R',
  f: 'F',
  m: 'M',
  segment: 'segment',
} as const;

/** What the preset's analysis clusters: the three scores (k-means, the usual k chosen by the pipeline). */
export const RFM_FEATURES = [RFM_COLUMNS.r, RFM_COLUMNS.f, RFM_COLUMNS.m];

/** The analysis the start page runs on a customer table: the scores as features, defaults otherwise. */
export const RFM_ANALYSIS = { features: RFM_FEATURES } as const;
