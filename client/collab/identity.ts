import { PARTICIPANT_COLORS } from './presence.ts';

/**
 * Who this browser is in sessions: a display name and colour kept in localStorage so a
 * participant keeps them across reloads. Names are friendly until the user types their own.
 */
export interface Identity {
  name: string;
  color: string;
}

const KEY = 'data-mirage.identity';
const ADJECTIVES = ['Amber', 'Brisk', 'Calm', 'Deft', 'Eager', 'Fleet', 'Gentle', 'Keen', 'Lucid', 'Nimble', 'Quiet', 'Sunny', 'Vivid', 'Witty'];
const ANIMALS = ['Otter', 'Heron', 'Lynx', 'Puffin', 'Gecko', 'Ibis', 'Marten', 'Narwhal', 'Osprey', 'Panda', 'Quokka', 'Wren', 'Yak', 'Zebra'];

function pick<T>(list: readonly T[]): T {
  return list[Math.floor(Math.random() * list.length)];
}

export function loadIdentity(): Identity {
  try {
    const stored = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Partial<Identity> | null;
    if (stored && typeof stored.name === 'string' && stored.name.trim() && typeof stored.color === 'string' && /^#[0-9a-f]{6}$/i.test(stored.color)) {
      return { name: stored.name.slice(0, 64), color: stored.color };
    }
  } catch {
    // Private mode or a damaged entry: make a new identity.
  }
  const identity = { name: `${pick(ADJECTIVES)} ${pick(ANIMALS)}`, color: pick(PARTICIPANT_COLORS) };
  saveIdentity(identity);
  return identity;
}

export function saveIdentity(identity: Identity): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(identity));
  } catch {
    // Storage unavailable: the identity lasts for this page only.
  }
}
