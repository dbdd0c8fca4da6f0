import { useRef, useState } from 'react';

/** Drop a CSV / TSV / JSON file here, or pick one. */
export function DropZone(props: { onFile: (file: File) => void; disabled?: boolean }) {
  const input = useRef<HTMLInputElement | null>(null);
  const [over, setOver] = useState(false);
  return (
    <div
      className={`drop-zone${over ? ' over' : ''}`}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        const file = e.dataTransfer.files[0];
        if (file && !props.disabled) props.onFile(file);
      }}
    >
      <p>
        Drop a <strong>CSV</strong>, <strong>TSV</strong> or <strong>JSON</strong> file here
      </p>
      <button type="button" disabled={props.disabled} onClick={() => input.current?.click()}>
        choose a file…
      </button>
      <input
        ref={input}
        type="file"
        data-testid="file-input"
        accept=".csv,.tsv,.txt,.json,text/csv,application/json,text/tab-separated-values"
        hidden
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) props.onFile(file);
        }}
      />
    </div>
  );
}
