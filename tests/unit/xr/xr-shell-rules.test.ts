import { describe, expect, it } from 'vitest';
import { CLOUD_BOTTOM_M, CLOUD_DISTANCE_M, CLOUD_SIZE_M, placeCloud } from '../../../client/xr/cloud-placement.ts';
import { chooseFrameRate } from '../../../client/xr/frame-rate.ts';
import { shouldSendPose } from '../../../client/xr/pose-throttle.ts';
import { httpsAddress, xrOffer, xrOfferReason } from '../../../client/xr/xr-support.ts';
import { robustBox } from '../../../shared/scene/robust-box.ts';

describe('frame rate', () => {
  it('asks for 72 Hz where offered, never the 120 Hz the library would take', () => {
    expect(chooseFrameRate([72, 80, 90, 120])).toBe(72);
    expect(chooseFrameRate(Float32Array.of(72.00000762939453, 90, 120))).toBeCloseTo(72, 3);
  });
  it('falls back to 90 Hz, and leaves other headsets at their own rate', () => {
    expect(chooseFrameRate([90, 120, 144])).toBe(90);
    expect(chooseFrameRate([60])).toBe(false);
    expect(chooseFrameRate([])).toBe(false);
  });
});

describe('cloud placement', () => {
  // A cloud in its own units: x 10..30, y −5..5, z 100..104 (the bulk of 1000 points).
  const n = 1000;
  const p = new Float32Array(n * 3);
  for (let i = 0; i < n; i++) {
    const t = i / (n - 1);
    p.set([10 + 20 * t, -5 + 10 * ((i * 7) % n) / (n - 1), 100 + 4 * ((i * 13) % n) / (n - 1)], i * 3);
  }
  const box = robustBox(p, n);
  const place = placeCloud(box);
  const world = (x: number, y: number, z: number) => [x * place.scale + place.position[0], y * place.scale + place.position[1], z * place.scale + place.position[2]];

  it('scales the bulk to arm-span size and stands it 1.5 m in front, resting at table height', () => {
    expect((box.max[0] - box.min[0]) * place.scale).toBeCloseTo(CLOUD_SIZE_M, 6);
    const [cx, , cz] = world(...box.center);
    expect(cx).toBeCloseTo(0, 6);
    expect(cz).toBeCloseTo(-CLOUD_DISTANCE_M, 6);
    expect(world(0, box.min[1], 0)[1]).toBeCloseTo(CLOUD_BOTTOM_M, 6);
    // The whole bulk stays above the floor and in front of the user.
    expect(world(0, box.min[1], 0)[1]).toBeGreaterThan(0);
    expect(world(0, 0, box.max[2])[2]).toBeLessThan(0);
  });
});

describe('pose throttle', () => {
  it('sends at most every 50 ms, and only after a move or a turn', () => {
    expect(shouldSendPose(49, 1, 1)).toBe(false);
    expect(shouldSendPose(50, 0.01, 0)).toBe(true);
    expect(shouldSendPose(50, 0, 0.02)).toBe(true);
    expect(shouldSendPose(5000, 0.001, 0.001)).toBe(false);
  });
});

describe('the way into VR', () => {
  it('offers Enter VR and Enter AR as the browser supports them', () => {
    expect(xrOffer({ secure: true, hasXr: true, vr: true, ar: false, httpsOrigin: null })).toEqual({ kind: 'enter', modes: ['immersive-vr'] });
    expect(xrOffer({ secure: true, hasXr: true, vr: true, ar: true, httpsOrigin: null })).toEqual({ kind: 'enter', modes: ['immersive-vr', 'immersive-ar'] });
    expect(xrOffer({ secure: true, hasXr: true, vr: null, ar: null, httpsOrigin: null }).kind).toBe('checking');
  });
  it('says why there is no button: no headset, or an insecure page with the https address to open', () => {
    const none = xrOffer({ secure: true, hasXr: true, vr: false, ar: false, httpsOrigin: null });
    expect(xrOfferReason(none)).toMatch(/No VR headset/);
    expect(xrOfferReason(xrOffer({ secure: true, hasXr: false, vr: null, ar: null, httpsOrigin: null }))).toMatch(/No VR headset/);
    const at = httpsAddress('http://192.168.1.20:8080/s/abc?token=t1', 8443);
    expect(at).toBe('https://192.168.1.20:8443/s/abc?token=t1');
    expect(xrOfferReason(xrOffer({ secure: false, hasXr: false, vr: null, ar: null, httpsOrigin: at }))).toBe(`VR needs a secure page: open ${at} in the headset's browser.`);
    expect(xrOfferReason(xrOffer({ secure: false, hasXr: false, vr: null, ar: null, httpsOrigin: null }))).toMatch(/HTTPS_PORT/);
    expect(httpsAddress('http://h:8080/s/a', null)).toBeNull();
  });
});
