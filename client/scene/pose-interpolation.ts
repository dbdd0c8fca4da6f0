/**
 * Receiver-side smoothing of other participants' poses. Poses arrive at most 20 times a second
 * (and only when they changed), at uneven intervals; drawing each as it lands makes avatars jump.
 * Each avatar keeps the last few poses with their arrival time and is drawn INTERPOLATION_DELAY_MS
 * in the past, between the two poses around that moment (the snapshot interpolation of game
 * netcode): two 50 ms updates fit in the buffer, so one late packet still has a pose to move to.
 * Before the first pose an avatar holds it; past the last it holds the last (no guessing ahead).
 * Pure: numbers in, numbers out; sample() writes into the caller's pose so a frame loop allocates nothing.
 */
export const INTERPOLATION_DELAY_MS = 100;
/** Poses kept per avatar: 100 ms at 20 Hz is 2, the rest covers bursts. */
const MAX_SAMPLES = 8;

export type V3 = [number, number, number];
export type Q4 = [number, number, number, number];

export interface HandPose {
  position: V3;
  quaternion: Q4;
}

/** A ray's origin and its direction scaled to its drawn length. */
export interface RayPose {
  origin: V3;
  direction: V3;
}

export interface AvatarPose {
  position: V3;
  /** Where the head looks (any length). */
  direction: V3;
  hands: HandPose[];
  rays: RayPose[];
}

export function emptyPose(): AvatarPose {
  return { position: [0, 0, 0], direction: [0, 0, -1], hands: [], rays: [] };
}

interface Sample {
  t: number;
  pose: AvatarPose;
}

export class PoseBuffer {
  private readonly samples: Sample[] = [];

  constructor(private readonly delayMs: number = INTERPOLATION_DELAY_MS) {}

  get size(): number {
    return this.samples.length;
  }

  /** A pose that arrived at time `t` (ms, the receiver's clock). Out-of-order times replace the last. */
  push(t: number, pose: AvatarPose): void {
    const s = this.samples;
    while (s.length > 0 && s[s.length - 1].t >= t) s.pop();
    s.push({ t, pose });
    if (s.length > MAX_SAMPLES) s.splice(0, s.length - MAX_SAMPLES);
  }

  /** True once the drawn pose has reached the newest one (nothing left to animate at `now`). */
  settled(now: number): boolean {
    const s = this.samples;
    return s.length === 0 || now - this.delayMs >= s[s.length - 1].t;
  }

  /**
   * The pose to draw at time `now`: the buffered poses interpolated at now − delay, written into
   * `out`. Returns false (out untouched) while nothing has arrived. Drops poses no longer needed.
   */
  sample(now: number, out: AvatarPose): boolean {
    const s = this.samples;
    if (s.length === 0) return false;
    const t = now - this.delayMs;
    // Keep one pose at or before t: it is the start of the span being drawn.
    while (s.length > 1 && s[1].t <= t) s.shift();
    const a = s[0];
    if (t <= a.t || s.length === 1) {
      copyPose(a.pose, out);
      return true;
    }
    const b = s[1];
    lerpPose(a.pose, b.pose, (t - a.t) / (b.t - a.t), out);
    return true;
  }
}

/**
 * `a` → `b` at fraction u into `out`. Hands and rays present in both are interpolated; a hand or
 * ray that appears or disappears (a controller picked up or put down) takes b's at once.
 */
export function lerpPose(a: AvatarPose, b: AvatarPose, u: number, out: AvatarPose): void {
  lerp3(a.position, b.position, u, out.position);
  lerp3(a.direction, b.direction, u, out.direction);
  resize(out.hands, b.hands.length, () => ({ position: [0, 0, 0], quaternion: [0, 0, 0, 1] }));
  for (let k = 0; k < b.hands.length; k++) {
    const from = k < a.hands.length ? a.hands[k] : b.hands[k];
    lerp3(from.position, b.hands[k].position, u, out.hands[k].position);
    nlerp(from.quaternion, b.hands[k].quaternion, u, out.hands[k].quaternion);
  }
  resize(out.rays, b.rays.length, () => ({ origin: [0, 0, 0], direction: [0, 0, -1] }));
  for (let k = 0; k < b.rays.length; k++) {
    const from = k < a.rays.length ? a.rays[k] : b.rays[k];
    lerp3(from.origin, b.rays[k].origin, u, out.rays[k].origin);
    lerp3(from.direction, b.rays[k].direction, u, out.rays[k].direction);
  }
}

export function copyPose(p: AvatarPose, out: AvatarPose): void {
  lerpPose(p, p, 0, out);
}

function lerp3(a: readonly number[], b: readonly number[], u: number, out: number[]): void {
  out[0] = a[0] + (b[0] - a[0]) * u;
  out[1] = a[1] + (b[1] - a[1]) * u;
  out[2] = a[2] + (b[2] - a[2]) * u;
}

/** Normalised lerp along the shorter arc: at 50 ms apart the angles are small, so it matches slerp closely. */
function nlerp(a: readonly number[], b: readonly number[], u: number, out: number[]): void {
  const sign = a[0] * b[0] + a[1] * b[1] + a[2] * b[2] + a[3] * b[3] < 0 ? -1 : 1;
  let len = 0;
  for (let i = 0; i < 4; i++) {
    out[i] = a[i] + (sign * b[i] - a[i]) * u;
    len += out[i] * out[i];
  }
  len = Math.sqrt(len) || 1;
  for (let i = 0; i < 4; i++) out[i] /= len;
}

/** Grows (allocating only then) or shrinks a list of reusable objects to `n`. */
function resize<T>(list: T[], n: number, make: () => T): void {
  while (list.length < n) list.push(make());
  list.length = n;
}
