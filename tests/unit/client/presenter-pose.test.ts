import { describe, expect, it } from 'vitest';
import { initialAwarenessState, NO_PRESENTER, type Pose } from '../../../shared/session/index.ts';
import { poseKey, presenterPose } from '../../../client/session/presenter-pose.ts';
import type { Peer } from '../../../client/collab/presence.ts';

const stored: Pose = { position: [0, 0, 5], target: [0, 0, 0] };
const live: Pose = { position: [1, 2, 3], target: [0.5, 0, 0] };
const peer = (clientId: number, camera: Pose | null): Peer => ({ clientId, state: { ...initialAwarenessState('P', '#123456', 'desktop'), camera } });

describe('the pose followers track', () => {
  it("is the presenter's live camera when they are here, else the stored pose, else nothing", () => {
    const presenter = { clientId: 7, name: 'Ada', pose: stored, updatedAt: 1 };
    expect(presenterPose(presenter, [peer(3, stored), peer(7, live)])).toEqual(live);
    // Here but without a camera (e.g. in a headset: head pose only): the stored pose.
    expect(presenterPose(presenter, [peer(7, null)])).toEqual(stored);
    expect(presenterPose(presenter, [peer(3, live)])).toEqual(stored);
    expect(presenterPose(NO_PRESENTER, [peer(7, live)])).toBeNull();
  });

  it('keys a pose by its numbers, so a re-read of the same pose does not count as a move', () => {
    expect(poseKey({ position: [1, 2, 3], target: [0.5, 0, 0] })).toBe(poseKey(structuredClone(live)));
    expect(poseKey(live)).not.toBe(poseKey(stored));
    expect(poseKey(null)).toBe('');
  });
});
