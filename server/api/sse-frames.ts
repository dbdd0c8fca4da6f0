import type { AnalysisEvent } from '../../shared/api-types.ts';

/** One server-sent event as it goes on the wire. */
export interface SseFrame {
  bytes: Uint8Array;
  /**
   * An intermediate layout: a subscriber still busy with an older frame may skip it for a newer
   * one. Progress and the final event are never skipped.
   */
  skippable: boolean;
}

const encoder = new TextEncoder();
const frames = new WeakMap<AnalysisEvent, SseFrame>();

/**
 * The wire form of an event, made once however many subscribers send it: the job queue hands
 * the same event object to every listener, so a layout of 1M points is stringified and encoded
 * once, not once per open stream (200 streams re-encoding each layout sent 3.2 GB in 35 s).
 * JSON.stringify escapes line breaks, so the data is always one `data:` line.
 */
export function sseFrame(event: AnalysisEvent): SseFrame {
  let frame = frames.get(event);
  if (!frame) {
    frame = { bytes: encoder.encode(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`), skippable: event.type === 'layout' };
    frames.set(event, frame);
  }
  return frame;
}

/** Keeps idle connections (and proxies in between) from timing out. */
export const PING_FRAME: SseFrame = { bytes: encoder.encode('event: ping\ndata: {}\n\n'), skippable: true };
