import { useFrame } from '@react-three/fiber';
import { Container, Text } from '@react-three/uikit';
import { useEffect, useRef, useState } from 'react';
import type { SharedAnswer } from '../../shared/insights/ask.ts';
import { clusterName } from '../../shared/encodings/point-values.ts';
import { readFilters, readSelection } from '../../shared/session/index.ts';
import { useDocValue } from '../collab/use-doc.ts';
import { proposedFiltersText } from '../encodings/proposed-filter-words.ts';
import { applyAnswerFilters, proposalApplied } from '../session/answer-actions.ts';
import { groupSizeText } from '../session/cluster-size-text.ts';
import { useSession, type SessionModel } from '../session/session-model.ts';
import { useDrift } from '../session/use-drift.ts';
import { usePresenting, useSharedAnswers } from '../session/use-shared-answers.ts';
import { PANEL_FONT, PANEL_MUTED, PANEL_TEXT, PanelButton } from './panel-button.tsx';
import { pageSlice, PanelPager, type Keep } from './panel-pager.tsx';
import type { PanelState } from './panel-state.ts';
import { clipText, panelText } from './panel-text.ts';
import type { PointerState } from './pointer-state.ts';


/** Shared answers on one page of the panel; more are paged with < > (the panel keeps its height). */
export const ANSWERS_PER_PAGE = 2;
/** Longest answer text drawn (about five lines at the panel's width); the desktop list has it whole. */
const MAX_ANSWER = 220;
/** Longest cluster paragraph drawn (about six lines). */
const MAX_PARAGRAPH = 280;
/** Drifted columns named on the "What moved" line. */
const MOVED_SHOWN = 3;

/**
 * The Insights page of the VR panel: the paragraph of the cluster the right ray last pointed at
 * (else the first selected cluster), the room's shared answers newest first with Apply for
 * editors (applyAnswerFilters: the desktop's own shared edit, everyone's view follows), and on a
 * comparison session the most drifted columns. What it shows is kept in `state.shown` for tests.
 */
export function XrPanelInsights({ keep, click, pointer, state }: { keep: Keep; click: () => void; pointer: PointerState; state: PanelState }) {
  const model = useSession();
  const pointed = usePointedCluster(model, pointer);
  const selection = useDocValue(model.conn.doc, ['selection'], readSelection);
  const cluster = pointed ?? selection.clusters[0] ?? null;
  const about = cluster === null ? null : clusterAbout(model, cluster);
  const answers = useSharedAnswers(model);
  const [page, setPage] = useState(0);
  const { shown, at, pages } = pageSlice(answers, page, ANSWERS_PER_PAGE);
  const moved = useMovedLine(model);
  useEffect(() => {
    state.shown.cluster = cluster;
    state.shown.paragraph = about?.text ?? '';
    state.shown.answers = shown.map((a) => a.id);
    state.shown.moved = moved ?? '';
  });

  return (
    <>
      <Text fontSize={PANEL_FONT} color={PANEL_MUTED}>
        {cluster === null ? 'Point at the cloud to read about a cluster' : `About ${panelText(about!.title)}${pointed === null ? ' (selected)' : ''}`}
      </Text>
      {about && (
        <Text fontSize={PANEL_FONT} color={PANEL_TEXT}>
          {clipText(panelText(about.text), MAX_PARAGRAPH)}
        </Text>
      )}
      {moved !== null && (
        <Text fontSize={PANEL_FONT} color={PANEL_TEXT}>
          {moved}
        </Text>
      )}
      <Container flexDirection="row" gap={6} alignItems="center">
        <Text fontSize={PANEL_FONT} color={PANEL_MUTED}>
          {`Shared answers (${answers.length})`}
        </Text>
        <PanelPager refKey="answers" at={at} pages={pages} keep={keep} click={click} setPage={setPage} />
      </Container>
      {answers.length === 0 && (
        <Text fontSize={PANEL_FONT} color={PANEL_MUTED}>
          None yet: answers shared on a desktop appear here.
        </Text>
      )}
      {shown.map((a) => (
        <AnswerRow key={a.id} answer={a} model={model} keep={keep} click={click} />
      ))}
    </>
  );
}

