/**
 * Which of a session's input sources does what. A Quest gives either two controllers or two
 * tracked hands (an XRInputSource with `hand`; some runtimes give hands a small gamepad whose
 * only button is the pinch, IWER does): the thumbstick and button gestures are controllers'
 * only, the pointing ray is either's. Plain loops: these run in the frame loop.
 */

/** xr-standard squeeze (grip) button. */
export const SQUEEZE = 1;

/** The tracked controller (not a hand) of one side with a gamepad, if the session has one. */
export function controllerOf(session: XRSession, side: XRHandedness): XRInputSource | null {
  const sources = session.inputSources;
  for (let k = 0; k < sources.length; k++) {
    const s = sources[k];
    if (s.handedness === side && s.targetRayMode === 'tracked-pointer' && s.gamepad && !s.hand) return s;
  }
  return null;
}

/** The tracked hand of one side, if the session has one. */
export function handOf(session: XRSession, side: XRHandedness): XRInputSource | null {
  const sources = session.inputSources;
  for (let k = 0; k < sources.length; k++) {
    const s = sources[k];
    if (s.handedness === side && s.hand) return s;
  }
  return null;
}

/** What points for one side: its controller's ray, or its hand's pinch ray (the target-ray space of both). */
export function pointerOf(session: XRSession, side: XRHandedness): XRInputSource | null {
  const sources = session.inputSources;
  for (let k = 0; k < sources.length; k++) {
    const s = sources[k];
    if (s.handedness === side && s.targetRayMode === 'tracked-pointer') return s;
  }
  return null;
}

/** The left controller's squeeze is held: it only ever means "grab with both hands" (xr-sweep yields to it). */
export function leftSqueezeHeld(session: XRSession): boolean {
  return controllerOf(session, 'left')?.gamepad?.buttons[SQUEEZE]?.pressed ?? false;
}
