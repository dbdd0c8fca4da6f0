/**
 * Remembers the last result of `fn` and returns it while every argument is the same (Object.is).
 * Encodings pass typed-array references and small JSON keys, so a step reruns only when its
 * own inputs changed, never because React rendered.
 */
export function memoLast<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  let lastArgs: A | null = null;
  let last!: R;
  return (...args: A): R => {
    if (lastArgs && lastArgs.length === args.length && args.every((a, i) => Object.is(a, lastArgs![i]))) return last;
    last = fn(...args);
    lastArgs = args;
    return last;
  };
}
