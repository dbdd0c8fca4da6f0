import type { QualityExampleRow, QualityFindingKind, QualityReport, QualityRule } from '../../../../shared/insights/quality.ts';
import { formatNumber, rowName } from '../format.ts';
import { html, type Html } from '../html.ts';

const KIND_NAMES: Record<QualityFindingKind, string> = {
  missing: 'Missing values',
  'duplicate-rows': 'Duplicate rows',
  constant: 'Constant column',
  'unparsed-values': 'Values that do not parse',
  outliers: 'Outliers',
  'duplicate-ids': 'Duplicated identifiers',
  'mixed-magnitudes': 'Mixed magnitudes',
  rule: 'Rule broken',
};

/** The dataset's quality report in full: findings with examples, rules with violations, alerts against the version it replaces. */
export function qualitySection(quality: QualityReport | undefined): Html {
  if (!quality) {
    return html`<section id="quality"><h2>Data quality</h2><p class="empty">No quality report is available for this dataset.</p></section>`;
  }
  return html`<section id="quality">
<h2>Data quality</h2>
${quality.replaces ? alerts(quality.replaces) : ''}
<h3>Findings</h3>
${quality.findings.length === 0 ? html`<p class="empty">No problems found in ${formatNumber(quality.rowCount)} rows.</p>` : quality.findings.map((f) => html`<div class="card">
<p><strong>${KIND_NAMES[f.kind]}</strong>${f.column !== undefined ? html` · ${f.column}` : ''} · ${formatNumber(f.count)} found</p>
<p>${f.message}</p>
${examples(f.examples)}
</div>`)}
<h3>Rules</h3>
${quality.rules.length === 0 ? html`<p class="empty">No rules were set on this dataset.</p>` : html`<table><thead><tr><th>Rule</th><th>Column</th><th>Condition</th><th class="num">Rows breaking it</th><th>Which</th></tr></thead>
<tbody>${quality.rules.map((r) => html`<tr><td>${r.kind}</td><td>${r.column}</td><td>${condition(r)}</td><td class="num">${formatNumber(r.violations)}</td><td>${rowRanges(r.violatingRows)}</td></tr>`)}</tbody></table>`}
</section>`;
}

function alerts(replaces: NonNullable<QualityReport['replaces']>): Html {
  return html`<h3>Compared with the previous version (${replaces.name})</h3>
${replaces.alerts.length === 0 ? html`<p class="empty">Nothing broke.</p>` : html`<ul>${replaces.alerts.map((a) => html`<li class="warning">${a.column !== undefined ? `${a.column}: ` : ''}${a.message}</li>`)}</ul>`}`;
}

function examples(rows: QualityExampleRow[]): Html | string {
  if (rows.length === 0) return '';
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r.values)))];
  return html`<table><thead><tr><th>Row</th>${columns.map((c) => html`<th>${c}</th>`)}</tr></thead>
<tbody>${rows.map((r) => html`<tr><td>${rowName(r.rowIndex)}</td>${columns.map((c) => html`<td>${cell(Object.hasOwn(r.values, c) ? r.values[c] : undefined)}</td>`)}</tr>`)}</tbody></table>`;
}

/** Half-open 0-based row ranges [s0, e0, s1, e1, …] as the app numbers rows: "rows 4–6, 10 and 3 more ranges". */
function rowRanges(ranges: readonly number[], shown = 10): string {
  const parts: string[] = [];
  for (let k = 0; k + 1 < ranges.length && parts.length < shown; k += 2) {
    const [start, end] = [ranges[k], ranges[k + 1]];
    parts.push(end - start > 1 ? `${formatNumber(start + 1)}–${formatNumber(end)}` : formatNumber(start + 1));
  }
  if (parts.length === 0) return '–';
  const more = Math.floor(ranges.length / 2) - parts.length;
  return `${parts.length === 1 && !parts[0].includes('–') ? 'row' : 'rows'} ${parts.join(', ')}${more > 0 ? ` and ${formatNumber(more)} more ${more === 1 ? 'range' : 'ranges'}` : ''}`;
}

function cell(value: string | number | boolean | null | undefined): string {
  if (value === undefined) return '';
  if (value === null) return 'missing';
  return typeof value === 'number' ? formatNumber(value) : String(value);
}

function condition(rule: QualityRule): string {
  switch (rule.kind) {
    case 'not-null':
      return 'never missing';
    case 'unique':
      return 'no value twice';
    case 'range':
      return [rule.min !== undefined ? `≥ ${formatNumber(rule.min)}` : '', rule.max !== undefined ? `≤ ${formatNumber(rule.max)}` : ''].filter(Boolean).join(' and ') || 'any number';
    case 'allowed-values':
      return `one of ${rule.values.join(', ')}`;
    case 'pattern':
      return `matches ${rule.pattern}`;
  }
}
