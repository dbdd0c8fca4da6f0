import FFT from 'fft.js';

/**
 * Discrete convolution of fields on a G×G×G grid with a radially symmetric kernel, through FFTs
 * of size L ≥ 2G − 1 per axis (the kernel embedded in a circulant, as FIt-SNE does in 2-D), the
 * 1-D passes done by fft.js. Two real fields travel as the real and imaginary parts of one
 * complex field: the kernel is real and even, so its spectrum is real and the two results come
 * back apart in the real and imaginary parts.
 *
 * Zero padding is skipped rather than transformed: the first pass along c touches only the G²
 * lines holding data, the second G·L, the third (forward, multiply by the spectrum, inverse in
 * one go) all L², and the inverse passes only the lines whose outputs are kept. That is 3.5·L²
 * line transforms per pair of fields instead of 6·L².
 */
export interface GridConvolution {
  /** Grid points per axis (G). */
  grid: number;
  /** FFT length per axis (L, a power of two, at least 2G − 1). */
  size: number;
  /**
   * Complex working field, a < G only, re/im interleaved: element (a, b, c) at
   * a·strideA + b·strideB + 2c. The strides are padded off powers of two: lines read with a
   * power-of-two stride all fall in one cache set and evict each other (measured 2× slower).
   */
  work: Float64Array;
  strideA: number;
  strideB: number;
  /** Real spectrum of the kernel, stored along a fastest: index ((b·L + c)·L + a). */
  spectrum: Float64Array;
  /** Kernel argument the spectrum holds (grid spacing²), NaN before the first setKernel. */
  spacing2: number;
  fft: FFT;
  line: Float64Array;
  lineOut: Float64Array;
}

export function fftSizeFor(grid: number): number {
  let size = 2;
  while (size < 2 * grid - 1) size *= 2;
  return size;
}

export function createGridConvolution(grid: number, shared = false): GridConvolution {
  const size = fftSizeFor(grid);
  const floats = (count: number) => new Float64Array(shared ? new SharedArrayBuffer(8 * count) : new ArrayBuffer(8 * count));
  const strideB = 2 * size + 8;
  const strideA = strideB * size + 8;
  return {
    grid,
    size,
    work: floats(strideA * grid),
    strideA,
    strideB,
    spectrum: floats(size * size * size),
    spacing2: Number.NaN,
    fft: new FFT(size),
    line: new Float64Array(2 * size),
    lineOut: new Float64Array(2 * size),
  };
}

/**
 * Sets the kernel to kernel(r²) between grid points `spacing` apart (the spectrum of its
 * circulant embedding). Skipped when the spacing is unchanged.
 */
export function setKernel(conv: GridConvolution, kernel: (r2: number) => number, spacing: number): void {
  const s2 = spacing * spacing;
  if (s2 === conv.spacing2) return;
  const L = conv.size;
  const { fft, line, lineOut, spectrum } = conv;
  const wrap = (i: number) => (i <= L / 2 ? i : L - i);
  // The kernel is even along every axis, so its spectrum is real and even too; a complex field of
  // L³ would double the memory for imaginary parts that come out zero. Transform axis by axis,
  // keeping only real parts: exact, because each 1-D transform of an even real line is real.
  const field = spectrum;
  for (let a = 0; a < L; a++) {
    const da = wrap(a);
    for (let b = 0; b < L; b++) {
      const db = wrap(b);
      for (let c = 0; c < L; c++) {
        const dc = wrap(c);
        field[(b * L + c) * L + a] = kernel(s2 * (da * da + db * db + dc * dc));
      }
    }
  }
  // Stride of each axis in `field`'s order (b, c, a).
  for (const stride of [1, L, L * L]) {
    for (let u = 0; u < L * L; u++) {
      // The line's first element: u enumerates the other two axes.
      const start = stride === 1 ? u * L : stride === L ? Math.floor(u / L) * L * L + (u % L) : u;
      for (let t = 0; t < L; t++) {
        line[2 * t] = field[start + t * stride];
        line[2 * t + 1] = 0;
      }
      fft.transform(lineOut, line);
      for (let t = 0; t < L; t++) field[start + t * stride] = lineOut[2 * t];
    }
  }
  conv.spacing2 = s2;
}

/**
 * outU = kernel ⊛ u and outV = kernel ⊛ v on the G³ grid (index (a·G + b)·G + c). The passes
 * are exposed in `convolvePasses` so two threads can share each of them by lines.
 */
export function convolvePair(conv: GridConvolution, u: Float64Array, v: Float64Array, outU: Float64Array, outV: Float64Array): void {
  for (const pass of convolvePasses) pass(conv, u, v, outU, outV, 0, passLines(conv, pass));
}

