import { Container, Text } from '@react-three/uikit';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { readFilters, removeFilter, setFilter, setFilterEnabled, updateFilter, type Filter, type SetFilter } from '../../shared/session/index.ts';
import { useDocValue } from '../collab/use-doc.ts';
import { flaggedThreshold } from '../encodings/anomaly-threshold.ts';
import { formatNumber } from '../../shared/encodings/legend.ts';
import { chosenValues, setLevels, toggledValues } from '../encodings/set-levels.ts';
import { authorOf, useSession, type SessionModel } from '../session/session-model.ts';
import { columnSpan, stepBound } from './filter-steps.ts';
import { PANEL_FONT, PANEL_MUTED, PANEL_TEXT, PanelButton } from './panel-button.tsx';
import { pageSlice, PanelPager, type Keep } from './panel-pager.tsx';

/** Category chips shown at once per set filter; more are paged with < > (the panel keeps its height; the panel's font has no ‹ ›). */
export const CHIPS_PER_PAGE = 8;
/** Longest chip or filter name drawn in full; longer ones end in "…". */
const MAX_LABEL = 16;


const short = (s: string) => (s.length > MAX_LABEL ? `${s.slice(0, MAX_LABEL - 1)}…` : s);

/**
 * The session's filters on the VR panel, as shared edits (the desktop's own setFilterEnabled /
 * updateFilter / setFilter / removeFilter): each filter's on/off and its removal; each range's and
 * the anomaly score's bounds with − / + steps; each set (category) filter's values as toggle chips,
 * a page of eight at a time; and "anomalies only" (the anomaly filter from the orange rings'
 * threshold, as the desktop's filter panel adds it). Button keys name the filter by its column.
 */
export function XrPanelFilters({ keep, click }: { keep: Keep; click: () => void }) {
  const model = useSession();
  const { doc, origins } = model.conn;
  const filters = useDocValue(doc, ['filters'], readFilters);
  const editable = model.canEdit;
  const anomaly = filters.find((f) => f.kind === 'anomaly');
  const toggleAnomalies = () => {
    click();
    if (!editable) return;
    if (anomaly) setFilterEnabled(doc, anomaly.id, !anomaly.enabled, origins.user);
    else {
      const min = flaggedThreshold(model.arrays.anomaly, model.arrays.anomalyFlag) ?? 0.5;
      setFilter(doc, { kind: 'anomaly', min, max: null, enabled: true, author: authorOf(model) }, origins.user);
    }
  };
  return (
    <>
      <Container flexDirection="row" flexWrap="wrap" gap={6} alignItems="center">
        <Text fontSize={PANEL_FONT} color={PANEL_MUTED}>
          Filters
        </Text>
        <PanelButton refKey={keep('anomalies-only')} active={anomaly?.enabled ?? false} disabled={!editable} onClick={toggleAnomalies}>
          anomalies only
        </PanelButton>
      </Container>
      {filters.map((f) =>
        f.kind === 'set' ? (
          <SetFilterRow key={f.id} filter={f} model={model} keep={keep} click={click} />
        ) : f.kind === 'range' || f.kind === 'anomaly' ? (
          <BoundsFilterRow key={f.id} filter={f} model={model} keep={keep} click={click} />
        ) : null,
      )}
    </>
  );
}

/** A filter's name as its on/off toggle, and its removal. */
function FilterHead({ filter, name, model, keep, click }: { filter: Filter; name: string; model: SessionModel; keep: Keep; click: () => void }) {
  const { doc, origins } = model.conn;
  const editable = model.canEdit;
  return (
    <>
      <PanelButton refKey={keep(`filter:${name}:on`)} active={filter.enabled} disabled={!editable} onClick={() => {
        click();
        if (editable) setFilterEnabled(doc, filter.id, !filter.enabled, origins.user);
      }}>
        {`${short(name)}${filter.enabled ? '' : ' (off)'}`}
      </PanelButton>
      <PanelButton refKey={keep(`filter:${name}:remove`)} disabled={!editable} onClick={() => {
        click();
        if (editable) removeFilter(doc, filter.id, origins.user);
      }}>
        {/* A word, not ✕: the panel's bundled MSDF font has no such glyph. */}
        remove
      </PanelButton>
    </>
  );
}

