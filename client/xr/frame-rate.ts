/**
 * The headset refresh rate we ask for. @react-three/xr's default ('high') takes the highest the
 * headset offers, 120 Hz on a Quest 3: 8.3 ms per frame for two eyes of up to a million points
 * is more than the mobile GPU gives, and a missed frame there is judder. 72 Hz (13.9 ms) is the
 * Quest's own default and what Meta budgets content for; 90 Hz where 72 is not offered (PC
 * headsets). Anything else: leave the headset's rate alone.
 */
export const PREFERRED_FRAME_RATES = [72, 90] as const;

export function chooseFrameRate(supported: ArrayLike<number>): number | false {
  const offered = Array.from(supported);
  for (const rate of PREFERRED_FRAME_RATES) {
    // Headsets report rates like 72.00000762939453: match within a hertz.
    const match = offered.find((r) => Math.abs(r - rate) < 1);
    if (match !== undefined) return match;
  }
  return false;
}
