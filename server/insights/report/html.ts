/**
 * HTML built from templates whose every interpolated value is escaped unless it is already
 * `Html` (made by this template or by `trustedHtml`). The report's strings (titles, notes,
 * column names, cell values) are hostile input: escaping is the default, never a step to remember.
 */
export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

export type HtmlValue = Html | string | number | null | undefined | false | readonly HtmlValue[];

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe for element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof Html) return value.text;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1];
  return new Html(out);
}

/** Markup the caller vouches for (the style sheet, a data: URI made here): never user input. */
export function trustedHtml(text: string): Html {
  return new Html(text);
}

/** A CSS colour the report may put in a style attribute: #rrggbb only, anything else muted. */
export function cssColor(color: string, fallback = '#5d6470'): string {
  return /^#[0-9a-fA-F]{6}$/.test(color) ? color.toLowerCase() : fallback;
}
