import type { IngestWarning } from './types.ts';

/**
 * Collects warnings, listing the first few of each kind one by one and summarising the rest, so
 * a file with a million short rows yields a readable report rather than a million lines.
 */
export class WarningLog {
  private readonly list: IngestWarning[] = [];
  private readonly perCode = new Map<IngestWarning['code'], number>();

  constructor(private readonly maxPerKind: number) {}

  add(warning: IngestWarning): void {
    const n = (this.perCode.get(warning.code) ?? 0) + 1;
    this.perCode.set(warning.code, n);
    if (n <= this.maxPerKind) this.list.push(warning);
  }

  addAll(warnings: readonly IngestWarning[]): void {
    for (const w of warnings) this.add(w);
  }

  toArray(): IngestWarning[] {
    const out = [...this.list];
    for (const [code, n] of this.perCode) {
      if (n > this.maxPerKind) out.push({ code, message: `…and ${n - this.maxPerKind} more warning(s) like the ones above (${code}).` });
    }
    return out;
  }
}
