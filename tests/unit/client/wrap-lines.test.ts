import { describe, expect, it } from 'vitest';
import { wrapLines } from '../../../client/panels/wrap-lines.ts';

// A monospace measure: every character 1 unit wide, so line widths are their lengths.
const mono = (s: string) => s.length;

describe('wrapLines', () => {
  it('keeps every word of a long cluster name, on lines within the width', () => {
    const name = 'C2 · Gentoo · high Flipper Length (mm) · mostly Biscoe';
    const lines = wrapLines(name, 20, mono);
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(20);
    expect(lines.join(' ')).toBe(name);
  });

  it('leaves a name that fits on one line alone', () => {
    expect(wrapLines('C1 · Adelie', 40, mono)).toEqual(['C1 · Adelie']);
  });

  it('breaks a single word wider than the line inside it, losing no character', () => {
    const word = 'x'.repeat(45);
    const lines = wrapLines(word, 20, mono);
    expect(lines).toEqual(['x'.repeat(20), 'x'.repeat(20), 'x'.repeat(5)]);
  });

  it('gives one empty line for empty text', () => {
    expect(wrapLines('', 10, mono)).toEqual(['']);
  });
});
