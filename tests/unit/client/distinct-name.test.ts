import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { distinctColor, distinctName, PARTICIPANT_COLORS, Presence, type Peer } from '../../../client/collab/presence.ts';
import { initialAwarenessState } from '../../../shared/session/index.ts';

function peer(clientId: number, name: string): Peer {
  return { clientId, state: initialAwarenessState(name, '#4269d0', 'desktop') };
}

/** Relays every awareness change of each tab to all the others, like the server does. */
function link(tabs: Awareness[]): void {
  for (const from of tabs) {
    from.on('update', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
      if (origin === 'relay') return;
      const update = encodeAwarenessUpdate(from, [...added, ...updated, ...removed]);
      for (const to of tabs) if (to !== from) applyAwarenessUpdate(to, update, 'relay');
    });
  }
}

describe('distinct display names', () => {
  it('the earliest client keeps the name, later ones count up, whatever suffixes they already show', () => {
    const peers = [peer(5, 'Nimble Heron'), peer(9, 'Nimble Heron 2'), peer(7, 'Calm Otter')];
    expect(distinctName('Nimble Heron', 3, peers)).toBe('Nimble Heron');
    expect(distinctName('Nimble Heron', 6, peers)).toBe('Nimble Heron 2');
    expect(distinctName('Nimble Heron', 12, peers)).toBe('Nimble Heron 3');
    expect(distinctName('Calm Otter', 3, peers)).toBe('Calm Otter');
    // Names with regex characters are matched literally.
    expect(distinctName('A.B (x)', 9, [peer(2, 'AxB (x) 3')])).toBe('A.B (x)');
    expect(distinctName('A.B (x)', 9, [peer(2, 'A.B (x) 3')])).toBe('A.B (x) 2');
    // Someone earlier chose "Nimble Heron 2" as their own name: we step past it.
    expect(distinctName('Nimble Heron', 8, [peer(1, 'Nimble Heron 2'), peer(2, 'Nimble Heron')])).toBe('Nimble Heron 3');
  });

  it('three tabs with one stored identity settle on three names, and a leaver frees its name', () => {
    const tabs = [new Awareness(new Y.Doc()), new Awareness(new Y.Doc()), new Awareness(new Y.Doc())];
    link(tabs);
    const presences = tabs.map((a) => new Presence(a, 'Nimble Heron', '#4269d0'));
    const names = () => presences.map((p) => p.name);
    const byId = [...presences].sort((a, b) => a.awareness.clientID - b.awareness.clientID);
    expect(new Set(names()).size).toBe(3);
    expect(byId.map((p) => p.name)).toEqual(['Nimble Heron', 'Nimble Heron 2', 'Nimble Heron 3']);
    // What each tab shows of the others agrees with what they show of themselves.
    for (const a of tabs) for (const [id, s] of a.getStates()) expect(s.name).toBe(presences.find((p) => p.awareness.clientID === id)?.name);

    byId[0].dispose();
    byId[0].awareness.setLocalState(null);
    expect(byId.slice(1).map((p) => p.name)).toEqual(['Nimble Heron', 'Nimble Heron 2']);

    byId[2].rename('Calm Otter');
    expect(byId[2].name).toBe('Calm Otter');
    expect(byId[1].name).toBe('Nimble Heron');
    for (const p of presences) p.dispose();
  });
});

describe('distinct participant colours', () => {
  const coloured = (clientId: number, color: string): Peer => ({ clientId, state: initialAwarenessState(`P${clientId}`, color, 'desktop') });
  const palette = ['#111111', '#222222', '#333333'];

  it('the earlier participant keeps a colour; a later one takes the next free one', () => {
    expect(distinctColor('#111111', 2, [coloured(1, '#111111')], palette)).toBe('#222222');
    expect(distinctColor('#111111', 1, [coloured(2, '#111111')], palette)).toBe('#111111');
    expect(distinctColor('#111111', 3, [coloured(1, '#111111'), coloured(2, '#222222')], palette)).toBe('#333333');
    // Every colour shown by someone earlier: keep our own rather than loop.
    expect(distinctColor('#111111', 9, palette.map((c, i) => coloured(i, c)), palette)).toBe('#111111');
  });

  it('five tabs that stored one colour show five colours', () => {
    const tabs = Array.from({ length: 5 }, () => new Awareness(new Y.Doc()));
    link(tabs);
    const presences = tabs.map((a) => new Presence(a, 'Same Name', PARTICIPANT_COLORS[0]));
    expect(new Set(presences.map((p) => p.color)).size).toBe(5);
    for (const a of tabs) for (const [id, s] of a.getStates()) expect(s.color).toBe(presences.find((p) => p.awareness.clientID === id)?.color);
    for (const p of presences) p.dispose();
  });
});
