/**
 * Most points the headset draws per frame: 250 000. Why this number (not measured on a headset
 * yet; our benches run on software GL): at the 72 Hz we ask for (frame-rate.ts) a frame has
 * 13.9 ms, and each point is drawn twice (one pass per eye, no multiview), as a sphere impostor
 * that writes its own depth (no early depth rejection), so fill rate rather than vertex count
 * is the cost on a Quest-class mobile GPU. 250k points × 2 eyes × 72 Hz is 36 M point sprites a
 * second, about a tenth of what that class of GPU transforms, leaving the rest for their
 * fragments, the grid, the controllers and the compositor. Desktop draws up to a million with
 * no budget at rest; a headset that drops frames makes people ill, so the budget is fixed
 * rather than adaptive (an adaptive one would make the cloud flicker as it adjusts).
 *
 * Which points: the first 250k of the scene's seeded shuffled order (motion-budget.ts), the same
 * subset every frame and every session, so the cloud keeps its shape and density pattern, just
 * sparser, and nothing shimmers as the head moves. Points outside it are not drawn and not
 * picked by the ray (nothing is hovered that is not seen); the volume sweep still selects them,
 * since it selects a region, not what is drawn.
 */
export const VR_POINT_BUDGET = 250_000;
