import { useRef } from 'react';
import { useImageUpload } from '../session/use-image-upload.ts';

/**
 * Under the preview of a table with an image column: add the image files it names, so the
 * cards show them from this server (offline, nothing fetched elsewhere).
 */
export function ImageUpload(props: { datasetId: string; column: string }) {
  const { state, upload } = useImageUpload(props.datasetId);
  const input = useRef<HTMLInputElement>(null);
  return (
    <div className="image-upload small" data-testid="image-upload">
      <p>
        <strong>{props.column}</strong> names images. Add the image files so the cards show them from this server:{' '}
        <button type="button" className="small" disabled={state.status === 'sending'} onClick={() => input.current?.click()}>
          choose images…
        </button>
      </p>
      <input
        ref={input}
        type="file"
        accept=".png,.jpg,.jpeg,.webp,.gif,image/png,image/jpeg,image/webp,image/gif"
        multiple
        hidden
        data-testid="image-input"
        onChange={(e) => {
          void upload([...(e.target.files ?? [])]);
          e.target.value = '';
        }}
      />
      {state.status === 'sending' && <p className="muted">sending {state.sent} of {state.total}…</p>}
      {state.status === 'done' && <p data-testid="image-count">{state.count} images kept with this dataset.</p>}
      {state.status === 'failed' && (
        <p className="error" role="alert">
          {state.message}
        </p>
      )}
    </div>
  );
}
