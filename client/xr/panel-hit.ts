import * as THREE from 'three';

/**
 * Where a world ray meets a uikit root (the VR panel, the wrist button), in the frame loop and in
 * the same frame: the pointer library learns of a panel hit only when it raycasts, after our pick
 * ran, so a point behind the panel would win for that frame. A uikit component is a mesh of a unit
 * plane (−½…½ in x and y, z = 0) that its world matrix stretches over its laid-out box; a ray is
 * tested against that rectangle. Allocates nothing per call.
 */
export class PanelHitTest {
  private readonly inverse = new THREE.Matrix4();
  private readonly o = new THREE.Vector3();
  private readonly tip = new THREE.Vector3();

  /** Distance (world units, `direction` unit length) to where the ray enters `surface`'s rectangle; Infinity if it does not. */
  distance(surface: THREE.Object3D, origin: THREE.Vector3, direction: THREE.Vector3): number {
    if (!visibleInWorld(surface) || !laidOut(surface)) return Infinity;
    surface.updateWorldMatrix(true, false);
    if (surface.matrixWorld.determinant() === 0) return Infinity;
    this.inverse.copy(surface.matrixWorld).invert();
    // Origin and origin + direction in the plane's space: an affine map keeps the ray's parameter, so t is world distance.
    const o = this.o.copy(origin).applyMatrix4(this.inverse);
    const d = this.tip.copy(origin).add(direction).applyMatrix4(this.inverse).sub(o);
    if (Math.abs(d.z) < 1e-12) return Infinity;
    const t = -o.z / d.z;
    if (t <= 0) return Infinity;
    const x = o.x + t * d.x;
    const y = o.y + t * d.y;
    return Math.abs(x) <= 0.5 && Math.abs(y) <= 0.5 ? t : Infinity;
  }

  /** The nearest of `surfaces` along the ray (`hit`: that surface, null when none is; distance Infinity then). */
  nearest(surfaces: readonly THREE.Object3D[], origin: THREE.Vector3, direction: THREE.Vector3): number {
    let best = Infinity;
    this.hit = null;
    for (let k = 0; k < surfaces.length; k++) {
      const t = this.distance(surfaces[k], origin, direction);
      if (t < best) {
        best = t;
        this.hit = surfaces[k];
      }
    }
    return best;
  }

  /** The surface the last `nearest` found. */
  hit: THREE.Object3D | null = null;
}

function visibleInWorld(o: THREE.Object3D): boolean {
  for (let p: THREE.Object3D | null = o; p; p = p.parent) if (!p.visible) return false;
  return true;
}

/** A uikit component has its size once laid out (until then its world matrix is not its box). */
function laidOut(o: THREE.Object3D): boolean {
  const size = (o as { size?: { peek(): unknown } }).size;
  return size === undefined || size.peek() !== undefined;
}

/**
 * Lets the pointer library's rays press a uikit component from either side of its plane. Its
 * raycast is three's Mesh.raycast against the component's own material (never drawn: uikit draws
 * panels and text as instanced meshes), which culls back faces; a panel on a turned left wrist is
 * often met by the right ray from behind its plane while the eyes see its face (under emulation,
 * half the wrist poses tried could not be pressed at all). Our own hit test (above) is two-sided.
 */
export function pressableFromBothSides(o: THREE.Object3D): void {
  const material = (o as THREE.Mesh).material;
  if (material instanceof THREE.Material) material.side = THREE.DoubleSide;
}
