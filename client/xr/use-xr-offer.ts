import { useEffect, useState } from 'react';
import { getShareOrigins } from '../api/share-origins.ts';
import { httpsAddress, xrOffer, type XrOffer } from './xr-support.ts';

/** What this browser offers for headsets (asked once per page): a button, or why not. */
export function useXrOffer(): XrOffer {
  const secure = window.isSecureContext;
  const xr = typeof navigator !== 'undefined' ? navigator.xr : undefined;
  const [modes, setModes] = useState<{ vr: boolean | null; ar: boolean | null }>({ vr: null, ar: null });
  const [httpsOrigin, setHttpsOrigin] = useState<string | null>(null);

  useEffect(() => {
    if (!secure || !xr) return;
    let live = true;
    const ask = (mode: XRSessionMode) => xr.isSessionSupported(mode).catch(() => false);
    void Promise.all([ask('immersive-vr'), ask('immersive-ar')]).then(([vr, ar]) => live && setModes({ vr, ar }));
    return () => {
      live = false;
    };
  }, [secure, xr]);

  useEffect(() => {
    if (secure) return;
    let live = true;
    getShareOrigins().then(
      (o) => live && setHttpsOrigin(httpsAddress(location.href, o.secure?.port ?? null)),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [secure]);

  return xrOffer({ secure, hasXr: xr !== undefined, vr: modes.vr, ar: modes.ar, httpsOrigin });
}
