import { useRef, useState } from 'react';

/** Drop a CSV / TSV / JSON / Parquet / Arrow / Excel file here, or pick one. */
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
        Drop a <strong>CSV</strong>, <strong>TSV</strong>, <strong>JSON</strong>, <strong>Parquet</strong>, <strong>Arrow</strong> or <strong>Excel</strong> (.xlsx) file here
      </p>
      <p className="small muted drop-hint">Excel: the first sheet with rows is read; pick another sheet once it is in.</p>
      <button type="button" disabled={props.disabled} onClick={() => input.current?.click()}>
        choose a file…
      </button>
      <input
        ref={input}
        type="file"
        data-testid="file-input"
        accept=".csv,.tsv,.txt,.json,.parquet,.pq,.arrow,.arrows,.feather,.ipc,.xlsx,.xlsm,text/csv,application/json,text/tab-separated-values,application/vnd.apache.parquet,application/vnd.apache.arrow.file,application/vnd.apache.arrow.stream,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
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
