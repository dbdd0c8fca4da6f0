import { formatTime } from './format.ts';
import { html, trustedHtml } from './html.ts';
import type { ReportInput } from './report-input.ts';
import { REPORT_CSS } from './report-style.ts';
import { anomaliesSection } from './sections/anomalies.ts';
import { clustersSection } from './sections/clusters.ts';
import { answersSection, notesSection } from './sections/notes.ts';
import { qualitySection } from './sections/quality.ts';
import { summarySection } from './sections/summary.ts';
import { viewsSection } from './sections/views.ts';

/**
 * The findings report as one self-contained HTML file: inline CSS, pictures as data: URIs, no
 * script, and a Content-Security-Policy that lets the page load nothing from anywhere (so a note
 * that slipped past escaping still could not run or call out). Pure: data in, text out.
 */
export function renderReport(input: ReportInput): string {
  const sections: [string, string][] = [
    ['summary', 'Dataset summary'],
    ['quality', 'Data quality'],
    ['views', input.viewsAreBookmarks ? 'Bookmarks' : 'The shared view'],
    ['clusters', 'Clusters'],
    ['anomalies', 'Anomalies'],
    ['notes', 'Annotations'],
    ['answers', 'Questions shared to the room'],
  ];
  return html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Data Mirage">
<title>${input.title} — findings report</title>
<style>${trustedHtml(REPORT_CSS)}</style>
</head>
<body>
<main>
<header class="cover">
<h1>${input.title}</h1>
<p>Findings report · ${input.dataset.name}</p>
<p>Made ${formatTime(input.generatedAt)} · session started ${formatTime(input.sessionCreatedAt)}</p>
</header>
<nav class="toc"><ol>${sections.map(([id, name]) => html`<li><a href="#${id}">${name}</a></li>`)}</ol></nav>
${summarySection(input)}
${qualitySection(input.quality)}
${viewsSection(input)}
${clustersSection(input.analysis)}
${anomaliesSection(input.analysis)}
${notesSection(input)}
${answersSection(input.answers)}
</main>
</body>
</html>
`.text;
}
