import { describe, expect, it } from 'vitest';
import { BinaryFormatError, decodeBuffer, encodeBuffer } from '../../../shared/binary.ts';

describe('shared binary array format', () => {
  it('round-trips every dtype, shape and the category dictionary', () => {
    const cases = [
      { data: Float32Array.from([1.5, -2, 3.25, 4, 5, 6]), columns: 3 },
      { data: Float64Array.from([Math.PI, NaN, -0]), columns: 1 },
      { data: Int32Array.from([-1, 0, 2_000_000_000]), columns: 1 },
      { data: Uint32Array.from([0, 4_000_000_000]), columns: 1 },
      { data: Uint8Array.from([0, 1, 255]), columns: 1 },
    ];
    for (const { data, columns } of cases) {
      const decoded = decodeBuffer(encodeBuffer(data, { columns }));
      expect(decoded.data.constructor).toBe(data.constructor);
      expect(decoded.shape).toEqual([data.length / columns, columns]);
      expect(Array.from(decoded.data)).toEqual(Array.from(data));
    }
    const cat = decodeBuffer(encodeBuffer(Int32Array.from([1, -1, 0]), { kind: 'category', dictionary: ['ä', '"quoted"'] }));
    expect(cat.kind).toBe('category');
    expect(cat.dictionary).toEqual(['ä', '"quoted"']);
  });

  it('decodes from a Node Buffer that is a view into a shared pool', () => {
    const bytes = encodeBuffer(Int32Array.from([7, 8, 9]));
    // Buffer.from(...) of a small array lands at an odd offset of Node's 8 KiB pool.
    const pooled = Buffer.concat([Buffer.from([1, 2, 3]), Buffer.from(bytes)]).subarray(3);
    expect(Array.from(decodeBuffer(pooled).data)).toEqual([7, 8, 9]);
  });

  it('rejects truncated, foreign and mislabelled buffers', () => {
    const bytes = encodeBuffer(Float32Array.from([1, 2, 3]));
    expect(() => decodeBuffer(bytes.subarray(0, bytes.length - 1))).toThrow(BinaryFormatError);
    expect(() => decodeBuffer(new TextEncoder().encode('{"not":"binary"} padding padding'))).toThrow(/magic/);
    const wrongType = Uint8Array.from(bytes);
    wrongType[5] = 99;
    expect(() => decodeBuffer(wrongType)).toThrow(/dtype/);
  });
});