function SetFilterRow({ filter, model, keep, click }: { filter: SetFilter; model: SessionModel; keep: Keep; click: () => void }) {
  const { doc, origins } = model.conn;
  const editable = model.canEdit;
  useSyncExternalStore(model.columns.subscribe, model.columns.getVersion);
  useEffect(() => model.columns.ensure([filter.column]), [model, filter.column]);
  const [page, setPage] = useState(0);
  const levels = setLevels(model.ctx.columns.get(filter.column), model.ctx, null);
  const { shown, at, pages } = pageSlice(levels ?? [], page, CHIPS_PER_PAGE);
  const chosen = chosenValues(filter.values);
  const col = filter.column;
  return (
    <Container flexDirection="column" gap={4}>
      <Container flexDirection="row" flexWrap="wrap" gap={6} alignItems="center">
        <FilterHead filter={filter} name={col} model={model} keep={keep} click={click} />
        <PanelPager refKey={`set:${col}`} at={at} pages={pages} keep={keep} click={click} setPage={setPage} />
      </Container>
      {!levels ? (
        <Text fontSize={PANEL_FONT} color={PANEL_MUTED}>
          {`loading ${short(col)}…`}
        </Text>
      ) : (
        <Container flexDirection="row" flexWrap="wrap" gap={6}>
          {shown.map((l) => (
            <PanelButton key={l.label} refKey={keep(`set:${col}:${l.label}`)} active={chosen.has(l.value)} disabled={!editable} onClick={() => {
              click();
              if (editable) updateFilter(doc, filter.id, { values: toggledValues(filter.values, l.value) }, origins.user);
            }}>
              {short(l.label)}
            </PanelButton>
          ))}
        </Container>
      )}
    </Container>
  );
}

function BoundsFilterRow({ filter, model, keep, click }: { filter: Filter; model: SessionModel; keep: Keep; click: () => void }) {
  const { doc, origins } = model.conn;
  const editable = model.canEdit;
  const name = filter.kind === 'range' ? filter.column : 'anomaly';
  useSyncExternalStore(model.columns.subscribe, model.columns.getVersion);
  useEffect(() => {
    if (filter.kind === 'range') model.columns.ensure([filter.column]);
  }, [model, filter]);
  if (filter.kind !== 'range' && filter.kind !== 'anomaly') return null;
  let span: [number, number] | null = [0, 1];
  if (filter.kind === 'range') {
    const column = model.ctx.columns.get(filter.column);
    span = column && (column.type === 'number' || column.type === 'datetime') ? columnSpan(column.values, model.ctx.rowIndex, model.ctx.count) : null;
  }
  const step = (which: 'min' | 'max', dir: -1 | 1) => () => {
    click();
    if (!editable || !span || !(span[1] > span[0])) return;
    updateFilter(doc, filter.id, stepBound(which, dir, filter, span[0], span[1]), origins.user);
  };
  const bound = (v: number | null, fallback: number | undefined) => (v === null ? (fallback === undefined ? '…' : formatNumber(fallback)) : formatNumber(v));
  return (
    <Container flexDirection="row" flexWrap="wrap" gap={6} alignItems="center">
      <FilterHead filter={filter} name={name} model={model} keep={keep} click={click} />
      {(['min', 'max'] as const).map((which) => (
        <Container key={which} flexDirection="row" gap={4} alignItems="center">
          <PanelButton refKey={keep(`filter:${name}:${which}-`)} disabled={!editable} onClick={step(which, -1)}>
            {/* ASCII: the panel's bundled MSDF font has no U+2212 minus (it drew a box). */}
            -
          </PanelButton>
          <Text fontSize={PANEL_FONT} color={PANEL_TEXT}>
            {bound(filter[which], span?.[which === 'min' ? 0 : 1])}
          </Text>
          <PanelButton refKey={keep(`filter:${name}:${which}+`)} disabled={!editable} onClick={step(which, 1)}>
            +
          </PanelButton>
        </Container>
      ))}
    </Container>
  );
}
