import type { SharedAnswer } from '../../../../shared/insights/ask.ts';
import { clusterName, formatNumber, formatTime, rowName } from '../format.ts';
import { cssColor, html, type Html } from '../html.ts';
import type { ReportInput, ReportNote } from '../report-input.ts';

/** Notes as a list: the text as written (line breaks kept), then who wrote it, when, and on what. */
export function noteList(notes: readonly ReportNote[]): Html {
  return html`<ul class="notes">${notes.map(
    (n) => html`<li class="note" style="border-left-color:${cssColor(n.color)}">${n.text}<span class="by">${n.author || 'someone'}, ${formatTime(n.createdAt)}${n.rowIndex !== null ? ` · on ${rowName(n.rowIndex, n.rowLabel)}` : ' · pinned to a place in the cloud'}</span></li>`,
  )}</ul>`;
}

export function notesSection(input: ReportInput): Html {
  const elsewhere = input.noteCount - input.notes.length;
  const intro =
    input.noteCount === 0
      ? html`<p class="empty">No notes were written in this session.</p>`
      : input.notes.length === 0
        ? html`<p class="muted">${input.noteCount === 1 ? 'The session’s one note is' : `All ${formatNumber(input.noteCount)} notes are`} shown above, under the ${input.viewsAreBookmarks ? 'bookmark' : 'view'} that shows the point it is pinned to.</p>`
        : elsewhere > 0
          ? html`<p class="muted">${formatNumber(elsewhere)} of the ${formatNumber(input.noteCount)} notes are shown above, under the ${input.viewsAreBookmarks ? 'bookmark' : 'view'} that shows their point; these are the others.</p>`
          : '';
  return html`<section id="notes">
<h2>Annotations</h2>
${intro}
${input.notes.length > 0 ? noteList(input.notes) : ''}
</section>`;
}

export function answersSection(answers: readonly SharedAnswer[]): Html {
  return html`<section id="answers">
<h2>Questions shared to the room</h2>
${answers.length === 0 ? html`<p class="empty">No answers were shared to the room.</p>` : answers.map((a) => answerCard(a))}
</section>`;
}

function answerCard(answer: SharedAnswer): Html {
  const cited = answer.citations.map((c) => (c.kind === 'column' ? c.column : c.kind === 'cluster' ? `cluster ${clusterName(c.cluster)}` : rowName(c.rowIndex)));
  const filters = (answer.filters ?? []).map((f) =>
    f.kind === 'range'
      ? `${f.column} ${f.min !== undefined ? `≥ ${formatNumber(f.min)}` : ''}${f.min !== undefined && f.max !== undefined ? ' and ' : ''}${f.max !== undefined ? `≤ ${formatNumber(f.max)}` : ''}`
      : `${f.column} is ${f.values.map((v) => (v === null ? 'missing' : String(v))).join(', ')}`,
  );
  return html`<div class="card answer">
<h3>${answer.question}</h3>
<p style="white-space:pre-wrap">${answer.answer}</p>
${filters.length > 0 ? html`<p><strong>Proposed filter:</strong> ${filters.join('; ')}${answer.count !== undefined ? ` (${formatNumber(answer.count)} rows)` : ''}</p>` : answer.count !== undefined ? html`<p><strong>Rows counted:</strong> ${formatNumber(answer.count)}</p>` : ''}
${cited.length > 0 ? html`<p class="muted">Sources: ${cited.join(', ')}</p>` : ''}
<p class="muted">Asked by ${answer.author || 'someone'}, ${formatTime(answer.createdAt)}; ${answer.source === 'model' ? 'phrased by the configured language model' : 'answered offline from the data'}${answer.note ? `; ${answer.note}` : ''}</p>
</div>`;
}
