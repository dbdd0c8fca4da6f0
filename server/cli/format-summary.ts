import type { AnalysisSummary } from '../../shared/analysis-result.ts';

/** The CLI's human-readable report of one analysis. */
export function formatSummary(input: {
  file: string;
  bytes: number;
  rowCount: number;
  columnNames: string[];
  ingestMs: number;
  summary: AnalysisSummary;
}): string {
  const s = input.summary;
  const lines: string[] = [];
  lines.push(`${input.file}: ${input.rowCount} rows, ${input.columnNames.length} columns, ${(input.bytes / 2 ** 20).toFixed(2)} MB`);
  lines.push(`  columns: ${input.columnNames.join(', ')}`);
  lines.push(`features: ${s.features.map((f) => `${f.column} [${f.encoding}${f.weight !== undefined && f.weight < 1 ? ` ×${f.weight.toFixed(2)}` : ''}]`).join(', ')} → ${s.featureDimensions} dimensions`);
  if (s.excluded.length > 0) lines.push(`  left out: ${s.excluded.map((e) => `${e.name} (${e.reason})`).join(', ')}`);
  lines.push(`points: ${s.pointCount} (${s.droppedRows} rows dropped, ${s.imputedCells} values imputed)`);
  const trust = s.reduction.trustworthiness;
  lines.push(
    `layout: ${s.reduction.method.toUpperCase()}${trust ? `, trustworthiness(k=${trust.k}) ${trust.value.toFixed(3)} on ${trust.sampledPoints} points` : ''}` +
      (s.reduction.explainedVarianceRatio ? `, explained variance ${s.reduction.explainedVarianceRatio.map((v) => v.toFixed(3)).join(' / ')}` : ''),
  );
  const c = s.clustering;
  lines.push(`clusters: ${c.clusterCount} by ${c.method} on the ${c.space}${c.k ? ` (k = ${c.k})` : ''}${c.eps ? ` (eps = ${c.eps.toFixed(3)})` : ''}, noise ${c.noiseCount}${c.layoutAgreement === undefined ? '' : `, ${Math.floor(100 * c.layoutAgreement)}% of layout neighbours share a point's cluster`}`);
  for (const cl of s.clusters) {
    lines.push(`  #${cl.id}  ${String(cl.size).padStart(7)}  ${cl.label}`);
    if (cl.paragraph) lines.push(`      ${cl.paragraph}`);
  }
  lines.push(`anomalies: ${s.anomalies.flagged} flagged by ${s.anomalies.method} (top ${(s.anomalies.contamination * 100).toFixed(1)}%)`);
  for (const a of s.anomalies.top.slice(0, 5)) {
    const why = a.reasons.map((r) => r.text ?? `${r.column}=${r.value}${r.z !== undefined ? ` (z ${r.z.toFixed(1)})` : ''}`).join('; ');
    lines.push(`  row ${a.rowIndex}  score ${a.score.toFixed(3)}  ${why}`);
  }
  const timings = { ingest: Math.round(input.ingestMs), ...s.timings };
  lines.push(`timings (ms): ${Object.entries(timings).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  for (const note of s.notes) lines.push(`${note.level === 'warning' ? 'warning' : 'note'}: ${note.text}`);
  return lines.join('\n');
}
