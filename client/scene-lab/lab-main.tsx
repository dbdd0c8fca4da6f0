import { useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { PointFlag } from '../../shared/scene/flags.ts';
import { PointScene } from '../scene/point-scene.tsx';
import type { FilterMode, PointCloudData, PointSceneHandle } from '../scene/types.ts';
import { filterToCluster, generateLabCloud } from './lab-data.ts';
import { labOverlays } from './lab-overlays.ts';
import { StockScene } from './stock-scene.tsx';
import { frameStats, nextFrame, orbitStep, type SceneLabHooks } from './lab-hooks.ts';

declare global {
  interface Window {
    __sceneLab?: SceneLabHooks;
  }
}

const params = new URLSearchParams(location.search);
const n = Math.max(1, Math.min(5_000_000, Number(params.get('n') ?? 20000) || 20000));
const sphereDepth = params.get('depth') !== 'off';
const stock = params.get('renderer') === 'stock';
const motionBudget = Number(params.get('budget') ?? Infinity);
const t0 = performance.now();
const cloud = generateLabCloud(n);
const generateMs = performance.now() - t0;
const overlays = params.get('overlays') === '1' ? labOverlays(cloud) : null;

function Lab() {
  const handle = useRef<PointSceneHandle | null>(null);
  const [data, setData] = useState<PointCloudData>(cloud.data);
  const [filterMode, setFilterMode] = useState<FilterMode>('fade');
  const [transitionMs, setTransitionMs] = useState(Number(params.get('transition') ?? 600));
  const [hoverText, setHoverText] = useState('');
  const dataRef = useRef(data);
  dataRef.current = data;

  if (!window.__sceneLab) {
    const events: SceneLabHooks['events'] = { hover: null, hoverCount: 0, click: null, clickCount: 0, lasso: null, doubleClick: null };
    const h = () => {
      if (!handle.current) throw new Error('scene not mounted');
      return handle.current;
    };
    window.__sceneLab = {
      n,
      cloud,
      events,
      timings: { generateMs, pickReadyMs: NaN },
      async ready() {
        while (!handle.current || !handle.current.isPickReady()) await new Promise((r) => setTimeout(r, 20));
        if (Number.isNaN(this.timings.pickReadyMs)) {
          this.timings.pickReadyMs = performance.now() - t0 - generateMs;
          if (stock) await handle.current.resetView(false);
        }
        await nextFrame();
      },
      nextFrame,
      project: (i) => h().project(i),
      pick(x, y) {
        const t = performance.now();
        const hit = h().pick(x, y);
        return { index: hit ? hit.index : null, ms: performance.now() - t };
      },
      pickMany(points) {
        const times: number[] = [];
        let hits = 0;
        for (const [x, y] of points) {
          const t = performance.now();
          if (h().pick(x, y)) hits++;
          times.push(performance.now() - t);
        }
        const s = frameStats(times);
        return { hits, meanMs: s.meanMs, medianMs: s.medianMs, p95Ms: s.p95Ms, maxMs: Math.max(...times) };
      },
      lasso(polygon) {
        const t = performance.now();
        const indices = h().lasso(new Float32Array(polygon));
        return { indices: Array.from(indices), ms: performance.now() - t };
      },
      async measureFrames(ms) {
        const intervals: number[] = [];
        let last = -1;
        const end = performance.now() + ms;
        await new Promise<void>((resolve) => {
          const step = (now: number) => {
            if (last >= 0) intervals.push(now - last);
            last = now;
            if (now >= end) return resolve();
            void orbitStep(h(), 0.01);
            requestAnimationFrame(step);
          };
          requestAnimationFrame(step);
        });
        return frameStats(intervals);
      },
      renderTime(repeats) {
        const canvas = h().getCanvas();
        const gl = canvas?.getContext('webgl2');
        if (!gl) throw new Error('no WebGL2 canvas');
        const pixel = new Uint8Array(4);
        const times: number[] = [];
        for (let i = 0; i < repeats; i++) {
          const t = performance.now();
          void orbitStep(h(), 0.01);
          h().renderNow();
          gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, pixel);
          times.push(performance.now() - t);
        }
        const s = frameStats(times);
        return { meanMs: s.meanMs, medianMs: s.medianMs };
      },
      async filterCluster(c) {
        setData((d) => ({ ...d, flags: filterToCluster(cloud.data.flags, cloud.cluster, c) }));
        await nextFrame();
      },
      async setFilterMode(mode) {
        setFilterMode(mode);
        await nextFrame();
      },
      async setTransitionMs(ms) {
        setTransitionMs(ms);
        await nextFrame();
      },
      async morph() {
        // Sideways, along the camera's right: no point changes depth, so each one's screen x
        // moves in proportion to the transition's eased progress.
        const { position, target } = h().getCamera();
        const forward = target.map((v, i) => v - position[i]);
        const flat = Math.hypot(forward[0], forward[2]);
        const step = Math.hypot(...forward) / 6;
        const dx = (-forward[2] / flat) * step;
        const dz = (forward[0] / flat) * step;
        const p = new Float32Array(dataRef.current.positions);
        for (let i = 0; i < p.length; i += 3) {
          p[i] += dx;
          p[i + 2] += dz;
        }
        const before = performance.now();
        // The scene is another React renderer (react-three-fiber), which applies the data a task
        // or so later: wait until the transition has started and report its start.
        setData((d) => ({ ...d, positions: p }));
        const deadline = before + 20_000;
        while (h().transitionStart() <= before) {
          if (performance.now() > deadline) throw new Error('the transition never started');
          await new Promise((r) => setTimeout(r, 10));
        }
        return { start: h().transitionStart() };
      },
      litCentroidX(now) {
        const canvas = h().getCanvas();
        const gl = canvas?.getContext('webgl2');
        if (!canvas || !gl) throw new Error('no WebGL2 canvas');
        h().renderNow(now);
        const { width, height } = canvas;
        const px = new Uint8Array(width * height * 4);
        gl.readPixels(0, 0, width, height, gl.RGBA, gl.UNSIGNED_BYTE, px);
        let sum = 0;
        let lit = 0;
        for (let i = 0; i < px.length; i += 4) {
          if (Math.max(px[i], px[i + 1], px[i + 2]) < 60) continue;
          sum += (i / 4) % width;
          lit++;
        }
        return lit ? (sum / lit) * (canvas.clientWidth / width) : NaN;
      },
      getCamera: () => h().getCamera(),
      getCameraGoal: () => h().getCameraGoal(),
      setCamera: (pose) => h().setCamera(pose, false),
      resetView: () => h().resetView(false),
    };
  }
  const lab = window.__sceneLab;

  return (
    <>
      {stock ? (
        <StockScene ref={handle} data={data} />
      ) : (
        <PointScene
          ref={handle}
          data={data}
          filterMode={filterMode}
          transitionMs={transitionMs}
          sphereDepth={sphereDepth}
          motionPointBudget={motionBudget}
          avatars={overlays?.avatars}
          pins={overlays?.pins}
          links={overlays?.links}
          onHover={(i) => {
            lab.events.hover = i;
            lab.events.hoverCount++;
            setHoverText(i === null ? '' : `point ${i} · cluster ${cloud.cluster[i]}`);
          }}
          onClick={(i) => {
            lab.events.click = i;
            lab.events.clickCount++;
          }}
          onDoubleClick={(i) => (lab.events.doubleClick = i)}
          onLasso={(indices) => {
            lab.events.lasso = Array.from(indices);
            // Show the selection the way the app will: the Selected ring on exactly these points.
            setData((d) => {
              const flags = d.flags.slice();
              for (let i = 0; i < flags.length; i++) flags[i] &= ~PointFlag.Selected;
              for (const i of indices) flags[i] |= PointFlag.Selected;
              return { ...d, flags };
            });
          }}
        />
      )}
      <div style={{ position: 'absolute', top: 10, left: 12, pointerEvents: 'none', opacity: 0.85 }}>
        scene lab · {n.toLocaleString()} points {hoverText && `· ${hoverText}`}
      </div>
    </>
  );
}

const root = document.getElementById('root');
if (!root) throw new Error('#root missing');
// `?xr=1`: the cloud in the immersive mode's scene, for the XR frame-time bench (xr-lab.tsx).
if (params.get('xr') === '1') {
  const vrBudget = Number(params.get('vrBudget') ?? Infinity);
  void import('./xr-lab.tsx').then(({ XrLab }) => createRoot(root).render(<XrLab data={cloud.data} pointBudget={vrBudget} />));
} else createRoot(root).render(<Lab />);
