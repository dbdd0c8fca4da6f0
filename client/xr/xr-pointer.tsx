import { useFrame } from '@react-three/fiber';
import { useEffect, useMemo, useRef } from 'react';
import * as THREE from 'three';
import { clusterName } from '../../shared/encodings/point-values.ts';
import { formatCell } from '../encodings/format-cell.ts';
import type { SceneController } from '../scene/scene-controller.ts';
import type { Vec3 } from '../scene/types.ts';
import { useCloud, useSession } from '../session/session-model.ts';
import { toggleClusterSelection } from '../session/selection-actions.ts';
import type { SceneBindings } from '../session/use-scene-bindings.ts';
import { imageColumnOf } from '../session/image-column.ts';
import { cardImageCell, loadCardImage, type CardImage } from './card-image.ts';
import { cardDistance, cardLines, cardTextHeight } from './card-layout.ts';
import { cardTexture, drawCard } from './card-texture.ts';
import { pointerOf } from './input-sources.ts';
import { PanelHitTest } from './panel-hit.ts';
import type { PointerState } from './pointer-state.ts';
import type { XrRig } from './xr-rig.ts';

/** xr-standard index of the right controller's A button. */
const A_BUTTON = 4;

/**
 * Angular slack of the pointing ray: Meta's guidance makes ray targets at least 48 mm across at
 * 1 m; a point hit within 0.024 rad of its edge gives every point that much target whatever its
 * drawn size, and hand tremor no longer flickers the hover between neighbours.
 */
export const RAY_TOLERANCE_RAD = Math.atan(0.024);
/** How long the ray is drawn when it points at nothing, metres. */
const IDLE_RAY_M = 3;
/** Gap between the ray and the card's near edge, metres at the card's distance. */
const CARD_GAP_M = 0.04;
const NEG_Z = new THREE.Vector3(0, 0, -1);

/**
 * The right ray (a controller's, or a tracked hand's pinch ray): every frame it asks the scene's
 * spatial pick (the kd-tree cone query of pick-ray.ts, not a scan of the points) which point it
 * passes through, highlights it, shares it as our hover, and floats a card with its row beside
 * it, sized to stay legible. The in-scene UI (the panel) stops the ray in the same frame: a point
 * behind the panel is never hovered. A right controller's trigger (WebXR 'selectstart') picks the
 * point into the shared selection (bindings.pick, as a shift-click does); a hand's pinch picks when
 * it ends (xr-hands.tsx).
 */
