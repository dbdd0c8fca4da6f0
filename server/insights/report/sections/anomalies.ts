import { formatNumber, percent, rowName } from '../format.ts';
import { html, type Html } from '../html.ts';
import type { ReportAnalysis, ReportAnomaly } from '../report-input.ts';

/** The analysis' top anomalies, each with the reasons the explain stage found. */
export function anomaliesSection(analysis: ReportAnalysis | null): Html {
  if (!analysis) return html`<section id="anomalies"><h2>Anomalies</h2><p class="empty">No finished analysis: no anomalies.</p></section>`;
  const { anomalies } = analysis;
  const summary = analysis.summary.anomalies;
  return html`<section id="anomalies">
<h2>Anomalies</h2>
<p class="muted">${summary.method}: ${formatNumber(summary.flagged)} points flagged; the ${formatNumber(anomalies.length)} most unusual are listed, highest score first.</p>
${anomalies.length === 0 ? html`<p class="empty">No anomalies to list.</p>` : html`<table class="anomalies"><thead><tr><th class="num">#</th><th>Row</th><th class="num">Score</th><th>Why it is unusual</th><th>Nearest typical rows</th></tr></thead>
<tbody>${anomalies.map((a, k) => html`<tr><td class="num">${k + 1}</td><td>${rowName(a.rowIndex, a.rowLabel)}</td><td class="num">${a.score.toFixed(3)}</td><td>${reasons(a)}</td><td>${a.typical.map((t) => rowName(t.rowIndex)).join(', ')}</td></tr>`)}</tbody></table>`}
</section>`;
}

function reasons(a: ReportAnomaly): string {
  if (a.reasons.length === 0) return 'no single feature stands out';
  return a.reasons
    .map((r) => {
      // The explain stage's own sentence carries the column's unit and the typical rows' mean.
      if (r.text) return r.text;
      const value = typeof r.value === 'number' ? formatNumber(r.value) : r.value;
      if (r.z !== undefined) return `${r.column} = ${value} (z = ${r.z.toFixed(1)})`;
      if (r.share !== undefined) return `${r.column} = ${value} (only ${percent(r.share)} of rows)`;
      return `${r.column} = ${value}`;
    })
    .join('; ');
}
