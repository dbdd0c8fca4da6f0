import type { QualityRuleInput } from './quality.ts';

/** A rule in a few words, as the panel, the alerts and the report show it: `Body Mass (g) between 2000 and 7000`. */
export function describeRule(rule: QualityRuleInput): string {
  switch (rule.kind) {
    case 'not-null':
      return `${rule.column} is never missing`;
    case 'unique':
      return `${rule.column} is unique`;
    case 'range':
      return rule.min !== undefined && rule.max !== undefined
        ? `${rule.column} between ${rule.min} and ${rule.max}`
        : rule.min !== undefined
          ? `${rule.column} ≥ ${rule.min}`
          : `${rule.column} ≤ ${rule.max}`;
    case 'allowed-values':
      return `${rule.column} in {${rule.values.slice(0, 5).join(', ')}${rule.values.length > 5 ? ', …' : ''}}`;
    case 'pattern':
      return `${rule.column} matches /${rule.pattern}/`;
  }
}
