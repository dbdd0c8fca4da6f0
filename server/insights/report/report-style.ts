/**
 * The report's one style sheet, inlined: readable on screen, and on paper a light page with a
 * section per page and nothing split mid-figure. On screen the snapshots have the scene's dark
 * background (the pictures people saw); on paper their twin drawn on white replaces them.
 */
export const REPORT_CSS = `
:root { color-scheme: light; --ink: #1b1f27; --muted: #5b6270; --line: #d9dde4; --panel: #f4f6f9; --accent: #2f5d9b; --warn: #9a4b00; }
* { box-sizing: border-box; }
body { margin: 0; background: #ffffff; color: var(--ink); font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
main { max-width: 1120px; margin: 0 auto; padding: 32px 28px 64px; }
header.cover { border-bottom: 3px solid var(--accent); padding-bottom: 16px; margin-bottom: 8px; }
header.cover h1 { margin: 0 0 6px; font-size: 30px; line-height: 1.2; overflow-wrap: anywhere; }
header.cover p { margin: 2px 0; color: var(--muted); }
nav.toc ol { margin: 8px 0 0; padding-left: 20px; columns: 2; }
nav.toc a { color: var(--accent); text-decoration: none; }
section { margin-top: 36px; }
h2 { font-size: 22px; margin: 0 0 12px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 17px; margin: 22px 0 6px; overflow-wrap: anywhere; }
p, li { overflow-wrap: anywhere; }
.muted { color: var(--muted); }
.warning { color: var(--warn); }
table { border-collapse: collapse; width: 100%; margin: 8px 0 14px; font-size: 13.5px; }
th, td { border-bottom: 1px solid var(--line); padding: 5px 8px; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
th { background: var(--panel); font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 8px 0 14px; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
.swatch { display: inline-block; width: 12px; height: 12px; border-radius: 50%; margin-right: 6px; vertical-align: -1px; border: 1px solid rgba(0,0,0,0.25); -webkit-print-color-adjust: exact; print-color-adjust: exact; }
figure.view { margin: 10px 0 16px; break-inside: avoid; page-break-inside: avoid; }
figure.view img { display: block; width: 100%; max-width: 1280px; height: auto; border-radius: 6px; background: #0b0f17; }
figure.view img.print { display: none; }
figure.view figcaption { margin-top: 6px; color: var(--muted); font-size: 13px; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 14px; margin-top: 6px; font-size: 13px; }
.legend .title { font-weight: 600; }
.ramp { display: inline-block; width: 180px; height: 10px; border-radius: 3px; vertical-align: middle; margin: 0 6px; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 12px 16px; margin: 12px 0; background: #fff; break-inside: avoid; page-break-inside: avoid; }
.card h3 { margin-top: 0; }
ul.notes { list-style: none; padding: 0; margin: 6px 0; }
ul.notes li { border-left: 4px solid var(--line); padding: 4px 10px; margin: 6px 0; background: var(--panel); white-space: pre-wrap; }
ul.notes .by { display: block; color: var(--muted); font-size: 12.5px; white-space: normal; }
.empty { color: var(--muted); font-style: italic; }
@page { margin: 14mm 12mm; }
@media print {
  body { font-size: 11pt; background: #fff; }
  figure.view img.screen { display: none; }
  figure.view img.print { display: block; background: #fff; border: 1px solid var(--line); }
  main { max-width: none; padding: 0; }
  nav.toc { display: none; }
  section { break-before: page; page-break-before: always; margin-top: 0; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  tr, .card, figure.view { break-inside: avoid; page-break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
  th { background: #eef0f3; }
  ul.notes li { background: none; }
}
`;
