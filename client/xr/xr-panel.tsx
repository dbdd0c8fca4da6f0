import { useFrame } from '@react-three/fiber';
import { XRSpace, useXRInputSourceState } from '@react-three/xr';
import { Container, Text } from '@react-three/uikit';
import { useReducer, useRef, type ReactNode } from 'react';
import type { Object3D } from 'three';
import { readBookmarks, readFilters, readView, setEncoding } from '../../shared/session/index.ts';
import { useDocValue } from '../collab/use-doc.ts';
import { clusterColor } from '../../shared/encodings/color-encoding.ts';
import { allClusterIds, toggleClusterVisible } from '../session/filter-actions.ts';
import { goToBookmark } from '../session/bookmark-actions.ts';
import { useSession } from '../session/session-model.ts';
import { useUi } from '../state/ui-store.ts';
import { SNAP_TURN_STEPS } from './snap-turn.ts';
import { SMOOTH_SPEEDS } from './smooth-move.ts';
import type { SmoothMoveState } from './xr-smooth-move.tsx';
import type { XrRig } from './xr-rig.ts';
import { activeColourKey, clusterRows, colourChoices } from './panel-options.ts';
import type { PanelState } from './panel-state.ts';
import type { PointerState } from './pointer-state.ts';
import { XrPanelFilters } from './xr-panel-filters.tsx';
import { XrPanelNotes } from './xr-panel-notes.tsx';

/** Left controller's X button (xr-standard mapping index 4): the left hand is free of the shell's gestures. */
const TOGGLE_BUTTON = 4;
/** Floating: left of straight ahead at chest height, turned towards the user (rig space, metres). */
const FLOAT_POSITION: [number, number, number] = [-0.35, 1.25, -0.6];
const FLOAT_ROTATION: [number, number, number] = [-0.2, 0.5, 0];
/** On the wrist: above the left grip, tilted up to be read by turning the wrist. */
const WRIST_POSITION: [number, number, number] = [0, 0.06, 0.02];
const WRIST_ROTATION: [number, number, number] = [-Math.PI / 2.5, 0, 0];
/** 1 px of layout = 0.6 mm: 16 px text is ~1 cm tall, ~0.9° of visual angle at 0.6 m (legible at arm's length). */
const PIXEL_SIZE = 0.0006;

/** Bookmarks listed on the panel: the first few fit at arm's length; the desktop panel has them all. */
const MAX_BOOKMARKS = 5;
const BG = '#151b27';
const BUTTON = '#243045';
const ACTIVE = '#3d6bb3';

/**
 * The in-VR panel (uikit: MSDF text, flexbox layout, in the scene itself; no DOM in the headset):
 * colour-by, the cluster legend with show/hide, the filters (xr-panel-filters.tsx), preset notes at the pointed point (xr-panel-notes.tsx), follow-presenter, the snap-turn step, smooth movement's speed and bookmarks
 * (go to). Every shared action is the same shared edit the
 * desktop panels make (setEncoding, toggleClusterVisible), so every participant sees it. Floating
 * in front of the rig or on the left wrist; the left X button shows and hides it. Clicked with
 * the right controller's ray (the library's ray pointer, which only the panel answers).
 */
export function XrPanel({ state, pointer, rig, smooth }: { state: PanelState; pointer: PointerState; rig: XrRig; smooth: SmoothMoveState }) {
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const left = useXRInputSourceState('controller', 'left');
  const xDown = useRef(false);
  useFrame(() => {
    const pressed = left?.inputSource.gamepad?.buttons[TOGGLE_BUTTON]?.pressed ?? false;
    if (pressed && !xDown.current) {
      state.open = !state.open;
      pointer.overPanel = false;
      rerender();
    }
    xDown.current = pressed;
  });
  if (!state.open) return null;
  const body = (
    <PanelBody
      state={state}
      pointer={pointer}
      rig={rig}
      smooth={smooth}
      onChange={rerender}
      onPlacement={() => {
        state.clicks++;
        state.placement = state.placement === 'float' ? 'wrist' : 'float';
        rerender();
      }}
    />
  );
  if (state.placement === 'wrist' && left)
    return (
      <XRSpace space={left.inputSource.gripSpace ?? left.inputSource.targetRaySpace}>
        <group position={WRIST_POSITION} rotation={WRIST_ROTATION} scale={0.7}>
          {body}
        </group>
      </XRSpace>
    );
  return (
    <group position={FLOAT_POSITION} rotation={FLOAT_ROTATION}>
      {body}
    </group>
  );
}

