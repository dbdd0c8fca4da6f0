/**
 * GLSL 3 (WebGL2) sources of the point-cloud material: every point is one GL point whose
 * fragment shader draws a lit sphere impostor plus optional rings (selection, highlight,
 * hover) and an anomaly halo. Sizes come from the projection matrix and the current viewport
 * height, so they stay right per eye in WebXR (PointsMaterial follows the canvas instead).
 *
 * Positions, colours and sizes are interpolated between a "prev" and a "next" attribute with
 * one uniform (uT, already eased on the CPU), so animating a million points costs the CPU one
 * float per frame.
 *
 * The flag bits decoded here are PointFlag (flags.ts); pixel-size rules are mirrored by the
 * CPU picker (point-size.ts): change them together.
 */
export const pointVertexShader = /* glsl */ `
precision highp float;
precision highp int;

uniform float uT;
uniform float uPointSize;
uniform float uViewportHeight;
uniform float uPixelRatio;
uniform float uMinPixels;
uniform float uMaxPointPx;
uniform int uFilterMode;
uniform int uHovered;
uniform float uFadedAlpha;
// The timeline (time-lens.ts): moment, window and fade on aTime's scale; uTimeOn 0 = off.
uniform int uTimeOn;
uniform float uTimeNow;
uniform float uTimeWindow;
uniform float uTimeFade;

in vec3 aPositionPrev;
in float aTime;
in vec4 aColor;
in vec4 aColorPrev;
in float aSize;
in float aSizePrev;
in uint aFlags;

flat out vec4 vColor;
flat out vec3 vInnerColor;
flat out vec4 vRings;
flat out float vSphere;
flat out float vSpritePx;
flat out float vViewZ;
flat out float vWorldRadius;
flat out float vFaded;
flat out float vHaloAlpha;

const vec3 SELECTED = vec3(1.0);
const vec3 OTHER_HOVER = vec3(0.22, 0.85, 1.0);
const vec3 HIGHLIGHT = vec3(1.0, 0.83, 0.23);
const vec3 LOCAL_HOVER = vec3(1.0, 0.97, 0.85);

void main() {
  bool passes = (aFlags & 1u) != 0u;
  if (!passes && uFilterMode == 1) {
    // Outside the clip volume: clipped before rasterisation, costs one vertex.
    gl_Position = vec4(2.0, 2.0, 2.0, 1.0);
    gl_PointSize = 0.0;
    return;
  }
  // Time: not yet, long gone or undated (aTime huge) → not drawn; past the window → fading out.
  float timeAlpha = 1.0;
  if (uTimeOn == 1) {
    float age = uTimeNow - aTime;
    if (age < 0.0 || age > uTimeWindow + uTimeFade) {
      gl_Position = vec4(2.0, 2.0, 2.0, 1.0);
      gl_PointSize = 0.0;
      return;
    }
    if (age > uTimeWindow) timeAlpha = 1.0 - (age - uTimeWindow) / max(uTimeFade, 1e-9);
  }
  vec3 pos = mix(aPositionPrev, position, uT);
  vec4 mv = modelViewMatrix * vec4(pos, 1.0);
  gl_Position = projectionMatrix * mv;

  float size = mix(aSizePrev, aSize, uT);
  vec4 color = mix(aColorPrev, aColor, uT);
  bool localHover = gl_VertexID == uHovered;
  // Dimmed (search non-matches) fades like a filtered-out point but keeps its size, so the
  // CPU picker's radius rule (point-size.ts) holds unchanged.
  bool lit = passes && (aFlags & 32u) == 0u;
  if (!lit) {
    float grey = dot(color.rgb, vec3(0.299, 0.587, 0.114)) * 0.35 + 0.3;
    color = vec4(vec3(grey), uFadedAlpha);
  }
  if (!passes) size *= 0.6;
  if (localHover) size *= 1.3;
  if (timeAlpha < 1.0) {
    color.a *= timeAlpha;
    size *= 0.5 + 0.5 * timeAlpha;
  }

  // Pixels per world unit at this depth, valid for perspective and orthographic projections.
  float pxPerUnit = uViewportHeight * 0.5 * projectionMatrix[1][1] / max(gl_Position.w, 1e-6);
  // uPointSize is in the cloud's own units; the XR shell scales the cloud into metres with its
  // model matrix (uniform scale, 1 on the desktop), and the pixel rule works in view units.
  float worldDiameter = uPointSize * size * length(modelMatrix[0].xyz);
  float diameterPx = max(worldDiameter * pxPerUnit, uMinPixels * uPixelRatio);
  float rPx = diameterPx * 0.5;

  bool inner = (passes && (aFlags & 18u) != 0u) || (lit && (aFlags & 8u) != 0u) || (passes && localHover);
  bool outer = lit && (aFlags & 4u) != 0u;
  // Rings scale with the sphere: at least 2 px wide with a 1 px dark gap, so a 3 px sphere's
  // ring still reads; a sixth of the radius on mid-size spheres; at most 7 px, so a close-up
  // sphere gets an outline, not a white band over its neighbours.
  float ringW = clamp(rPx * 0.16, 2.0 * uPixelRatio, 7.0 * uPixelRatio);
  float gap = clamp(rPx * 0.08, 1.0 * uPixelRatio, 3.0 * uPixelRatio);
  float innerStart = rPx + gap;
  float innerEnd = innerStart + ringW;
  float outerStart = (inner ? innerEnd : rPx) + gap;
  float outerEnd = outerStart + ringW * 1.4;
  float spriteR = (outer ? outerEnd : (inner ? innerEnd : rPx)) + 1.0;
  spriteR = min(spriteR, uMaxPointPx * 0.5);

  gl_PointSize = spriteR * 2.0;
  vSpritePx = spriteR;
  vSphere = rPx / spriteR;
  vRings = vec4(
    inner ? innerStart / spriteR : -1.0, inner ? innerEnd / spriteR : -1.0,
    outer ? outerStart / spriteR : -1.0, outer ? outerEnd / spriteR : -1.0);
  vInnerColor = localHover ? LOCAL_HOVER
    : (aFlags & 2u) != 0u ? SELECTED
    : (aFlags & 16u) != 0u ? OTHER_HOVER
    : HIGHLIGHT;
  // Lighting happens in linear space; decode sRGB once per point here, not per fragment.
  vColor = vec4(color.rgb * color.rgb, color.a);
  vViewZ = mv.z;
  vWorldRadius = rPx / pxPerUnit;
  // A point fading out of the timeline's window blends and sits behind, like a faded one.
  vFaded = lit && timeAlpha >= 1.0 ? 0.0 : 1.0;
  // Tiny points in dense clouds: a full-strength halo around each would bury the cloud.
  vHaloAlpha = clamp(rPx / (4.0 * uPixelRatio), 0.4, 1.0);

#ifndef SPHERE_DEPTH
  // Without per-fragment depth, faded points still sit behind everything.
  if (!lit || timeAlpha < 1.0) gl_Position.z = gl_Position.w;
#endif
}
`;

