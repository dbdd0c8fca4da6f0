import { Container, Text } from '@react-three/uikit';
import { useEffect, useSyncExternalStore, type ReactNode } from 'react';
import type { Object3D } from 'three';
import { readFilters, setFilter, setFilterEnabled, updateFilter, type Filter } from '../../shared/session/index.ts';
import { useDocValue } from '../collab/use-doc.ts';
import { flaggedThreshold } from '../encodings/anomaly-threshold.ts';
import { formatNumber } from '../../shared/encodings/legend.ts';
import { authorOf, useSession, type SessionModel } from '../session/session-model.ts';
import { columnSpan, stepBound } from './filter-steps.ts';

const MUTED = '#9fb0c8';

/** The panel's button look, passed in (xr-panel.tsx owns it) so both sections share one. */
export type PanelButtonComponent = (p: { children: ReactNode; onClick: () => void; refKey: (o: Object3D | null) => void; active?: boolean; disabled?: boolean }) => ReactNode;

/**
 * The session's filters on the VR panel, as shared edits (the desktop's own setFilterEnabled /
 * updateFilter / setFilter): each filter's on/off, each range's and the anomaly score's bounds
 * with − / + steps, and "anomalies only" (the anomaly filter from the orange rings' threshold,
 * as the desktop's filter panel adds it). Button keys name the filter by its column.
 */
export function XrPanelFilters({ Button, keep, click }: { Button: PanelButtonComponent; keep: (key: string) => (o: Object3D | null) => void; click: () => void }) {
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
        <Text fontSize={16} color={MUTED}>
          Filters
        </Text>
        <Button refKey={keep('anomalies-only')} active={anomaly?.enabled ?? false} disabled={!editable} onClick={toggleAnomalies}>
          anomalies only
        </Button>
      </Container>
      {filters
        .filter((f) => f.kind === 'range' || f.kind === 'anomaly')
        .map((f) => (
          <FilterRow key={f.id} filter={f} model={model} Button={Button} keep={keep} click={click} />
        ))}
    </>
  );
}

function FilterRow({ filter, model, Button, keep, click }: { filter: Filter; model: SessionModel; Button: PanelButtonComponent; keep: (key: string) => (o: Object3D | null) => void; click: () => void }) {
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
      <Button refKey={keep(`filter:${name}:on`)} active={filter.enabled} disabled={!editable} onClick={() => {
        click();
        if (editable) setFilterEnabled(doc, filter.id, !filter.enabled, origins.user);
      }}>
        {`${name.length > 18 ? `${name.slice(0, 17)}…` : name}${filter.enabled ? '' : ' (off)'}`}
      </Button>
      {(['min', 'max'] as const).map((which) => (
        <Container key={which} flexDirection="row" gap={4} alignItems="center">
          <Button refKey={keep(`filter:${name}:${which}-`)} disabled={!editable} onClick={step(which, -1)}>
            {/* ASCII: the panel's bundled MSDF font has no U+2212 minus (it drew a box). */}
            -
          </Button>
          <Text fontSize={16} color="#e8eef8">
            {bound(filter[which], span?.[which === 'min' ? 0 : 1])}
          </Text>
          <Button refKey={keep(`filter:${name}:${which}+`)} disabled={!editable} onClick={step(which, 1)}>
            +
          </Button>
        </Container>
      ))}
    </Container>
  );
}