type Pass = (conv: GridConvolution, u: Float64Array, v: Float64Array, outU: Float64Array, outV: Float64Array, from: number, to: number) => void;

/** Forward along c for the G² lines (a, b) that hold data. */
const forwardC: Pass = (conv, u, v, _outU, _outV, from, to) => {
  const { grid: G, work, strideA, strideB, fft, line, lineOut } = conv;
  line.fill(0);
  for (let ab = from; ab < to; ab++) {
    const a = Math.floor(ab / G), b = ab - a * G;
    const src = ab * G;
    for (let c = 0; c < G; c++) {
      line[2 * c] = u[src + c];
      line[2 * c + 1] = v[src + c];
    }
    fft.transform(lineOut, line);
    work.set(lineOut, a * strideA + b * strideB);
  }
};

/** Forward along b for the G·L lines (a, c); rows b ≥ G are zero padding. */
const forwardB: Pass = (conv, _u, _v, _outU, _outV, from, to) => {
  const { grid: G, size: L, work, strideA, strideB, fft, line, lineOut } = conv;
  line.fill(0);
  for (let ac = from; ac < to; ac++) {
    const a = Math.floor(ac / L), c = ac - a * L;
    const base = a * strideA + 2 * c;
    for (let b = 0; b < G; b++) {
      line[2 * b] = work[base + b * strideB];
      line[2 * b + 1] = work[base + b * strideB + 1];
    }
    fft.transform(lineOut, line);
    for (let b = 0; b < L; b++) {
      work[base + b * strideB] = lineOut[2 * b];
      work[base + b * strideB + 1] = lineOut[2 * b + 1];
    }
  }
};

/** Along a for all L² lines (b, c): forward, times the kernel's spectrum, inverse; keeps a < G. */
const multiplyA: Pass = (conv, _u, _v, _outU, _outV, from, to) => {
  const { grid: G, size: L, work, strideA: stride, strideB, spectrum, fft, line, lineOut } = conv;
  for (let bc = from; bc < to; bc++) {
    const b = Math.floor(bc / L);
    const base = b * strideB + 2 * (bc - b * L);
    line.fill(0);
    for (let a = 0; a < G; a++) {
      line[2 * a] = work[base + a * stride];
      line[2 * a + 1] = work[base + a * stride + 1];
    }
    fft.transform(lineOut, line);
    const s = bc * L;
    for (let a = 0; a < L; a++) {
      lineOut[2 * a] *= spectrum[s + a];
      lineOut[2 * a + 1] *= spectrum[s + a];
    }
    fft.inverseTransform(line, lineOut);
    for (let a = 0; a < G; a++) {
      work[base + a * stride] = line[2 * a];
      work[base + a * stride + 1] = line[2 * a + 1];
    }
  }
};

/** Inverse along b for the G·L lines (a, c); keeps b < G. */
const inverseB: Pass = (conv, _u, _v, _outU, _outV, from, to) => {
  const { grid: G, size: L, work, strideA, strideB, fft, line, lineOut } = conv;
  for (let ac = from; ac < to; ac++) {
    const a = Math.floor(ac / L), c = ac - a * L;
    const base = a * strideA + 2 * c;
    for (let b = 0; b < L; b++) {
      line[2 * b] = work[base + b * strideB];
      line[2 * b + 1] = work[base + b * strideB + 1];
    }
    fft.inverseTransform(lineOut, line);
    for (let b = 0; b < G; b++) {
      work[base + b * strideB] = lineOut[2 * b];
      work[base + b * strideB + 1] = lineOut[2 * b + 1];
    }
  }
};

/** Inverse along c for the G² lines (a, b) whose outputs are kept: real parts to outU, imaginary to outV. */
const inverseC: Pass = (conv, _u, _v, outU, outV, from, to) => {
  const { grid: G, size: L, work, strideA, strideB, fft, lineOut } = conv;
  for (let ab = from; ab < to; ab++) {
    const a = Math.floor(ab / G), b = ab - a * G;
    const start = a * strideA + b * strideB;
    fft.inverseTransform(lineOut, work.subarray(start, start + 2 * L));
    const dst = ab * G;
    for (let c = 0; c < G; c++) {
      outU[dst + c] = lineOut[2 * c];
      outV[dst + c] = lineOut[2 * c + 1];
    }
  }
};

export const convolvePasses: readonly Pass[] = [forwardC, forwardB, multiplyA, inverseB, inverseC];

/** How many lines a pass runs over (split them in [from, to) ranges to share a pass). */
export function passLines(conv: GridConvolution, pass: Pass): number {
  const { grid: G, size: L } = conv;
  return pass === forwardC || pass === inverseC ? G * G : pass === multiplyA ? L * L : G * L;
}
