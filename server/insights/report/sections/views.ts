import type { Legend } from '../../../../shared/encodings/legend.ts';
import { formatNumber, formatTime } from '../format.ts';
import { cssColor, html, trustedHtml, type Html } from '../html.ts';
import { pngDataUri } from '../png.ts';
import type { ReportInput, ReportView } from '../report-input.ts';
import type { Snapshot } from '../snapshot.ts';
import { noteList } from './notes.ts';

/** The bookmarks in tour order (or the current view), each a picture with its legend, filters and notes. */
export function viewsSection(input: ReportInput): Html {
  const heading = input.viewsAreBookmarks ? 'Bookmarks' : 'The shared view';
  const intro = input.viewsAreBookmarks
    ? `${input.views.length} saved ${input.views.length === 1 ? 'view' : 'views'}, in tour order.`
    : 'No bookmarks were saved: this is the view the session shares now.';
  return html`<section id="views">
<h2>${heading}</h2>
<p class="muted">${intro}</p>
${input.views.map((view, k) => viewCard(view, input.viewsAreBookmarks ? k + 1 : null))}
</section>`;
}

function viewCard(view: ReportView, number: number | null): Html {
  return html`<article class="card view" data-view="${number ?? 'current'}">
<h3>${number !== null ? `${number}. ` : ''}${view.title}</h3>
${view.author || view.createdAt ? html`<p class="muted">${view.author ? `Saved by ${view.author}` : 'Saved'}${view.createdAt ? `, ${formatTime(view.createdAt)}` : ''}</p>` : ''}
${view.snapshot ? picture(view.snapshot, view) : html`<p class="empty">No picture: ${view.noPicture ?? 'the session has no finished analysis.'}</p>`}
<p><strong>Filters:</strong> ${view.filters.length === 0 ? 'none (every point shown)' : view.filters.join('; ')}</p>
${view.notes.length > 0 ? html`<p><strong>Notes on points in this view</strong></p>${noteList(view.notes)}` : ''}
</article>`;
}

function picture(snapshot: Snapshot, view: ReportView): Html {
  const parts = [
    `${formatNumber(snapshot.passCount)} of ${formatNumber(snapshot.pointCount)} points pass the filters`,
    view.pose,
  ];
  if (snapshot.sample !== null) parts.push(`drawn from an even sample of ${formatNumber(snapshot.sample.size)} of the ${formatNumber(snapshot.sample.of)} points`);
  return html`<figure class="view">
<img class="snapshot screen" src="${trustedHtml(pngDataUri(snapshot.png))}" width="${snapshot.width}" height="${snapshot.height}" alt="${`Picture of the view “${view.title}”`}">
<img class="snapshot print" src="${trustedHtml(pngDataUri(snapshot.printPng))}" width="${snapshot.width}" height="${snapshot.height}" alt="${`Picture of the view “${view.title}” for print`}">
<figcaption>${legend(snapshot.legend)}<div>${parts.join('; ')}. An orange halo marks a flagged anomaly${view.notes.length > 0 ? '; a ring in a note’s colour, a point a note is pinned to' : ''}.</div></figcaption>
</figure>`;
}

function legend(legend: Legend): Html {
  switch (legend.kind) {
    case 'categorical':
      return html`<div class="legend"><span class="title">Colour: ${legend.title}</span>${legend.items.map(
        (item) => html`<span><span class="swatch" style="background:${cssColor(item.color)}"></span>${item.label} (${item.visible !== undefined ? `${formatNumber(item.visible)} of ${formatNumber(item.count)}` : formatNumber(item.count)})</span>`,
      )}${legend.otherCount > 0 ? html`<span><span class="swatch" style="background:${cssColor('#5d6470')}"></span>other (${formatNumber(legend.otherCount)})</span>` : ''}</div>`;
    case 'continuous':
      return html`<div class="legend"><span class="title">Colour: ${legend.title}</span><span>${legend.ticks[0]?.label ?? ''}<span class="ramp" style="background:linear-gradient(to right, ${legend.stops.map((s) => cssColor(s)).join(', ')})"></span>${legend.ticks[legend.ticks.length - 1]?.label ?? ''}</span>${legend.missing > 0 ? html`<span>${formatNumber(legend.missing)} missing (grey)</span>` : ''}</div>`;
    case 'constant':
      return html`<div class="legend"><span class="title">Colour:</span><span><span class="swatch" style="background:${cssColor(legend.color)}"></span>one colour for every point</span></div>`;
  }
}
