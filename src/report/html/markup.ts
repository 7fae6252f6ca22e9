/**
 * Small builders for the report's markup. Text goes through `escapeHtml` here, so sections pass
 * raw user text and never concatenate it into tags themselves.
 */
import { escapeHtml } from '../escape.js';

/** A table cell: text (escaped) with an optional class (`num` right-aligns numbers). */
export interface Cell {
  text: string;
  className?: string;
}

export function cell(text: string, className?: string): Cell {
  return { text, className };
}

function classAttr(className: string | undefined): string {
  return className === undefined ? '' : ` class="${escapeHtml(className)}"`;
}

/** A table with a caption-like header row; `rowClass` marks rows (e.g. `failed`). */
export function htmlTable(
  header: (string | Cell)[],
  rows: { cells: (string | Cell)[]; rowClass?: string }[],
): string {
  const th = header
    .map((h) => (typeof h === 'string' ? cell(h) : h))
    .map((h) => `<th scope="col"${classAttr(h.className)}>${escapeHtml(h.text)}</th>`)
    .join('');
  const body = rows
    .map(({ cells, rowClass }) => {
      const tds = cells
        .map((c) => (typeof c === 'string' ? cell(c) : c))
        .map((c) => `<td${classAttr(c.className)}>${escapeHtml(c.text)}</td>`)
        .join('');
      return `<tr${classAttr(rowClass)}>${tds}</tr>`;
    })
    .join('\n');
  return `<table>\n<thead><tr>${th}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

export function heading(level: 2 | 3, text: string, id?: string): string {
  return `<h${level}${id === undefined ? '' : ` id="${escapeHtml(id)}"`}>${escapeHtml(text)}</h${level}>`;
}

export function paragraph(text: string, className?: string): string {
  return `<p${classAttr(className)}>${escapeHtml(text)}</p>`;
}

/** A figure whose chart the client script draws: `data-chart` names the kind, `data-index` the item. */
export function chartFigure(caption: string, kind: string, index: number, description: string): string {
  return `<figure><figcaption>${escapeHtml(caption)}</figcaption><div class="chart" data-chart="${escapeHtml(kind)}" data-index="${index}" role="img" aria-label="${escapeHtml(description)}"></div></figure>`;
}
