/**
 * The `md` format: GitHub tables padded to aligned source, `---:` for numeric columns, the total
 * row in bold; all text escaped so a name from a deal file or tape cannot become HTML, a link,
 * code or emphasis, nor break a table. See render.ts for the contract.
 */
import type { RenderOptions, Report } from './model.js';
import { type Align, displayWidth, padDisplay } from './width.js';
import { formatValue, headerText, isNumericKind, MISSING, sectionTitle } from './format.js';
import { maxWidth, oneLine, tableGrid } from './grid.js';
import { pushAll } from '../util/pushAll.js';

/**
 * Markdown's special characters in inline text, escaped so a name from a deal file or tape stays
 * text: `&`, `<`, `>` become entities (no raw HTML such as `<script>` or `<img onerror>`, no
 * autolinks), and `\`, `|`, `` ` ``, `*`, `_`, `~`, `[`, `]` are backslash-escaped (no code
 * spans, emphasis, strikethrough, links, images, nor a cell that splits the table). A JSON-path
 * index such as `tapes[0]` is left as is: a bracket pair can only become a link with `(` or `[`
 * right after it or through a reference definition `[x]:`, and all of those are escaped. Bare
 * URLs and e-mail addresses are broken up too ({@link AUTOLINK}).
 */
function mdInline(s: string): string {
  return s
    .replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'))
    .replace(/\[\d+\](?![([:])|[\\|`*_~[\]]/g, (m) => (m.length > 1 ? m : '\\' + m))
    .replace(AUTOLINK, (m) => `${m.slice(0, -1)}\\${m.slice(-1)}`);
}

/**
 * What GitHub-flavoured Markdown turns into a link without any markup (its autolink extension):
 * `scheme://`, `www.` and the `@` of an e-mail address. The last character of each is
 * backslash-escaped (`https\://`, `www\.`, `a\@b.cn`), which breaks the pattern and renders as
 * the same text.
 */
const AUTOLINK = /[A-Za-z][A-Za-z0-9+.-]*:(?=\/\/)|\bwww\.|(?<=[A-Za-z0-9._+-])@(?=[A-Za-z0-9-]+\.[A-Za-z0-9])/gi;

/**
 * Escapes a Markdown table cell: special characters as {@link mdInline} (so `|` cannot split the
 * table and no HTML or link gets through), line breaks and tabs become spaces, control characters
 * are dropped, surrounding spaces trimmed.
 *
 * @example
 * mdCell('A | B');                 // 'A \\| B' as a JS literal: the cell text is  A \| B
 * mdCell('x\ny');                  // 'x y'
 * mdCell('<img src=x onerror=f>'); // '&lt;img src=x onerror=f&gt;'
 */
export function mdCell(s: string): string {
  return mdInline(oneLine(s).trim());
}

/**
 * Markdown paragraph, heading or list-item text: one line, escaped as {@link mdInline}, and a
 * first character that would start a block (`#` heading, `-`/`+` list, `1.` ordered list) is
 * escaped so a subtitle or note stays a plain paragraph.
 */
function mdText(s: string): string {
  return mdInline(oneLine(s).trim()).replace(/^([#+-])|^(\d+)([.)])/, (_m, mark?: string, digits?: string, dot?: string) =>
    mark !== undefined ? '\\' + mark : `${digits}\\${dot}`,
  );
}

function mdTable(headers: string[], aligns: Align[], rows: string[][]): string[] {
  const widths = headers.map((_, i) => Math.max(maxWidth(rows, i, 3), displayWidth(headers[i]!)));
  const line = (cells: string[]): string =>
    '| ' + cells.map((c, i) => padDisplay(c, widths[i]!, aligns[i] ?? 'left')).join(' | ') + ' |';
  const sep = '| ' + widths.map((w, i) => (aligns[i] === 'right' ? '-'.repeat(w - 1) + ':' : '-'.repeat(w))).join(' | ') + ' |';
  return [line(headers), sep, ...rows.map(line)];
}

function bold(s: string): string {
  return s === '' ? s : `**${s}**`;
}

/** A whole report as Markdown: `#` title, subtitles as paragraphs, `##` sections, notes as a list. */
export function renderMarkdown(report: Report, opts: RenderOptions): string {
  const { lang } = opts;
  const blocks: string[] = [`# ${mdText(report.title[lang])}`];
  for (const l of report.subtitle ?? []) blocks.push(mdText(l[lang]));
  for (const section of report.sections) {
    const lines = [`## ${mdText(sectionTitle(section, lang, opts.unit))}`];
    if (section.type === 'table') {
      const grid = tableGrid(section, opts, { empty: MISSING });
      if (grid.headers.length > 0) {
        const rows = grid.rows.map((r) => r.map(mdCell));
        if (grid.total) rows.push(grid.total.map((c) => bold(mdCell(c))));
        lines.push('');
        pushAll(lines, mdTable(grid.headers.map(mdCell), grid.aligns, rows));
      }
    } else if (section.items.length > 0) {
      const allNumeric = section.items.every((i) => isNumericKind(i.kind));
      const headers = lang === 'zh' ? ['项目', '数值'] : ['Item', 'Value'];
      const rows = section.items.map((item) => [
        mdCell(headerText(item.label, item.kind, lang, opts.unit)),
        mdCell(formatValue(item.value, item.kind, { unit: opts.unit, decimals: item.decimals })),
      ]);
      lines.push('');
      pushAll(lines, mdTable(headers, ['left', allNumeric ? 'right' : 'left'], rows));
    }
    blocks.push(lines.join('\n'));
  }
  if (report.notes && report.notes.length > 0) {
    blocks.push(report.notes.map((n) => `- ${mdText(n[lang])}`).join('\n'));
  }
  return blocks.join('\n\n') + '\n';
}
