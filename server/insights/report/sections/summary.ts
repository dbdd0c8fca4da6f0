import type { AnalysisSummary } from '../../../../shared/analysis-result.ts';
import { formatNumber, percent } from '../format.ts';
import { html, type Html } from '../html.ts';
import type { ReportInput } from '../report-input.ts';

/** The dataset, and what the analysis used, left out and found, and how far its layout can be trusted. */
export function summarySection(input: ReportInput): Html {
  const { dataset, analysis } = input;
  return html`<section id="summary">
<h2>Dataset summary</h2>
<dl class="facts">
<dt>Dataset</dt><dd>${dataset.name}</dd>
<dt>Rows</dt><dd>${formatNumber(dataset.rowCount)}</dd>
<dt>Columns</dt><dd>${formatNumber(dataset.columns.length)}</dd>
</dl>
<table>
<thead><tr><th>Column</th><th>Type</th><th class="num">Missing</th><th class="num">Distinct</th><th>In the analysis</th></tr></thead>
<tbody>${dataset.columns.map((c) => html`<tr><td>${c.name}</td><td>${c.type}${c.identifier ? ' (identifier)' : ''}</td><td class="num">${formatNumber(c.missing)}</td><td class="num">${formatNumber(c.distinct)}</td><td>${usage(c.name, analysis?.summary)}</td></tr>`)}</tbody>
</table>
${analysis ? method(analysis.summary) : html`<p class="empty">This session has no finished analysis yet: there are no clusters, anomalies or pictures to report.</p>`}
</section>`;
}

function usage(column: string, summary: AnalysisSummary | undefined): string {
  if (!summary) return '–';
  const feature = summary.features.find((f) => f.column === column);
  if (feature) return `used (${feature.encoding})`;
  const excluded = summary.excluded.find((e) => e.name === column);
  return excluded ? `left out: ${excluded.reason}` : 'not used';
}

function method(summary: AnalysisSummary): Html {
  const { reduction, clustering, anomalies } = summary;
  const trust = reduction.trustworthiness;
  const best = clustering.silhouette?.reduce((a, b) => (b.score > a.score ? b : a));
  return html`<h3>Method</h3>
<dl class="facts">
<dt>Rows analysed</dt><dd>${formatNumber(summary.pointCount)} of ${formatNumber(summary.rowCount)}${summary.droppedRows > 0 ? ` (${formatNumber(summary.droppedRows)} rows dropped for missing values)` : ''}${summary.imputedCells > 0 ? `; ${formatNumber(summary.imputedCells)} missing cells filled in` : ''}</dd>
<dt>Features</dt><dd>${formatNumber(summary.features.length)} columns, ${formatNumber(summary.featureDimensions)} dimensions after encoding</dd>
<dt>Layout</dt><dd>${reduction.method.toUpperCase()}${reduction.preReducedTo ? ` after PCA to ${reduction.preReducedTo} dimensions` : ''}${reduction.explainedVarianceRatio ? `; the 3 axes explain ${percent(reduction.explainedVarianceRatio.reduce((a, b) => a + b, 0))} of the variance` : ''}</dd>
<dt>Trustworthiness</dt><dd>${trust ? `${trust.value.toFixed(3)} (k = ${trust.k}, measured on ${formatNumber(trust.sampledPoints)} points; 1 = every layout neighbourhood is a true one)` : 'not measured'}</dd>
<dt>Clustering</dt><dd>${clustering.method}${clustering.k !== undefined ? `, k = ${clustering.k}` : ''}${clustering.eps !== undefined ? `, eps = ${formatNumber(clustering.eps)}` : ''} in the ${clustering.space === 'embedding' ? 'layout' : 'feature space'}: ${formatNumber(clustering.clusterCount)} clusters${clustering.noiseCount > 0 ? `, ${formatNumber(clustering.noiseCount)} noise points` : ''}${best ? `; best silhouette ${best.score.toFixed(2)} at k = ${best.k}` : ''}${clustering.layoutAgreement !== undefined ? `; ${percent(clustering.layoutAgreement)} of layout neighbours share a point's cluster` : ''}</dd>
<dt>Anomalies</dt><dd>${anomalies.method}: ${formatNumber(anomalies.flagged)} points flagged (top ${percent(anomalies.contamination)})</dd>
</dl>
${summary.notes.length > 0 ? html`<h3>Notes on the analysis</h3><ul>${summary.notes.map((n) => html`<li class="${n.level === 'warning' ? 'warning' : ''}">${n.level === 'warning' ? 'Warning: ' : ''}${n.text}</li>`)}</ul>` : ''}`;
}
