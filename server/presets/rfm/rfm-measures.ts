const DAY_MS = 86_400_000;

/** One transaction line per index: who, when (epoch ms), how much. */
export interface Transactions {
  customer: readonly (string | null)[];
  date: Float64Array;
  amount: Float64Array;
}

export interface CustomerMeasures {
  customers: string[];
  /** Whole days from the customer's last purchase to the table's last date (0 = bought that day). */
  recencyDays: Float64Array;
  /** Purchases: distinct days the customer bought on (lines of one day are one purchase). */
  frequency: Float64Array;
  /** Sum of the amounts of all the customer's lines. */
  monetary: Float64Array;
  /** The table's last date (epoch ms), the reference for recency. */
  lastDate: number;
  /** Lines left out for a missing customer, date or amount. */
  skipped: number;
}

/**
 * Recency, frequency and monetary value per customer, in order of first appearance. Recency is
 * measured against the table's own last date, not today, so an old table scores as it stood.
 */
export function customerMeasures(lines: Transactions): CustomerMeasures {
  const index = new Map<string, number>();
  const last: number[] = [];
  const days: Set<number>[] = [];
  const sums: number[] = [];
  let lastDate = -Infinity;
  let skipped = 0;
  for (let i = 0; i < lines.date.length; i++) {
    const who = lines.customer[i];
    const when = lines.date[i];
    const amount = lines.amount[i];
    if (who === null || Number.isNaN(when) || Number.isNaN(amount)) {
      skipped++;
      continue;
    }
    let c = index.get(who);
    if (c === undefined) {
      c = last.length;
      index.set(who, c);
      last.push(when);
      days.push(new Set());
      sums.push(0);
    }
    if (when > last[c]) last[c] = when;
    days[c].add(Math.floor(when / DAY_MS));
    sums[c] += amount;
    if (when > lastDate) lastDate = when;
  }
  return {
    customers: [...index.keys()],
    recencyDays: Float64Array.from(last, (t) => Math.floor(lastDate / DAY_MS) - Math.floor(t / DAY_MS)),
    frequency: Float64Array.from(days, (d) => d.size),
    monetary: Float64Array.from(sums),
    lastDate,
    skipped,
  };
}