export const pointFragmentShader = /* glsl */ `
precision highp float;
precision highp int;

uniform mat4 projectionMatrix;

layout(location = 0) out highp vec4 fragColor;

flat in vec4 vColor;
flat in vec3 vInnerColor;
flat in vec4 vRings;
flat in float vSphere;
flat in float vSpritePx;
flat in float vViewZ;
flat in float vWorldRadius;
flat in float vFaded;
flat in float vHaloAlpha;

const vec3 HALO = vec3(1.0, 0.36, 0.2);
// normalize(-0.42, 0.62, 0.66) and the half vector between it and the view direction (0, 0, 1).
const vec3 LIGHT_DIR = vec3(-0.4208, 0.6211, 0.6612);
const vec3 HALF_DIR = vec3(-0.2308, 0.3408, 0.9114);

float band(float d, float a, float b, float px) {
  return clamp(min(d - a, b - d) / px + 0.5, 0.0, 1.0);
}

float windowDepth(float viewZ) {
  float clipZ = projectionMatrix[2][2] * viewZ + projectionMatrix[3][2];
  float clipW = projectionMatrix[2][3] * viewZ + projectionMatrix[3][3];
  return (clipZ / clipW) * 0.5 + 0.5;
}

void main() {
  vec2 c = gl_PointCoord * 2.0 - 1.0;
  c.y = -c.y;
  float d2 = dot(c, c);
  if (d2 > 1.0) discard; // the sprite's corners: nothing is drawn there
  float d = sqrt(d2);
  float px = 1.0 / vSpritePx;

  float sphereA = clamp((vSphere - d) / px + 0.5, 0.0, 1.0);
  float innerA = vRings.x >= 0.0 ? band(d, vRings.x, vRings.y, px) : 0.0;
  // The gap between sphere and ring is dark, not see-through: the ring reads on any neighbour.
  float gapA = vRings.x >= 0.0 ? band(d, vSphere, vRings.x, px) : 0.0;
  float outerA = vRings.z >= 0.0 ? band(d, vRings.z, vRings.w, px) : 0.0;
  float a = max(max(sphereA, gapA), max(innerA, outerA));
  if (a < 0.02) discard;

  vec3 rgb;
  float nz = 0.0;
  if (sphereA > 0.0) {
    vec2 n2 = c / vSphere;
    nz = sqrt(max(1.0 - dot(n2, n2), 0.0));
    vec3 n = vec3(n2, nz);
    float diffuse = max(dot(n, LIGHT_DIR), 0.0);
    // Blinn-Phong highlight, exponent 32 by repeated squaring (pow is slow on software GL and mobile GPUs).
    float h = max(dot(n, HALF_DIR), 0.0);
    h *= h; h *= h; h *= h; h *= h; h *= h;
    vec3 lit = vColor.rgb * (0.3 + 0.85 * diffuse) + vec3(0.32 * h) * (1.0 - vFaded);
    lit *= 0.7 + 0.3 * nz;
    // Gamma 2 encode: matches the squaring decode in the vertex shader.
    rgb = sqrt(lit);
    a = sphereA * vColor.a;
  } else if (innerA > 0.0) {
    rgb = vInnerColor;
    a = innerA;
  } else if (gapA > 0.0) {
    rgb = vec3(0.02, 0.03, 0.05);
    a = gapA * 0.9;
  } else {
    // The halo fades outwards so it reads as a glow, not a second sphere.
    float t = (d - vRings.z) / max(vRings.w - vRings.z, 1e-4);
    rgb = HALO;
    a = outerA * (1.0 - 0.55 * t) * vHaloAlpha;
  }
  fragColor = vec4(rgb, a);

#ifdef SPHERE_DEPTH
  // Faded points go to the far plane: never in front of a point that passes the filter.
  gl_FragDepth = vFaded > 0.5 ? 1.0 : windowDepth(vViewZ + nz * vWorldRadius);
#endif
}
`;
