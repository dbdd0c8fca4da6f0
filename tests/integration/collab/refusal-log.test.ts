import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DOCUMENT_TOO_LARGE, RefusalLog, SESSION_FULL, rateLimited } from '../../../server/collab/refusals.ts';
import { CollabError } from '../../../server/collab/errors.ts';

const MINUTE = 60_000;
let lines: string[];
let log: RefusalLog;

beforeEach(() => {
  vi.useFakeTimers();
  lines = [];
  log = new RefusalLog((err, context) => lines.push(`${(err as CollabError).code}: ${context}`), MINUTE);
});

afterEach(() => {
  vi.useRealTimers();
});

describe('refusal log', () => {
  it('logs the first refusal of a storm at once, then one count per minute while it lasts', () => {
    for (let i = 0; i < 500; i++) log.record(SESSION_FULL, 's1');
    expect(lines).toEqual(['session_full: session s1: closed a connection over a limit']);
    vi.advanceTimersByTime(MINUTE);
    expect(lines[1]).toBe('session_full: session s1: closed 499 more connections over a limit (session is full) since the last report');
    // Still going: one more line a minute, not one per refusal.
    for (let i = 0; i < 300; i++) log.record(SESSION_FULL, 's1');
    expect(lines).toHaveLength(2);
    vi.advanceTimersByTime(MINUTE);
    expect(lines[2]).toContain('closed 300 more connections');
    // Over: a quiet minute ends the window without a line, and the next refusal is logged at once.
    vi.advanceTimersByTime(MINUTE);
    expect(lines).toHaveLength(3);
    log.record(SESSION_FULL, 's1');
    expect(lines[3]).toBe('session_full: session s1: closed a connection over a limit');
    // Every refusal is counted for stats(), logged or not.
    expect(log.snapshot()).toEqual({ sessionFull: 801, rateLimited: 0, documentTooLarge: 0, tooFarBehind: 0, serverOwned: 0 });
  });

  it('keeps sessions and reasons apart, and flushes pending counts on close', () => {
    log.record(SESSION_FULL, 's1');
    log.record(SESSION_FULL, 's2');
    log.record(rateLimited('too many bytes'), 's1');
    log.record(rateLimited('too many messages'), 's1');
    log.record(DOCUMENT_TOO_LARGE, 's1');
    log.record(DOCUMENT_TOO_LARGE, 's1');
    expect(lines).toEqual([
      'session_full: session s1: closed a connection over a limit',
      'session_full: session s2: closed a connection over a limit',
      'rate_limited: session s1: closed a connection over a limit',
      'rate_limited: session s1: closed a connection over a limit',
      'document_too_large: session s1: closed a connection over a limit',
    ]);
    log.flush();
    expect(lines.slice(5)).toEqual([
      'document_too_large: session s1: closed 1 more connection over a limit (document too large) since the last report',
    ]);
    vi.advanceTimersByTime(10 * MINUTE);
    expect(lines).toHaveLength(6);
  });
});
