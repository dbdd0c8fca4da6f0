import { useCallback, useEffect, useState } from 'react';
import type { XRStore } from '@react-three/xr';
import type { ClusterLabel } from '../scene/types.ts';
import { useXrOffer } from './use-xr-offer.ts';
import { xrOfferReason } from './xr-support.ts';
import type { ImmersiveMode } from './xr-scene.tsx';
import '../styles/xr.css';

const LABEL: Record<ImmersiveMode, string> = { 'immersive-vr': 'Enter VR', 'immersive-ar': 'Enter AR' };

type Immersive = typeof import('./xr-immersive.ts');

/** One XR store per page, made on the first Enter: pages that never enter load no controller profiles. */
let pageStore: XRStore | null = null;

/**
 * The way into the immersive shell from the session page: "Enter VR" (and "Enter AR" on
 * passthrough headsets) where the browser supports it, else one line saying why and, on an
 * insecure page, the https address to open instead. The XR code loads as soon as the browser
 * says it can enter (before the click: the session request must come while the click still
 * counts as a user gesture). While immersive, the XR scene's canvas covers the page (what the
 * headset shows, where the browser mirrors it) with an exit button.
 */
export function XrEntry({ clusterLabels }: { clusterLabels: readonly ClusterLabel[] }) {
  const offer = useXrOffer();
  const [xr, setXr] = useState<Immersive | null>(null);
  const [active, setActive] = useState<ImmersiveMode | null>(null);
  const ended = useCallback(() => setActive(null), []);
  const canEnter = offer.kind === 'enter';
  useEffect(() => {
    if (!canEnter) return;
    let live = true;
    import('./xr-immersive.ts').then(
      (mod) => live && setXr(mod),
      (error: unknown) => console.error('Could not load the VR code:', error),
    );
    return () => {
      live = false;
    };
  }, [canEnter]);

  const enter = (mode: ImmersiveMode) => {
    if (!xr) return;
    pageStore ??= xr.createMirageXrStore(location.origin);
    setActive(mode);
  };
  const exit = () => {
    const session = pageStore?.getState().session;
    if (session) void session.end();
    else ended();
  };

  const reason = xrOfferReason(offer);
  return (
    <>
      <div className="xr-entry" data-testid="xr-entry" data-offer={offer.kind}>
        {offer.kind === 'enter' &&
          offer.modes.map((mode) => (
            <button key={mode} type="button" className="xr-enter" data-testid={mode === 'immersive-vr' ? 'enter-vr' : 'enter-ar'} disabled={!xr || active !== null} onClick={() => enter(mode)}>
              {LABEL[mode]}
            </button>
          ))}
        {reason && <span className="small muted" data-testid="xr-reason">{reason}</span>}
      </div>
      {active && xr && pageStore && (
        <>
          <div className="xr-overlay" data-testid="xr-overlay">
            <xr.XrScene store={pageStore} mode={active} clusterLabels={clusterLabels} onEnded={ended} />
          </div>
          {/* Outside the overlay: a desktop emulator may lift the canvas out of it, over the whole page. */}
          <button type="button" className="xr-exit" data-testid="exit-xr" onClick={exit}>
            Exit {active === 'immersive-ar' ? 'AR' : 'VR'}
          </button>
        </>
      )}
    </>
  );
}
