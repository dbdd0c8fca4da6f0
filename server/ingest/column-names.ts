import type { IngestWarning } from './types.ts';

/**
 * Column names as the user will see them: trimmed, never empty, never repeated. An empty header
 * becomes `column_3` (its 1-based position); a repeated one `name_2`, `name_3`… Names such as
 * `__proto__` or `constructor` are ordinary names: they only ever live in arrays and Maps.
 */
export function uniqueColumnNames(raw: readonly string[]): { names: string[]; warnings: IngestWarning[] } {
  const warnings: IngestWarning[] = [];
  const trimmed = raw.map((r) => r.trim());
  // Reserve every name the file really has first, so `a, a, a_2` gives `a, a_3, a_2` rather than two `a_2`.
  const taken = new Set(trimmed.filter((n) => n !== ''));
  const seen = new Set<string>();
  const names = trimmed.map((name, i) => {
    if (name === '') {
      const fresh = freshName(`column_${i + 1}`, taken);
      warnings.push({ code: 'empty_header', column: fresh, message: `Column ${i + 1} has no name; it is called "${fresh}".` });
      return fresh;
    }
    if (seen.has(name)) {
      const fresh = freshName(name, taken, 2);
      warnings.push({ code: 'duplicate_header', column: fresh, message: `Column ${i + 1} repeats the name "${name}"; it is called "${fresh}".` });
      return fresh;
    }
    seen.add(name);
    return name;
  });
  return { names, warnings };
}

function freshName(base: string, taken: Set<string>, start = 0): string {
  let name = start === 0 ? base : `${base}_${start}`;
  for (let k = Math.max(start, 2); taken.has(name); k++) name = `${base}_${k}`;
  taken.add(name);
  return name;
}