export function XrPointer({ rig, controller, bindings, state }: { rig: XrRig; controller: SceneController; bindings: SceneBindings; state: PointerState }) {
  const model = useSession();
  // What the cloud shows per point (the pending analysis's clusters once shown ahead of its result).
  const { ctx } = useCloud();
  const shownCtx = useRef(ctx);
  shownCtx.current = ctx;
  const parts = useMemo(() => {
    const ray = new THREE.Line(
      new THREE.BufferGeometry().setFromPoints([new THREE.Vector3(0, 0, 0), new THREE.Vector3(0, 0, -1)]),
      new THREE.LineBasicMaterial({ color: '#8cc8ff', transparent: true, opacity: 0.8 }),
    );
    ray.visible = false;
    const canvas = document.createElement('canvas');
    const material = new THREE.MeshBasicMaterial({ transparent: true, depthTest: false, toneMapped: false });
    const card = new THREE.Mesh(new THREE.PlaneGeometry(1, 1), material);
    // Drawn over the cloud and its cluster names (10): a card half buried among points or labels cannot be read.
    card.renderOrder = 11;
    card.visible = false;
    state.cardCanvas = canvas;
    return { ray, canvas, material, card };
  }, [state]);
  useEffect(
    () => () => {
      parts.ray.geometry.dispose();
      parts.material.map?.dispose();
      parts.material.dispose();
      parts.card.geometry.dispose();
    },
    [parts],
  );

  const m = useMemo(
    () => ({ panels: new PanelHitTest(), pose: new THREE.Matrix4(), world: new THREE.Matrix4(), inverse: new THREE.Matrix4(), o: new THREE.Vector3(), d: new THREE.Vector3(), lo: new THREE.Vector3(), ld: new THREE.Vector3(), origin: [0, 0, 0] as Vec3, direction: [0, 0, -1] as Vec3 }),
    [],
  );

  // The select gesture, whatever the input: a controller's trigger or a hand's pinch.
  const session = useRef<XRSession | null>(null);
  const onSelect = useRef((e: XRInputSourceEvent) => {
    // On the panel the select is the panel's click, not a pick of the point behind it; a hand's pinch is xr-hands.tsx's.
    if (e.inputSource.handedness === 'right' && !e.inputSource.hand && state.hovered >= 0 && !state.overPanel) latestPick.current(state.hovered, true);
  });
  const latestPick = useRef(bindings.pick);
  latestPick.current = bindings.pick;
  const listen = (next: XRSession) => {
    session.current?.removeEventListener('selectstart', onSelect.current);
    session.current = next;
    next.addEventListener('selectstart', onSelect.current);
  };
  useEffect(
    () => () => {
      session.current?.removeEventListener('selectstart', onSelect.current);
      // Out of VR we hover nothing any more: others stop seeing our ring.
      if (state.hovered >= 0) latestHover.current(null);
    },
    [state],
  );
  const latestHover = useRef(bindings.hover);
  latestHover.current = bindings.hover;

  const imageColumn = useMemo(() => imageColumnOf(model.dataset), [model.dataset]);
  const showCard = (index: number, distanceM: number) => {
    const { card, canvas, material } = parts;
    const row = model.arrays.rowIndex[index];
    const title = `${clusterName(shownCtx.current.cluster[index])} · row ${row + 1}`;
    const at = cardDistance(distanceM);
    const h = cardTextHeight(at);
    state.cardPoint = index;
    state.cardLines = [];
    state.cardDistance = at;
    state.cardTextHeight = h;
    const head = rig.head();
    // Along the ray at the card's distance, then to the ray's right, facing the eyes.
    const o = new THREE.Vector3(...state.rayOrigin);
    const d = new THREE.Vector3(...state.rayDirection);
    const right = new THREE.Vector3().crossVectors(d, new THREE.Vector3(0, 1, 0)).normalize();
    const place = (lines: string[], image: CardImage = { state: 'none' }) => {
      const size = drawCard(canvas, lines, '#8cc8ff', image);
      const shown = image.state === 'shown' ? image.image : null;
      state.cardImage = { state: image.state, naturalWidth: shown?.naturalWidth ?? 0, naturalHeight: shown?.naturalHeight ?? 0, rect: size.imageRect };
      // A new texture per drawing: the canvas changed size, and a GPU texture keeps its first size.
      material.map?.dispose();
      material.map = cardTexture(canvas);
      material.needsUpdate = true;
      const height = size.heightInFonts * h;
      const width = size.aspect * height;
      card.scale.set(width, height, 1);
      card.position.copy(o).addScaledVector(d, at).addScaledVector(right, width / 2 + CARD_GAP_M);
      card.lookAt(head[0], head[1], head[2]);
      card.visible = true;
    };
    // With an image column the image's box is kept from the start: the card does not jump when it arrives.
    place([title], imageColumn === null ? { state: 'none' } : { state: 'loading' });
    model.rows.get(row).then(
      (values) => {
        if (state.cardPoint !== index) return;
        const lines = cardLines(title, Object.entries(values).map(([k, v]) => [k, formatCell(v)] as const));
        state.cardLines = lines;
        const cell = cardImageCell(imageColumn, values);
        place(lines, cell === null ? { state: 'none' } : { state: 'loading' });
        if (cell === null) return;
        // Once per hovered row (never per frame), and drawn only if the ray is still on that row.
        loadCardImage(model.dataset.id, cell).then(
          (image) => {
            if (state.cardPoint === index) place(lines, { state: 'shown', image });
          },
          (error: unknown) => {
            if (state.cardPoint === index) place(lines, { state: 'failed', reason: error instanceof Error ? error.message : String(error) });
          },
        );
      },
      () => undefined,
    );
  };

  useFrame((three, _delta, frame: XRFrame | undefined) => {
    const ref = three.gl.xr.getReferenceSpace();
    const { ray, card } = parts;
    if (!frame || !ref || !rig.origin || !rig.cloud) return;
    const source = pointerOf(frame.session, 'right');
    const pose = source ? frame.getPose(source.targetRaySpace, ref) : undefined;
    if (!source || !pose) {
      ray.visible = false;
      state.rayLengthM = 0;
      state.overPanel = false;
      state.surface = null;
      return;
    }
    const { world, inverse, o, d, lo, ld, origin, direction } = m;
    rig.origin.updateWorldMatrix(true, false);
    world.multiplyMatrices(rig.origin.matrixWorld, m.pose.fromArray(pose.transform.matrix));
    o.setFromMatrixPosition(world);
    d.set(0, 0, -1).transformDirection(world);
    state.rayOrigin[0] = o.x;
    state.rayOrigin[1] = o.y;
    state.rayOrigin[2] = o.z;
    state.rayDirection[0] = d.x;
    state.rayDirection[1] = d.y;
    state.rayDirection[2] = d.z;

    // Into the cloud's own units, where the pick index lives (angles survive the uniform scale).
    rig.cloud.updateWorldMatrix(true, false);
    inverse.copy(rig.cloud.matrixWorld).invert();
    lo.copy(o).applyMatrix4(inverse);
    ld.copy(d).transformDirection(inverse);
    origin[0] = lo.x;
    origin[1] = lo.y;
    origin[2] = lo.z;
    direction[0] = ld.x;
    direction[1] = ld.y;
    direction[2] = ld.z;
    const hit = controller.pickRay(origin, direction, RAY_TOLERANCE_RAD);
    const pointM = hit ? hit.distance * rig.scale() : Infinity;
    // The panel, when nearer along the ray than the point, takes the ray: no point is hovered behind it.
    const panelM = m.panels.nearest(state.surfaces, o, d);
    state.overPanel = panelM < pointM;
    state.surface = state.overPanel ? m.panels.hit : null;
    const index = hit && !state.overPanel ? hit.index : -1;
    const lengthM = state.overPanel ? panelM : hit ? pointM : IDLE_RAY_M;

    ray.visible = true;
    state.rayLengthM = lengthM;
    ray.position.copy(o);
    ray.quaternion.setFromUnitVectors(NEG_Z, d);
    ray.scale.set(1, 1, lengthM);

    if (index !== state.hovered) {
      state.hovered = index;
      if (index >= 0) state.lastPointed = index;
      controller.setHovered(index);
      bindings.hover(index < 0 ? null : index);
      if (index >= 0) showCard(index, lengthM);
      else {
        card.visible = false;
        state.cardPoint = -1;
        state.cardLines = [];
        state.cardImage = { state: 'none', naturalWidth: 0, naturalHeight: 0, rect: null };
      }
    }

    if (frame.session !== session.current) listen(frame.session);
    // The second gesture (A, the right thumb's button): the pointed point's whole cluster joins or leaves the shared selection.
    const a = source.gamepad?.buttons[A_BUTTON]?.pressed ?? false;
    if (a && !state.aDown && index >= 0 && !state.overPanel) {
      toggleClusterSelection(model, model.arrays.cluster[index]);
      state.clusterToggles++;
    }
    state.aDown = a;
  });

  return (
    <>
      <primitive object={parts.ray} />
      <primitive object={parts.card} />
    </>
  );
}
