import { useEffect, useState } from 'react';
import QRCode from 'qrcode';
import { sessionUrl } from '../api/sessions.ts';
import { useSession } from '../app/session-model.ts';
import { rememberedViewToken } from '../app/view-tokens.ts';
import { Panel } from './panel.tsx';

/** Copyable edit and view links, and a QR code of the view link for headsets and phones. */
export function SharePanel() {
  const model = useSession();
  const origin = location.origin;
  const editLink = model.canEdit ? sessionUrl(origin, model.info.id, model.token) : null;
  const viewToken = model.canEdit ? (model.info.viewToken ?? rememberedViewToken(model.info.id)) : model.token;
  const viewLink = viewToken ? sessionUrl(origin, model.info.id, viewToken) : null;
  const [qr, setQr] = useState<string | null>(null);
  useEffect(() => {
    if (!viewLink) return;
    QRCode.toDataURL(viewLink, { margin: 1, width: 220, color: { dark: '#0b0f17', light: '#e8edf5' } }).then(setQr, () => setQr(null));
  }, [viewLink]);
  return (
    <Panel id="share" title="Share">
      {editLink && <CopyLink label="Edit link" hint="can change the session" url={editLink} testId="edit-link" />}
      {viewLink ? (
        <CopyLink label="View link" hint="sees everything live, changes nothing" url={viewLink} testId="view-link" />
      ) : (
        <p className="small muted">The view link is shown on the page that created this session.</p>
      )}
      {qr && viewLink && <img className="qr" src={qr} alt="QR code of the view link" width={180} height={180} />}
    </Panel>
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