function PanelBody({ state, pointer, rig, smooth, onChange, onPlacement }: { state: PanelState; pointer: PointerState; rig: XrRig; smooth: SmoothMoveState; onChange: () => void; onPlacement: () => void }) {
  const model = useSession();
  const { doc, origins } = model.conn;
  const view = useDocValue(doc, ['view'], readView);
  const filters = useDocValue(doc, ['filters'], readFilters);
  const choices = colourChoices(model.dataset.columns);
  const active = activeColourKey(view.color, choices);
  const palette = view.color.by === 'cluster' ? view.color.palette : undefined;
  const rows = clusterRows(allClusterIds(model), filters);
  const bookmarks = useDocValue(doc, ['bookmarks'], readBookmarks).slice(0, MAX_BOOKMARKS);
  const following = useUi((s) => s.following);
  const editable = model.canEdit;
  const keep = (key: string) => (o: Object3D | null) => {
    if (o) state.buttons.set(key, o);
    else state.buttons.delete(key);
  };

  return (
    <Container
      pixelSize={PIXEL_SIZE}
      anchorX="center"
      anchorY="center"
      width={420}
      flexDirection="column"
      padding={16}
      gap={10}
      backgroundColor={BG}
      borderRadius={12}
      onPointerEnter={() => void (pointer.overPanel = true)}
      onPointerLeave={() => void (pointer.overPanel = false)}
      onPointerDown={() => void state.presses++}
    >
      <Container flexDirection="row" justifyContent="space-between" alignItems="center">
        <Text fontSize={22} color="#e8eef8" fontWeight="semi-bold">
          Data Mirage
        </Text>
        <PanelButton refKey={keep('placement')} onClick={onPlacement}>
          {state.placement === 'float' ? 'to wrist' : 'float'}
        </PanelButton>
      </Container>
      <Text fontSize={16} color="#9fb0c8">
        Colour by
      </Text>
      <Container flexDirection="row" flexWrap="wrap" gap={6}>
        {choices.map((c) => (
          <PanelButton key={c.key} refKey={keep(`colour:${c.key}`)} active={c.key === active} disabled={!editable} onClick={() => {
              state.clicks++;
              setEncoding(doc, 'color', c.encoding, origins.user);
            }}>
            {c.label}
          </PanelButton>
        ))}
      </Container>
      <Text fontSize={16} color="#9fb0c8">
        Clusters (show / hide)
      </Text>
      <Container flexDirection="column" gap={4}>
        {rows.map((r) => (
          <Container
            key={r.id}
            ref={keep(`cluster:${r.id}`)}
            flexDirection="row"
            alignItems="center"
            gap={10}
            padding={6}
            borderRadius={6}
            backgroundColor={BUTTON}
            hover={{ backgroundColor: ACTIVE }}
            opacity={r.shown ? 1 : 0.45}
            onClick={() => {
              state.clicks++;
              if (editable) toggleClusterVisible(model, r.id);
            }}
          >
            <Container width={16} height={16} borderRadius={8} backgroundColor={clusterColor(r.id, palette)} />
            <Text fontSize={16} color="#e8eef8">
              {`${r.name}${r.shown ? '' : ' (hidden)'}`}
            </Text>
          </Container>
        ))}
      </Container>
      <XrPanelFilters Button={PanelButton} keep={keep} click={() => void state.clicks++} />
      <XrPanelNotes Button={PanelButton} keep={keep} click={() => void state.clicks++} pointer={pointer} />
      <Container flexDirection="row" flexWrap="wrap" gap={6} alignItems="center">
        <PanelButton refKey={keep('follow')} active={following} onClick={() => {
          state.clicks++;
          useUi.getState().setFollowing(!following);
        }}>
          {following ? 'following presenter' : 'follow presenter'}
        </PanelButton>
        <Text fontSize={16} color="#9fb0c8">
          Turn
        </Text>
        {SNAP_TURN_STEPS.map((deg) => (
          <PanelButton key={deg} refKey={keep(`snap:${deg}`)} active={rig.snapStepDeg === deg} onClick={() => {
            state.clicks++;
            // Personal comfort: the step is this headset's own, not a shared edit.
            rig.snapStepDeg = deg;
            onChange();
          }}>
            {`${deg}°`}
          </PanelButton>
        ))}
      </Container>
      <Container flexDirection="row" flexWrap="wrap" gap={6} alignItems="center">
        <Text fontSize={16} color="#9fb0c8">
          Glide (left stick)
        </Text>
        {SMOOTH_SPEEDS.map((v) => (
          <PanelButton key={v} refKey={keep(`smooth:${v}`)} active={smooth.speed === v} onClick={() => {
            state.clicks++;
            smooth.speed = v;
            onChange();
          }}>
            {v === 0 ? 'off' : `${v} m/s`}
          </PanelButton>
        ))}
      </Container>
      {bookmarks.length > 0 && (
        <>
          <Text fontSize={16} color="#9fb0c8">
            Bookmarks (go to)
          </Text>
          <Container flexDirection="row" flexWrap="wrap" gap={6}>
            {bookmarks.map((b) => (
              <PanelButton key={b.id} refKey={keep(`bookmark:${b.id}`)} onClick={() => {
                state.clicks++;
                goToBookmark(model, b);
              }}>
                {b.title}
              </PanelButton>
            ))}
          </Container>
        </>
      )}
    </Container>
  );
}

function PanelButton({ children, onClick, refKey, active = false, disabled = false }: { children: ReactNode; onClick: () => void; refKey: (o: Object3D | null) => void; active?: boolean; disabled?: boolean }) {
  return (
    <Container
      ref={refKey}
      paddingX={10}
      paddingY={6}
      borderRadius={6}
      backgroundColor={active ? ACTIVE : BUTTON}
      hover={{ backgroundColor: ACTIVE }}
      opacity={disabled ? 0.5 : 1}
      onClick={() => !disabled && onClick()}
    >
      <Text fontSize={16} color="#e8eef8">
        {children}
      </Text>
    </Container>
  );
}