function AnswerRow({ answer, model, keep, click }: { answer: SharedAnswer; model: SessionModel; keep: Keep; click: () => void }) {
  const current = useDocValue(model.conn.doc, ['filters'], readFilters);
  const presenting = usePresenting(model);
  const filters = answer.filters ?? [];
  const applied = filters.length > 0 && proposalApplied(current, filters);
  const types = new Map(model.dataset.columns.map((c) => [c.name, c.type]));
  return (
    <Container flexDirection="column" gap={4} padding={8} borderRadius={6} backgroundColor="#1c2434">
      <Text fontSize={PANEL_FONT} color={PANEL_TEXT} fontWeight="semi-bold">
        {clipText(panelText(answer.question), 120)}
      </Text>
      <Text fontSize={PANEL_FONT} color={PANEL_TEXT}>
        {clipText(panelText(answer.answer), MAX_ANSWER)}
      </Text>
      {filters.length > 0 && (
        <Container flexDirection="row" flexWrap="wrap" gap={6} alignItems="center">
          {model.canEdit && !applied && (
            <PanelButton refKey={keep(`answer:${answer.id}:apply`)} onClick={() => {
              click();
              applyAnswerFilters(model, filters);
            }}>
              {presenting ? 'Apply for everyone' : 'Apply'}
            </PanelButton>
          )}
          <Text fontSize={PANEL_FONT} color={PANEL_MUTED}>
            {applied ? 'shown to everyone' : clipText(panelText(proposedFiltersText(filters, types, answer.count)), 90)}
          </Text>
        </Container>
      )}
      <Text fontSize={PANEL_FONT} color={PANEL_MUTED}>
        {`shared by ${panelText(answer.author)}`}
      </Text>
    </Container>
  );
}

/** A cluster's title and paragraph (or its size and share, for analyses stored before paragraphs). */
function clusterAbout(model: SessionModel, id: number): { title: string; text: string } {
  const info = model.summary.clusters.find((c) => c.id === id);
  const title = info?.label ? `${clusterName(id)} - ${info.label}` : clusterName(id);
  if (!info) return { title, text: `${model.summary.clustering.noiseCount} points in no cluster.` };
  const share = typeof info.share === 'number' ? info.share : info.size / Math.max(1, model.summary.pointCount);
  return { title, text: typeof info.paragraph === 'string' && info.paragraph !== '' ? info.paragraph : groupSizeText(info.size, share) };
}

/**
 * The cluster of the point the right ray was last on: read each frame from the pointer's state,
 * a React update only when that cluster changes (never per frame).
 */
function usePointedCluster(model: SessionModel, pointer: PointerState): number | null {
  const [cluster, setCluster] = useState<number | null>(null);
  const last = useRef<number | null>(null);
  useFrame(() => {
    const p = pointer.lastPointed;
    const now = p >= 0 && p < model.arrays.count ? model.arrays.cluster[p] : null;
    if (now !== last.current) {
      last.current = now;
      setCluster(now);
    }
  });
  return cluster;
}

/** "What moved: temp (PSI 0.31), ..." for a comparison session, once its drift has loaded; else null. */
function useMovedLine(model: SessionModel): string | null {
  const drift = useDrift(model);
  if (!drift.comparison || !drift.report) return null;
  const top = drift.report.columns.filter((c) => c.drifted).slice(0, MOVED_SHOWN);
  if (top.length === 0) return 'What moved: no column drifted.';
  return panelText(`What moved: ${top.map((c) => `${c.column} (${c.metric.toUpperCase()} ${c.value.toFixed(2)})`).join(', ')}`);
}
