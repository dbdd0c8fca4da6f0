import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { XR_PROFILE_IDS, shippedProfilesList, xrBaseAssetPath, type ProfilesList } from '../../../shared/xr-assets.ts';

const require = createRequire(import.meta.url);
const full = JSON.parse(readFileSync(require.resolve('@webxr-input-profiles/assets/dist/profiles/profilesList.json'), 'utf8')) as ProfilesList;

describe('shipped XR input profiles', () => {
  it('lists only the profiles we serve, so other controllers fall back to generic-trigger instead of a missing file', () => {
    expect(Object.keys(full).length).toBeGreaterThan(30);
    const list = shippedProfilesList(full);
    expect(Object.keys(list)).toEqual([...XR_PROFILE_IDS]);
    expect(list['meta-quest-touch-plus']).toEqual(full['meta-quest-touch-plus']);
    expect(list['oculus-touch-v3']).toBeUndefined();
    expect(() => shippedProfilesList(full, ['no-such-controller'])).toThrow(/lists no profile "no-such-controller"/);
  });

  it('baseAssetPath is absolute on the page origin and ends in a slash', () => {
    expect(xrBaseAssetPath('https://192.168.1.20:8443')).toBe('https://192.168.1.20:8443/xr-assets/profiles/');
  });
});
