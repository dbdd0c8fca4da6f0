import { useEffect, useState } from 'react';
import {
  readView,
  setEncoding,
  setFilterMode,
  setPointScale,
  setPositionSource,
  type Encoding,
  type EncodingChannel,
  type EncodingScale,
} from '../../shared/session/index.ts';
import { useSession } from '../session/session-model.ts';
import { useDocValue } from '../collab/use-doc.ts';
import { CATEGORICAL_PALETTES, CONTINUOUS_PALETTES } from '../../shared/encodings/palettes.ts';
import { Panel } from './panel.tsx';
import { reductionName } from '../session/analysis-choices.ts';

const SCALES: EncodingScale[] = ['linear', 'log', 'sqrt', 'quantile'];

function sourceValue(enc: Encoding): string {
  return enc.by === 'column' ? `col:${enc.column}` : enc.by;
}

/** Position, colour, size and opacity encodings, point scale and fade/hide: all shared. */
export function EncodingPanel() {
  const model = useSession();
  const { doc, origins } = model.conn;
  const view = useDocValue(doc, ['view'], readView);
  const disabled = !model.canEdit;
  const numeric = model.dataset.columns.filter((c) => c.type === 'number' || c.type === 'datetime');
  const typeOf = (name: string | undefined) => model.dataset.columns.find((c) => c.name === name)?.type;

  const setChannel = (channel: EncodingChannel, value: string) => {
    const current = view[channel];
    let next: Encoding;
    if (value === 'constant') next = { by: 'constant', value: channel === 'color' ? '#8cc8ff' : 1 };
    else if (value === 'cluster' || value === 'anomaly') next = { by: value };
    else next = { by: 'column', column: value.slice(4) };
    if (next.by !== 'constant' && current.scale && next.by !== 'cluster') next.scale = current.scale;
    setEncoding(doc, channel, next, origins.user);
  };
  const patchChannel = (channel: EncodingChannel, patch: Partial<Encoding>) =>
    setEncoding(doc, channel, { ...view[channel], ...patch }, origins.user);

  const colourIsContinuous = view.color.by === 'anomaly' || (view.color.by === 'column' && ['number', 'datetime'].includes(typeOf(view.color.column) ?? ''));
  const palettes = view.color.by === 'constant' ? [] : colourIsContinuous ? Object.keys(CONTINUOUS_PALETTES) : Object.keys(CATEGORICAL_PALETTES);

  return (
    <Panel id="encoding" title="Encoding">
      <fieldset disabled={disabled} className="form-grid">
        <label htmlFor="enc-position">Position</label>
        <select
          id="enc-position"
          value={view.position.by}
          onChange={(e) => {
            if (e.target.value === 'embedding') setPositionSource(doc, { by: 'embedding' }, origins.user);
            else if (numeric.length > 0) {
              const [x, y, z] = [0, 1, 2].map((i) => numeric[Math.min(i, numeric.length - 1)].name);
              setPositionSource(doc, { by: 'columns', x, y, z }, origins.user);
            }
          }}
        >
          <option value="embedding">{reductionName(model.summary.reduction.method)} layout</option>
          <option value="columns" disabled={numeric.length === 0}>
            numeric columns
          </option>
        </select>
        {view.position.by === 'columns' &&
          (['x', 'y', 'z'] as const).map((axis) => (
            <AxisSelect key={axis} axis={axis} value={view.position.by === 'columns' ? view.position[axis] : ''} options={numeric.map((c) => c.name)} onChange={(name) => {
              if (view.position.by === 'columns') setPositionSource(doc, { ...view.position, [axis]: name }, origins.user);
            }} />
          ))}

        <label htmlFor="enc-color">Colour</label>
        <select id="enc-color" value={sourceValue(view.color)} onChange={(e) => setChannel('color', e.target.value)}>
          <option value="cluster">cluster</option>
          <option value="anomaly">anomaly score</option>
          <option value="constant">one colour</option>
          <optgroup label="column">
            {model.dataset.columns.map((c) => (
              <option key={c.name} value={`col:${c.name}`}>
                {c.name}
              </option>
            ))}
          </optgroup>
        </select>
        {view.color.by === 'constant' ? (
          <>
            <label htmlFor="enc-color-value">Colour value</label>
            <input id="enc-color-value" type="color" value={typeof view.color.value === 'string' ? view.color.value : '#8cc8ff'} onChange={(e) => patchChannel('color', { value: e.target.value })} />
          </>
        ) : (
          <>
            <label htmlFor="enc-palette">Palette</label>
            <select id="enc-palette" value={view.color.palette && palettes.includes(view.color.palette) ? view.color.palette : ''} onChange={(e) => patchChannel('color', { palette: e.target.value || undefined })}>
              <option value="">default</option>
              {palettes.map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </select>
            {colourIsContinuous && <ScaleSelect id="enc-color-scale" value={view.color.scale} onChange={(scale) => patchChannel('color', { scale })} />}
          </>
        )}

        {(['size', 'opacity'] as const).map((channel) => (
          <MagnitudeControl
            key={channel}
            channel={channel}
            enc={view[channel]}
            numeric={numeric.map((c) => c.name)}
            onSource={(v) => setChannel(channel, v)}
            onPatch={(patch) => patchChannel(channel, patch)}
          />
        ))}

        <label htmlFor="enc-point-scale">Point size</label>
        <RangeInput id="enc-point-scale" min={0.2} max={5} step={0.1} value={view.pointScale} onCommit={(v) => setPointScale(doc, v, origins.user)} />

        <span className="label">Filtered points</span>
        <div className="segmented" role="radiogroup" aria-label="Filtered points">
          {(['fade', 'hide'] as const).map((mode) => (
            <button key={mode} type="button" role="radio" aria-checked={view.filterMode === mode} className={view.filterMode === mode ? 'on' : ''} onClick={() => setFilterMode(doc, mode, origins.user)}>
              {mode}
            </button>
          ))}
        </div>
      </fieldset>
    </Panel>
  );
}

function AxisSelect(props: { axis: string; value: string; options: string[]; onChange: (name: string) => void }) {
  const id = `enc-axis-${props.axis}`;
  return (
    <>
      <label htmlFor={id} className="sub">
        {props.axis}
      </label>
      <select id={id} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        {props.options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </>
  );
}

function ScaleSelect(props: { id: string; value: EncodingScale | undefined; onChange: (scale: EncodingScale) => void }) {
  return (
    <>
      <label htmlFor={props.id} className="sub">
        scale
      </label>
      <select id={props.id} value={props.value ?? 'linear'} onChange={(e) => props.onChange(e.target.value as EncodingScale)}>
        {SCALES.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </select>
    </>
  );
}

function MagnitudeControl(props: {
  channel: 'size' | 'opacity';
  enc: Encoding;
  numeric: string[];
  onSource: (value: string) => void;
  onPatch: (patch: Partial<Encoding>) => void;
}) {
  const { channel, enc } = props;
  const id = `enc-${channel}`;
  return (
    <>
      <label htmlFor={id}>{channel === 'size' ? 'Size' : 'Opacity'}</label>
      <select id={id} value={sourceValue(enc)} onChange={(e) => props.onSource(e.target.value)}>
        <option value="constant">same for all</option>
        <option value="anomaly">anomaly score</option>
        <optgroup label="numeric column">
          {props.numeric.map((n) => (
            <option key={n} value={`col:${n}`}>
              {n}
            </option>
          ))}
        </optgroup>
      </select>
      {enc.by === 'constant' ? (
        <>
          <label htmlFor={`${id}-value`} className="sub">
            value
          </label>
          <RangeInput
            id={`${id}-value`}
            min={channel === 'size' ? 0.2 : 0.05}
            max={channel === 'size' ? 4 : 1}
            step={0.05}
            value={typeof enc.value === 'number' ? enc.value : 1}
            onCommit={(v) => props.onPatch({ value: v })}
          />
        </>
      ) : (
        <ScaleSelect id={`${id}-scale`} value={enc.scale} onChange={(scale) => props.onPatch({ scale })} />
      )}
    </>
  );
}

/** A slider that shows its value while dragging and writes to the document when released. */
export function RangeInput(props: { id: string; min: number; max: number; step: number; value: number; onCommit: (v: number) => void; disabled?: boolean }) {
  const [local, setLocal] = useState<number | null>(null);
  useEffect(() => setLocal(null), [props.value]);
  const shown = local ?? props.value;
  const commit = () => {
    if (local !== null && local !== props.value) props.onCommit(local);
  };
  return (
    <span className="range-input">
      <input
        id={props.id}
        type="range"
        min={props.min}
        max={props.max}
        step={props.step}
        value={shown}
        disabled={props.disabled}
        onChange={(e) => setLocal(Number(e.target.value))}
        onPointerUp={commit}
        onKeyUp={commit}
        onBlur={commit}
      />
      <output htmlFor={props.id}>{shown.toFixed(2)}</output>
    </span>
  );
}
