/**
 * Centres a 3D layout on its mean and scales it so that 98% of points lie within radius 1:
 * every method's output lands in the same frame (the scene and XR size the cloud from it), and
 * a few far outliers do not shrink everyone else to a dot. In place; returns the array.
 */
export function normalizeLayout(positions: Float32Array): Float32Array {
  const n = positions.length / 3;
  if (n === 0) return positions;
  let cx = 0;
  let cy = 0;
  let cz = 0;
  for (let i = 0; i < n; i++) {
    cx += positions[3 * i];
    cy += positions[3 * i + 1];
    cz += positions[3 * i + 2];
  }
  cx /= n;
  cy /= n;
  cz /= n;
  const radii = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    positions[3 * i] -= cx;
    positions[3 * i + 1] -= cy;
    positions[3 * i + 2] -= cz;
    radii[i] = Math.hypot(positions[3 * i], positions[3 * i + 1], positions[3 * i + 2]);
  }
  radii.sort();
  const radius = radii[Math.min(n - 1, Math.floor(0.98 * (n - 1)))] || radii[n - 1] || 1;
  const scale = 1 / radius;
  for (let i = 0; i < positions.length; i++) positions[i] *= scale;
  return positions;
}
