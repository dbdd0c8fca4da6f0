import { useFrame } from '@react-three/fiber';
import { XRSpace, useXRInputSourceState } from '@react-three/xr';
import { Container, Text } from '@react-three/uikit';
import { memo, useEffect, useMemo, useReducer, useRef } from 'react';
import * as THREE from 'three';
import { readBookmarks, readFilters, readView, setEncoding } from '../../shared/session/index.ts';
import { useDocValue } from '../collab/use-doc.ts';
import { clusterColor } from '../../shared/encodings/color-encoding.ts';
import { allClusterIds, toggleClusterVisible } from '../session/filter-actions.ts';
import { goToBookmark } from '../session/bookmark-actions.ts';
import { useSession } from '../session/session-model.ts';
import { useUi } from '../state/ui-store.ts';
import { browserStorage, writeComfort } from './comfort-settings.ts';
import { PANEL_ACTIVE, PANEL_BG, PANEL_BUTTON, PANEL_FONT, PANEL_MUTED, PANEL_TEXT, PanelButton } from './panel-button.tsx';
import { floatingPanelPose } from './panel-placement.ts';
import { pressableFromBothSides } from './panel-hit.ts';
import { SNAP_TURN_STEPS } from './snap-turn.ts';
import { SMOOTH_SPEEDS } from './smooth-move.ts';
import type { SmoothMoveState } from './xr-smooth-move.tsx';
import type { XrRig } from './xr-rig.ts';
import { activeColourKey, clusterRows, colourChoices } from './panel-options.ts';
import { eventSide, type PanelPage, type PanelState } from './panel-state.ts';
import { surfaceRef, type PointerState } from './pointer-state.ts';
import { XrPanelFilters } from './xr-panel-filters.tsx';
import { XrPanelNotes } from './xr-panel-notes.tsx';
import { XrPanelInsights } from './xr-panel-insights.tsx';
import { XrPanelTime } from './xr-panel-time.tsx';
import { timeColumns } from '../session/playback-actions.ts';
import { XrWristMenu } from './xr-wrist-menu.tsx';
import { XrPendingLine } from './xr-pending-line.tsx';
import type { PinchState } from './xr-hands.tsx';

/** Left controller's X button (xr-standard mapping index 4): the left hand is free of the shell's gestures. */
const TOGGLE_BUTTON = 4;
/** On the wrist: above the left grip, tilted up to be read by turning the wrist. */
const WRIST_POSITION: [number, number, number] = [0, 0.06, 0.02];
const WRIST_ROTATION: [number, number, number] = [-Math.PI / 2.5, 0, 0];
/**
 * 1 px of layout = 0.8 mm: 16 px text is 12.8 mm, 1.2° of visual angle from the eyes to the
 * floating panel's centre (0.62 m: panel-placement.ts) and still over 1° at its far corners
 * (~0.7 m): the legibility floor the card and cluster names keep too. On the wrist the panel is scaled by 0.7 (9 mm text) and read from about 0.35 m: ~1.5°.
 */
export const PANEL_PIXEL_M = 0.0008;
const WRIST_SCALE = 0.7;

/** Bookmarks listed on the panel: the first few fit at arm's length; the desktop panel has them all. */
const MAX_BOOKMARKS = 5;

/**
 * The in-VR panel (uikit: MSDF text, flexbox layout, in the scene itself; no DOM in the headset):
 * colour-by, the cluster legend with show/hide, the filters (xr-panel-filters.tsx), preset notes
 * at the pointed point (xr-panel-notes.tsx), follow-presenter, the comfort settings (snap-turn
 * step, glide speed, floating or on the wrist: this headset's own, kept in comfort-settings.ts)
 * and bookmarks (go to). Every shared action is the same shared edit the desktop panels make.
 * Floating (placed by the head when it opens: panel-placement.ts) or on the left wrist (the left
 * controller's grip, or the tracked left hand's). The left controller's X button shows and hides
 * it; with tracked hands, the menu button on the left wrist does (xr-wrist-menu.tsx). Pressed
 * with the right ray (a controller's trigger, a hand's pinch) or the left hand's pinch ray: the
 * library's ray pointers, which only the panel answers.
 */
export const XrPanel = memo(XrPanelView);

/**
 * Memoised (its props are made once by XrScene): XrScene renders again whenever the cloud does,
 * every playback step while a timeline plays, and the panel has no reason to follow it.
 */
