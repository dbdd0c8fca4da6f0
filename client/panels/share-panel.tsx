import { useEffect, useState } from 'react';
import QRCode from 'qrcode';
import type { ShareOrigins } from '../../shared/api-types.ts';
import { chooseLinkOrigin, getShareOrigins, headsetOrigin, type LinkOrigin } from '../api/share-origins.ts';
import { sessionUrl } from '../api/sessions.ts';
import { useSession } from '../session/session-model.ts';
import { rememberedViewToken } from '../session/view-tokens.ts';
import { Panel } from './panel.tsx';

/**
 * Copyable view and edit links, and a QR code of the view link for headsets and phones. The view
 * link comes first (the Share button focuses it: a quick Ctrl+C must not hand out edit rights),
 * and the links use an address other devices reach when this page was opened at localhost. When
 * the server serves HTTPS, a headset link (the view link over https, which Enter VR needs) is
 * offered too, and the QR code carries it.
 */
export function SharePanel() {
  const model = useSession();
  const offered = useShareOrigins();
  const [picked, setPicked] = useState<string | undefined>();
  const link = chooseLinkOrigin(location.origin, offered, picked);
  const editLink = model.canEdit ? sessionUrl(link.origin, model.info.id, model.token) : null;
  const viewToken = model.canEdit ? (model.info.viewToken ?? rememberedViewToken(model.info.id)) : model.token;
  const viewLink = viewToken ? sessionUrl(link.origin, model.info.id, viewToken) : null;
  const secureOrigin = headsetOrigin(link, offered);
  const headsetLink = viewToken && secureOrigin && secureOrigin !== link.origin ? sessionUrl(secureOrigin, model.info.id, viewToken) : null;
  const qrLink = headsetLink ?? viewLink;
  // Kept with the link it encodes: while a new one renders, the old picture is not shown.
  const [qr, setQr] = useState<{ link: string; src: string } | null>(null);
  useEffect(() => {
    if (!qrLink) return;
    QRCode.toDataURL(qrLink, { margin: 1, width: 220, color: { dark: '#0b0f17', light: '#e8edf5' } }).then(
      (src) => setQr({ link: qrLink, src }),
      () => setQr(null),
    );
  }, [qrLink]);
  return (
    <Panel id="share" title="Share">
      <OriginNote link={link} secure={secureOrigin !== null} />
      {viewLink ? (
        <CopyLink label="View link" hint="sees everything live, changes nothing" url={viewLink} testId="view-link" />
      ) : (
        <p className="small muted">The view link is shown on the page that created this session.</p>
      )}
      {editLink && <CopyLink label="Edit link" hint="gives edit rights: for co-editors only" url={editLink} testId="edit-link" />}
      {headsetLink && <CopyLink label="Headset link" hint="the view link over HTTPS, which Enter VR needs; accept the certificate once" url={headsetLink} testId="headset-link" />}
      {link.kind === 'network' && link.choices.length > 1 && (
        <label className="small muted">
          Address others use{' '}
          <select value={link.origin} onChange={(e) => setPicked(e.target.value)} data-testid="share-origin">
            {link.choices.map((origin) => (
              <option key={origin} value={origin}>
                {new URL(origin).hostname}
              </option>
            ))}
          </select>
        </label>
      )}
      {qr && qr.link === qrLink && (
        <img className="qr" src={qr.src} alt={headsetLink ? 'QR code of the headset link' : 'QR code of the view link'} width={180} height={180} data-link={qr.link} />
      )}
      {qr && qr.link === qrLink && headsetLink && <p className="small muted">The QR code opens the headset link.</p>}
    </Panel>
  );
}

/** The server's answer, asked once per page; 'failed' when it could not be asked. */
function useShareOrigins(): ShareOrigins | 'failed' | null {
  const [offered, setOffered] = useState<ShareOrigins | 'failed' | null>(null);
  useEffect(() => {
    let live = true;
    getShareOrigins().then(
      (answer) => live && setOffered(answer),
      () => live && setOffered('failed'),
    );
    return () => {
      live = false;
    };
  }, []);
  return offered;
}

/** One line saying which address the links use, or that nobody else can open them and how to fix it. */
function OriginNote({ link, secure }: { link: LinkOrigin; secure: boolean }) {
  if (link.kind === 'page') return null;
  if (link.kind === 'public') {
    return (
      <p className="small muted" data-testid="share-origin-note">
        Links use {new URL(link.origin).host} (PUBLIC_URL) so others can open them.
      </p>
    );
  }
  if (link.kind === 'network') {
    return (
      <p className="small muted" data-testid="share-origin-note">
        Links use {new URL(link.origin).hostname} so others on your network can open them.
        {secure ? ' Headsets use the headset link (HTTPS) to enter VR.' : ' Headsets need HTTPS (HTTPS_PORT or PUBLIC_URL) to enter VR.'}
      </p>
    );
  }
  const fix =
    link.reason === 'no-network'
      ? 'This computer is on no network: join one, or set PUBLIC_URL on the server to the address others reach.'
      : link.reason === 'local-only'
        ? 'The server listens on this computer only: restart it with HOST=0.0.0.0 (others on your network), or set PUBLIC_URL to the address others reach.'
        : 'Open this page at an address others reach, or set PUBLIC_URL on the server.';
  return (
    <p className="small warn-text" role="note" data-testid="share-warning">
      <strong>These links only work on this computer.</strong> {fix}
    </p>
  );
}

function CopyLink(props: { label: string; hint: string; url: string; testId: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(props.url);
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    } catch {
      // Clipboard refused (insecure origin): the field is selectable instead.
      setCopied(false);
    }
  };
  return (
    <div className="copy-link">
      <div className="small">
        <strong>{props.label}</strong> <span className="muted">{props.hint}</span>
      </div>
      <div className="inline-form">
        <input type="text" readOnly value={props.url} data-testid={props.testId} aria-label={props.label} onFocus={(e) => e.target.select()} />
        <button type="button" className="small" onClick={() => void copy()}>
          {copied ? 'copied' : 'copy'}
        </button>
      </div>
    </div>
  );
}
