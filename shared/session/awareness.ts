import { z } from 'zod';
import { LIMITS } from './limits.ts';
import { colorSchema, rowIndexSchema, quatSchema, vec3Schema } from './schema.ts';
import type { Quat, Vec3 } from './types.ts';

/**
 * Presence of one participant, carried by Yjs awareness (not the document). Awareness is
 * unauthenticated client data: the server and every client read it through
 * sanitizeAwarenessState, and the server overwrites `role` with the role the token gave.
 */
export type Role = 'editor' | 'viewer';
export type Device = 'vr' | 'desktop';

export interface Ray {
  origin: Vec3;
  direction: Vec3;
}

/** A hand or controller (its grip) of a headset user, in the cloud's units like the head. */
export interface Hand {
  position: Vec3;
  quaternion: Quat;
}

export interface AwarenessState {
  name: string;
  color: string;
  /** Display only: set by the server from the connection's token, never trusted from a client. */
  role: Role;
  device: Device;
  head: { position: Vec3; quaternion: Quat } | null;
  /** Hands or controllers, at most LIMITS.awarenessHands. */
  hands: Hand[];
  /**
   * Pointer or controller rays, at most LIMITS.awarenessRays; `direction`'s length is how far the
   * ray reaches (to the point it hits, or a fixed reach when it hits nothing).
   */
  rays: Ray[];
  /** Dataset row the participant hovers, or null. */
  hovered: number | null;
  camera: { position: Vec3; target: Vec3 } | null;
}

const raySchema = z.object({ origin: vec3Schema, direction: vec3Schema });
const handSchema = z.object({ position: vec3Schema, quaternion: quatSchema });

// Each field falls back on its own, so one bad field does not hide a participant.
const stateSchema = z.object({
  name: z.string().trim().min(1).max(LIMITS.nameLength).catch('Anonymous'),
  color: colorSchema.catch('#888888'),
  role: z.enum(['editor', 'viewer']).catch('viewer'),
  device: z.enum(['vr', 'desktop']).catch('desktop'),
  head: z.object({ position: vec3Schema, quaternion: quatSchema }).nullable().catch(null),
  hands: z.array(handSchema).max(LIMITS.awarenessHands).catch([]),
  rays: z.array(raySchema).max(LIMITS.awarenessRays).catch([]),
  hovered: rowIndexSchema.nullable().catch(null),
  camera: z.object({ position: vec3Schema, target: vec3Schema }).nullable().catch(null),
});

/** Size in bytes of a state as JSON, the way awareness sends it. */
export function awarenessStateBytes(state: unknown): number {
  return new TextEncoder().encode(JSON.stringify(state) ?? '').length;
}

/**
 * A clean AwarenessState from anything, or null when it is not an object or is over the size
 * bound (then the participant's update is ignored, not truncated).
 */
export function sanitizeAwarenessState(value: unknown, maxBytes: number = LIMITS.awarenessBytes): AwarenessState | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  if (awarenessStateBytes(value) > maxBytes) return null;
  const parsed = stateSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** The state a participant publishes on joining (role is filled in by the server). */
export function initialAwarenessState(name: string, color: string, device: Device): AwarenessState {
  return { name, color, role: 'viewer', device, head: null, hands: [], rays: [], hovered: null, camera: null };
}
