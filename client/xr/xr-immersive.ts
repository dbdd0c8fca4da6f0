/**
 * What the immersive shell loads only on pages that can enter XR (@react-three/xr and the scene
 * around it, about half a megabyte): xr-entry.tsx imports this dynamically once the browser says
 * a headset is there, so desktop pages never download it.
 */
export { createMirageXrStore } from './xr-store.ts';
export { XrScene } from './xr-scene.tsx';
