import { clusterName, formatNumber, percent } from '../format.ts';
import { cssColor, html, type Html } from '../html.ts';
import type { ClusterStatsCell, ReportAnalysis, ReportCluster, ReportTrait } from '../report-input.ts';

/** Each cluster: colour, name, size and share, the paragraph and traits that explain it; then a compact statistics table. */
export function clustersSection(analysis: ReportAnalysis | null): Html {
  if (!analysis) return html`<section id="clusters"><h2>Clusters</h2><p class="empty">No finished analysis: no clusters.</p></section>`;
  const { clusters, clusterStats } = analysis;
  return html`<section id="clusters">
<h2>Clusters</h2>
${clusters.length === 0 ? html`<p class="empty">The analysis found no clusters.</p>` : clusters.map(clusterCard)}
${clusterStats.rows.length > 0 && clusterStats.columns.length > 0 ? statsTable(analysis) : ''}
</section>`;
}

function clusterCard(cluster: ReportCluster): Html {
  return html`<article class="card cluster" data-cluster="${cluster.id}">
<h3><span class="swatch" style="background:${cssColor(cluster.color)}"></span>${clusterName(cluster.id)} · ${cluster.label}</h3>
<p class="muted">${formatNumber(cluster.size)} points, ${percent(cluster.share)} of those analysed</p>
${cluster.paragraph ? html`<p>${cluster.paragraph}</p>` : ''}
${cluster.traits.length > 0 ? html`<ul>${cluster.traits.map((t) => html`<li>${trait(t)}</li>`)}</ul>` : html`<p class="muted">No trait sets it apart from the rest.</p>`}
</article>`;
}

function trait(t: ReportTrait): string {
  if (t.kind === 'words') {
    return `${t.column}: words ${(t.words ?? []).map((w) => `'${w.term}' (${percent(w.share)} vs ${percent(w.restShare)} elsewhere)`).join(', ')}`;
  }
  if (t.kind === 'mostly') {
    const rest = t.restShare !== undefined ? ` vs ${percent(t.restShare)} elsewhere` : '';
    const lift = t.lift !== undefined ? `, lift ${t.lift.toFixed(1)}` : '';
    return `${t.column}: mostly ${t.value ?? '?'} (${t.share !== undefined ? percent(t.share) : '?'}${rest}${lift})`;
  }
  const means = t.clusterMean !== undefined && t.restMean !== undefined ? `: ${formatNumber(t.clusterMean)} vs ${formatNumber(t.restMean)} elsewhere` : '';
  return `${t.column} ${t.kind}${means} (d = ${t.effect.toFixed(1)})`;
}

function statsTable(analysis: ReportAnalysis): Html {
  const { clusterStats, clusters } = analysis;
  const colorOf = new Map(clusters.map((c) => [c.id, c.color]));
  return html`<h3>Statistics by cluster</h3>
<p class="muted">Mean ± standard deviation for numbers, the commonest value and its share for categories, over the columns that tell the clusters apart most.</p>
<table class="cluster-stats"><thead><tr><th>Cluster</th><th class="num">Points</th>${clusterStats.columns.map((c) => html`<th class="${c.kind === 'number' ? 'num' : ''}">${c.name}</th>`)}</tr></thead>
<tbody>${clusterStats.rows.map(
    (row) => html`<tr><td>${row.id === null ? html`<strong>All</strong>` : html`<span class="swatch" style="background:${cssColor(colorOf.get(row.id) ?? '#5d6470')}"></span>${clusterName(row.id)}`}</td><td class="num">${formatNumber(row.size)}</td>${row.cells.map(
      (cell) => html`<td class="${cell.kind === 'number' ? 'num' : ''}">${statsCell(cell)}</td>`,
    )}</tr>`,
  )}</tbody></table>`;
}

function statsCell(cell: ClusterStatsCell): string {
  if (cell.kind === 'number') return Number.isFinite(cell.mean) ? `${formatNumber(cell.mean)} ± ${formatNumber(cell.sd)}` : '–';
  return cell.top === null ? '–' : `${cell.top} (${percent(cell.share)})`;
}
