/**
 * Remembers the last result and returns it while every key is the same (Object.is). Encodings
 * key on typed-array references and small JSON strings, so a step reruns only when its own
 * inputs changed, never because React rendered with equal but new objects.
 */
export function memoKeyed<R>(): (keys: readonly unknown[], compute: () => R) => R {
  let lastKeys: readonly unknown[] | null = null;
  let last!: R;
  return (keys, compute) => {
    if (lastKeys && lastKeys.length === keys.length && keys.every((k, i) => Object.is(k, lastKeys![i]))) return last;
    last = compute();
    lastKeys = keys;
    return last;
  };
}
