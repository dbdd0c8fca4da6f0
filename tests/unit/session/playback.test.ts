import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  initSessionDoc,
  NO_PLAYBACK,
  onSessionChange,
  playbackMoment,
  playbackRate,
  PLAY_THROUGH_MS,
  readPlayback,
  SessionDocError,
  writePlayback,
  type SessionPart,
} from '../../../shared/session/index.ts';

function newSession(): Y.Doc {
  const doc = new Y.Doc();
  initSessionDoc(doc, { datasetId: 'seattle01', analysisId: 'analysis01', title: 'Seattle', createdAt: 1000 });
  return doc;
}

const DAY = 86_400_000;
const START = Date.UTC(2012, 0, 1);
const END = Date.UTC(2015, 11, 31);

describe('playback (the shared timeline)', () => {
  it('reads as off until a column is chosen, and round-trips every field in one transaction', () => {
    const doc = newSession();
    expect(readPlayback(doc)).toEqual(NO_PLAYBACK);
    const parts: SessionPart[][] = [];
    onSessionChange(doc, (changed) => parts.push([...changed]));
    writePlayback(doc, { column: 'date', position: START, playing: true, anchorMs: 5000, speed: 2, window: 30 * DAY }, 'Ada', 'test');
    expect(parts).toEqual([['playback']]);
    expect(readPlayback(doc)).toMatchObject({ column: 'date', playing: true, position: START, anchorMs: 5000, speed: 2, window: 30 * DAY, author: 'Ada' });
    writePlayback(doc, { column: null }, 'Ada');
    expect(readPlayback(doc).column).toBeNull();
  });

  it('gives every client the same moment from the anchor, without writes while it plays', () => {
    const a = newSession();
    const b = new Y.Doc();
    a.on('update', (u: Uint8Array) => Y.applyUpdate(b, u));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const rate = playbackRate(START, END);
    writePlayback(a, { column: 'date', position: START, playing: true, anchorMs: 10_000, speed: 4, window: null }, 'Ada');
    let updates = 0;
    b.on('update', () => updates++);
    const at = (doc: Y.Doc, now: number) => playbackMoment(readPlayback(doc), now, rate, END);
    for (const now of [10_000, 12_500, 20_000]) expect(at(b, now)).toBe(at(a, now));
    expect(updates).toBe(0);
    // 4× for a quarter of the play-through time covers the whole range; it stops at the end.
    expect(at(a, 10_000 + PLAY_THROUGH_MS / 4)).toBeCloseTo(END, -3);
    expect(at(a, 10_000 + PLAY_THROUGH_MS)).toBe(END);
    // A clock behind the anchor never shows a moment before the position.
    expect(at(a, 0)).toBe(START);
    writePlayback(a, { playing: false, position: START + 100 * DAY }, 'Ada');
    expect(at(b, 99_999)).toBe(START + 100 * DAY);
  });

  it('reads hostile values as defaults and refuses to write what it would not read', () => {
    const doc = newSession();
    doc.transact(() => {
      const map = doc.getMap('playback');
      map.set('column', 'date');
      map.set('position', 'yesterday');
      map.set('speed', 1e9);
      map.set('window', -5);
      map.set('anchorMs', Number.NaN);
      map.set('playing', 'yes');
      map.set('author', 'x'.repeat(1000));
    });
    expect(readPlayback(doc)).toMatchObject({ column: 'date', playing: false, position: 0, anchorMs: 0, speed: 1, window: null, author: '' });
    doc.getMap('playback').set('column', '');
    expect(readPlayback(doc)).toEqual(NO_PLAYBACK);
    expect(() => writePlayback(doc, { speed: 100 }, 'Ada')).toThrow(SessionDocError);
    expect(() => writePlayback(doc, { window: 0 }, 'Ada')).toThrow(/window/);
    expect(() => writePlayback(doc, { position: Number.POSITIVE_INFINITY }, 'Ada')).toThrow(/position/);
    expect(() => writePlayback(doc, { column: 'c'.repeat(300) }, 'Ada')).toThrow(/column/);
  });
});
