import type { Column } from '../../shared/table.ts';

/**
 * Two independent 32-bit hashes of every row over some columns, folded into one 52-bit number:
 * rows with different keys differ; rows with the same key are compared cell by cell
 * (sameCells), so a collision can never report a false duplicate.
 */
export function rowKeys(columns: readonly Column[], rowCount: number): Float64Array {
  const a = new Uint32Array(rowCount).fill(0x811c9dc5);
  const b = new Uint32Array(rowCount).fill(0x9747b28c);
  const bits = new Float64Array(1);
  const words = new Uint32Array(bits.buffer);
  const mix = (r: number, x: number) => {
    a[r] = Math.imul(a[r] ^ x, 0x01000193);
    b[r] = Math.imul((b[r] ^ x) + 0x7f4a7c15, 0x85ebca6b) ^ (b[r] >>> 13);
  };
  for (const column of columns) {
    const data = column.data;
    if (data.type === 'number' || data.type === 'datetime') {
      for (let r = 0; r < rowCount; r++) {
        const v = data.values[r];
        bits[0] = Number.isNaN(v) ? NaN : v === 0 ? 0 : v;
        mix(r, words[0]);
        mix(r, words[1]);
      }
    } else if (data.type === 'text') {
      const hashes = new Map<string, number>();
      for (let r = 0; r < rowCount; r++) {
        const s = data.values[r];
        if (s === null) {
          mix(r, 0xffffffff);
          continue;
        }
        let h = hashes.get(s);
        if (h === undefined) {
          h = stringHash(s);
          hashes.set(s, h);
        }
        mix(r, h);
      }
    } else {
      for (let r = 0; r < rowCount; r++) mix(r, data.codes[r]);
    }
  }
  const keys = new Float64Array(rowCount);
  for (let r = 0; r < rowCount; r++) keys[r] = a[r] * 2 ** 20 + (b[r] >>> 12);
  return keys;
}

function stringHash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Whether two rows hold the same cells in every given column (missing equals missing). */
export function sameCells(columns: readonly Column[], r1: number, r2: number): boolean {
  for (const column of columns) {
    const data = column.data;
    if (data.type === 'number' || data.type === 'datetime') {
      const x = data.values[r1];
      const y = data.values[r2];
      if (x !== y && !(Number.isNaN(x) && Number.isNaN(y))) return false;
    } else if (data.type === 'text') {
      if (data.values[r1] !== data.values[r2]) return false;
    } else if (data.codes[r1] !== data.codes[r2]) return false;
  }
  return true;
}
