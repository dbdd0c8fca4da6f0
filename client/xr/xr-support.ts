/** What the session page offers for headsets, from what the browser says it supports. */
export type XrOffer =
  | { kind: 'checking' }
  | { kind: 'enter'; modes: ('immersive-vr' | 'immersive-ar')[] }
  | { kind: 'insecure'; httpsOrigin: string | null }
  | { kind: 'no-headset' };

export interface XrSupportFacts {
  /** window.isSecureContext: WebXR exists only there. */
  secure: boolean;
  /** navigator.xr present at all. */
  hasXr: boolean;
  vr: boolean | null;
  ar: boolean | null;
  /** The https origin of this server (share-origins' secure port on this page's host), if any. */
  httpsOrigin: string | null;
}

export function xrOffer(f: XrSupportFacts): XrOffer {
  if (!f.secure) return { kind: 'insecure', httpsOrigin: f.httpsOrigin };
  if (!f.hasXr) return { kind: 'no-headset' };
  if (f.vr === null || f.ar === null) return { kind: 'checking' };
  const modes: ('immersive-vr' | 'immersive-ar')[] = [];
  if (f.vr) modes.push('immersive-vr');
  if (f.ar) modes.push('immersive-ar');
  return modes.length > 0 ? { kind: 'enter', modes } : { kind: 'no-headset' };
}

/** The sentence shown where no button can be. */
export function xrOfferReason(offer: XrOffer): string | null {
  if (offer.kind === 'insecure') {
    return offer.httpsOrigin
      ? `VR needs a secure page: open ${offer.httpsOrigin} in the headset's browser.`
      : 'VR needs a secure page (https), and this server serves none: start it with HTTPS_PORT set.';
  }
  if (offer.kind === 'no-headset') return 'No VR headset here: open this page in a headset’s browser for VR.';
  return null;
}

/** This page's address on the server's HTTPS port (null without one), keeping path and query. */
export function httpsAddress(href: string, securePort: number | null): string | null {
  if (securePort === null) return null;
  const url = new URL(href);
  if (url.protocol === 'https:') return url.href;
  url.protocol = 'https:';
  url.port = String(securePort);
  return url.href;
}