function XrPanelView({ state, pointer, rig, smooth, pinch }: { state: PanelState; pointer: PointerState; rig: XrRig; smooth: SmoothMoveState; pinch: PinchState }) {
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const leftController = useXRInputSourceState('controller', 'left');
  const leftHand = useXRInputSourceState('hand', 'left');
  const left = leftController ?? leftHand;
  const xDown = useRef(false);
  const toggle = () => {
    state.open = !state.open;
    // Opened again: placed anew where the user now looks.
    if (state.open) state.float = null;
    rerender();
  };
  useFrame(() => {
    const pressed = leftController?.inputSource.gamepad?.buttons[TOGGLE_BUTTON]?.pressed ?? false;
    if (pressed && !xDown.current) toggle();
    xDown.current = pressed;
    if (state.open && state.placement === 'float' && !state.float && rig.origin && rig.camera) {
      state.float = placeByHead(rig);
      rerender();
    }
  });
  const save = () => writeComfort(browserStorage(), { snapStepDeg: rig.snapStepDeg, glideSpeed: smooth.speed, panelPlacement: state.placement });
  const menu = leftHand && !leftController ? <XrWristMenu hand={leftHand.inputSource} state={state} pointer={pointer} pinch={pinch} onToggle={toggle} /> : null;
  if (!state.open) return menu;
  const body = (
    <PanelBody
      state={state}
      pointer={pointer}
      rig={rig}
      smooth={smooth}
      onChange={() => {
        save();
        rerender();
      }}
      onPage={(page) => {
        state.clicks++;
        state.page = page;
        rerender();
      }}
      onPlacement={() => {
        state.clicks++;
        state.placement = state.placement === 'float' ? 'wrist' : 'float';
        state.float = null;
        save();
        rerender();
      }}
    />
  );
  if (state.placement === 'wrist' && left)
    return (
      <>
        {menu}
        <XRSpace space={left.inputSource.gripSpace ?? left.inputSource.targetRaySpace}>
          <group position={WRIST_POSITION} rotation={WRIST_ROTATION} scale={WRIST_SCALE}>
            {body}
          </group>
        </XRSpace>
      </>
    );
  if (!state.float) return menu;
  return (
    <>
      {menu}
      <group position={state.float.position} rotation={state.float.rotation}>
        {body}
      </group>
    </>
  );
}

/** The floating panel's pose for where the head is and looks now, in the rig (the panel's parent). */
function placeByHead(rig: XrRig) {
  const origin = rig.origin!;
  const head = new THREE.Vector3(...rig.head());
  origin.worldToLocal(head);
  const [fx, , fz] = rig.flatForward();
  return floatingPanelPose([head.x, head.y, head.z], Math.atan2(-fx, -fz) - origin.rotation.y);
}

function PanelBody({ state, pointer, rig, smooth, onChange, onPage, onPlacement }: { state: PanelState; pointer: PointerState; rig: XrRig; smooth: SmoothMoveState; onChange: () => void; onPage: (page: PanelPage) => void; onPlacement: () => void }) {
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
  const keep = (key: string) => (o: THREE.Object3D | null) => {
    if (o) {
      pressableFromBothSides(o);
      state.buttons.set(key, o);
    } else state.buttons.delete(key);
  };
  const root = useRef<THREE.Object3D | null>(null);
  const rootRef = useMemo(() => {
    const surface = surfaceRef(pointer, root);
    return (o: THREE.Object3D | null) => {
      if (o) pressableFromBothSides(o);
      surface(o);
    };
  }, [pointer]);
  // A panel that goes (closed, or moved between the wrist and floating) gets no pointer-leave: start its hover count again.
  useEffect(
    () => () => {
      state.pointers.left = 0;
      state.pointers.right = 0;
    },
    [state],
  );
  const click = () => void state.clicks++;
  // The Time page only where a timeline can run (a date column, or a number named like a year).
  const pages: PanelPage[] = timeColumns(model.dataset.columns).length > 0 ? ['view', 'insights', 'time'] : ['view', 'insights'];
  const page = pages.includes(state.page) ? state.page : 'view';

  return (
    <Container
      ref={rootRef}
      pixelSize={PANEL_PIXEL_M}
      anchorX="center"
      anchorY="center"
      width={420}
      flexDirection="column"
      padding={16}
      gap={10}
      backgroundColor={PANEL_BG}
      borderRadius={12}
      onPointerEnter={(e) => {
        const side = eventSide(e);
        if (side) state.pointers[side]++;
      }}
      onPointerLeave={(e) => {
        const side = eventSide(e);
        if (side) state.pointers[side] = Math.max(0, state.pointers[side] - 1);
      }}
      onPointerDown={() => void state.presses++}
    >
      {/* The page tabs take the title's place: the panel is no taller for having pages. */}
      <Container flexDirection="row" justifyContent="space-between" alignItems="center">
        <Container flexDirection="row" gap={6}>
          {pages.map((p) => (
            <PanelButton key={p} refKey={keep(`page:${p}`)} active={p === page} onClick={() => onPage(p)}>
              {PAGE_TITLES[p]}
            </PanelButton>
          ))}
        </Container>
        <PanelButton refKey={keep('placement')} onClick={onPlacement}>
          {state.placement === 'float' ? 'to wrist' : 'float'}
        </PanelButton>
      </Container>
      <XrPendingLine state={state} />
      {page === 'insights' && <XrPanelInsights keep={keep} click={click} pointer={pointer} state={state} />}
      {page === 'time' && <XrPanelTime keep={keep} click={click} state={state} />}
      {page === 'view' && (
        <>
        <Text fontSize={PANEL_FONT} color={PANEL_MUTED}>
          Colour by
        </Text>
        <Container flexDirection="row" flexWrap="wrap" gap={6}>
          {choices.map((c) => (
            <PanelButton key={c.key} refKey={keep(`colour:${c.key}`)} active={c.key === active} disabled={!editable} onClick={() => {
                click();
                setEncoding(doc, 'color', c.encoding, origins.user);
              }}>
              {c.label}
            </PanelButton>
          ))}
        </Container>
        <Text fontSize={PANEL_FONT} color={PANEL_MUTED}>
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
              backgroundColor={PANEL_BUTTON}
              hover={{ backgroundColor: PANEL_ACTIVE }}
              opacity={r.shown ? 1 : 0.45}
              onClick={() => {
                click();
                if (editable) toggleClusterVisible(model, r.id);
              }}
            >
              <Container width={16} height={16} borderRadius={8} backgroundColor={clusterColor(r.id, palette)} />
              <Text fontSize={PANEL_FONT} color={PANEL_TEXT}>
                {`${r.name}${r.shown ? '' : ' (hidden)'}`}
              </Text>
            </Container>
          ))}
        </Container>
        <XrPanelFilters keep={keep} click={click} />
        <XrPanelNotes keep={keep} click={click} pointer={pointer} />
        <Container flexDirection="row" flexWrap="wrap" gap={6} alignItems="center">
          <PanelButton refKey={keep('follow')} active={following} onClick={() => {
            click();
            useUi.getState().setFollowing(!following);
          }}>
            {following ? 'following presenter' : 'follow presenter'}
          </PanelButton>
          <Text fontSize={PANEL_FONT} color={PANEL_MUTED}>
            Turn
          </Text>
          {SNAP_TURN_STEPS.map((deg) => (
            <PanelButton key={deg} refKey={keep(`snap:${deg}`)} active={rig.snapStepDeg === deg} onClick={() => {
              click();
              // Personal comfort: the step is this headset's own, not a shared edit.
              rig.snapStepDeg = deg;
              onChange();
            }}>
              {`${deg}°`}
            </PanelButton>
          ))}
        </Container>
        <Container flexDirection="row" flexWrap="wrap" gap={6} alignItems="center">
          <Text fontSize={PANEL_FONT} color={PANEL_MUTED}>
            Glide (left stick)
          </Text>
          {SMOOTH_SPEEDS.map((v) => (
            <PanelButton key={v} refKey={keep(`smooth:${v}`)} active={smooth.speed === v} onClick={() => {
              click();
              smooth.speed = v;
              onChange();
            }}>
              {v === 0 ? 'off' : `${v} m/s`}
            </PanelButton>
          ))}
        </Container>
        {bookmarks.length > 0 && (
          <>
            <Text fontSize={PANEL_FONT} color={PANEL_MUTED}>
              Bookmarks (go to)
            </Text>
            <Container flexDirection="row" flexWrap="wrap" gap={6}>
              {bookmarks.map((b) => (
                <PanelButton key={b.id} refKey={keep(`bookmark:${b.id}`)} onClick={() => {
                  click();
                  goToBookmark(model, b);
                }}>
                  {b.title}
                </PanelButton>
              ))}
            </Container>
          </>
        )}
        </>
      )}
    </Container>
  );
}

const PAGE_TITLES: Record<PanelPage, string> = { view: 'View', insights: 'Insights', time: 'Time' };
