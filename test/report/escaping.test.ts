/**
 * The renderer's escaping, one format at a time (issue 7, items 5 and 6): CSV text that starts
 * like a formula gets a leading `'` decided by the cell's kind, never by its look; Markdown shows
 * names as text (no HTML, links, code, emphasis, no broken table); HTML writes entities.
 */
import { describe, expect, it } from 'vitest';
import type { Cell, Report, ValueKind } from '../../src/report/model.js';
import { csvField } from '../../src/report/csv.js';
import { mdCell } from '../../src/report/markdown.js';
import { render, renderSection } from '../../src/report/render.js';
import { Decimal } from '../../src/util/money.js';

/** A one-table report: a text column `name` and one column of `kind` holding `values` in turn. */
function oneColumn(kind: ValueKind, names: string[], values: Cell[]): Report {
  return {
    title: { zh: '=标题', en: '=Title' },
    subtitle: [{ zh: '@副标题', en: '@Subtitle' }],
    sections: [
      {
        type: 'table',
        id: 't',
        title: { zh: '-表', en: '-Table' },
        columns: [
          { key: 'name', header: { zh: '+名称', en: '+Name' }, kind: 'text' },
          { key: 'v', header: { zh: '值', en: 'Value' }, kind },
        ],
        rows: names.map((name, i) => ({ name, v: values[i] })),
      },
      {
        type: 'kv',
        id: 'k',
        title: { zh: 'K', en: 'K' },
        items: [
          { key: 'a', label: { zh: '=A', en: '=A' }, value: '-2+3', kind: 'text' },
          { key: 'b', label: { zh: 'B', en: 'B' }, value: new Decimal('-0.05'), kind: 'percent' },
        ],
      },
    ],
    notes: [{ zh: '-注', en: '-Note' }],
  };
}

const csvLines = (out: string) => out.replace(/^\uFEFF/, '').split('\n');

describe('CSV: formula starts by kind', () => {
  it('csvField: text that starts with = + - @ tab or CR gets a leading quote, then RFC 4180 quoting', () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvField('@SUM(1+1)')).toBe("'@SUM(1+1)");
    expect(csvField('-2+3')).toBe("'-2+3");
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('\tx')).toBe("'\tx");
    expect(csvField('\rx')).toBe(`"'\rx"`);
    // A BOM is removed first, so it cannot hide a formula start.
    expect(csvField('\uFEFF=1')).toBe("'=1");
    // Text that only contains the characters later is left alone.
    expect(csvField('A-1 = B@C')).toBe('A-1 = B@C');
    // A number is the caller's word: never changed.
    expect(csvField('-1234.56', 'number')).toBe('-1234.56');
    expect(csvField('-5.00%', 'number')).toBe('-5.00%');
  });

  it('csvField (csv-stringify): full-width ＝＋－＠ are formula starts too; a CR or LF anywhere is quoted; empty stays empty', () => {
    expect(csvField('＝SUM(A1)')).toBe("'＝SUM(A1)");
    expect(csvField('－1')).toBe("'－1");
    expect(csvField('a\rb')).toBe('"a\rb"');
    expect(csvField('a\nb')).toBe('"a\nb"');
    expect(csvField('')).toBe('');
    expect(csvField('1,234.00', 'number')).toBe('"1,234.00"');
  });

  it('negative money, number, int, percent and rate cells stay numbers', () => {
    for (const [kind, value, text] of [
      ['money', new Decimal('-1234.56'), '-1234.56'],
      ['money', '-0.05', '-0.05'],
      ['number', -3.5, '-3.50'],
      ['int', -7, '-7'],
      ['percent', new Decimal('-0.05'), '-5.00%'],
      ['rate', '-0.0125', '-1.2500%'],
    ] as const) {
      const out = render(oneColumn(kind, ['-2+3'], [value]), { format: 'csv', lang: 'en', unit: 'yuan' });
      expect(csvLines(out), kind).toContain(`'-2+3,${text}`);
    }
  });

  it('a numeric cell that is not a number is text, and text that looks like a number is still text', () => {
    const out = render(oneColumn('money', ['-1', 'x'], ['-n/a', '+inf']), { format: 'csv', lang: 'en', unit: 'yuan' });
    expect(csvLines(out)).toContain("'-1,'-n/a");
    expect(csvLines(out)).toContain("x,'+inf");
  });

  it('titles, subtitles, headers, kv labels and values, notes: every text line', () => {
    const out = render(oneColumn('money', ['a'], [new Decimal(-1)]), { format: 'csv', lang: 'en', unit: 'yuan' });
    expect(csvLines(out).slice(0, 5)).toEqual(["'=Title", "'@Subtitle", '', "'-Table (CNY)", "'+Name,Value"]);
    expect(csvLines(out)).toContain('a,-1.00');
    expect(csvLines(out)).toContain("'=A,'-2+3");
    expect(csvLines(out)).toContain('B,-5.00%');
    expect(csvLines(out)).toContain("'-Note");
  });

  it('one section alone (--section): the same rule', () => {
    const report = oneColumn('money', ['@x'], [new Decimal('-100000')]);
    expect(renderSection(report, 't', { format: 'csv', lang: 'en', unit: 'wan' })).toBe("\uFEFF'+Name,Value (CNY 10k)\n'@x,-10.00\n");
    expect(renderSection(report, 'k', { format: 'csv', lang: 'en', unit: 'wan' })).toBe("\uFEFFItem,Value\n'=A,'-2+3\nB,-5.00%\n");
  });
});

describe('Markdown: names stay text', () => {
  it('mdCell escapes HTML as entities and Markdown punctuation with backslashes', () => {
    expect(mdCell('<script>alert(1)</script>')).toBe('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(mdCell('<img src=x onerror=alert(1)>')).toBe('&lt;img src=x onerror=alert(1)&gt;');
    expect(mdCell('A & B')).toBe('A &amp; B');
    expect(mdCell('[x](http://e)')).toBe('\\[x\\](http\\://e)');
    expect(mdCell('`c` *e* _e_ ~s~ a|b \\')).toBe('\\`c\\` \\*e\\* \\_e\\_ \\~s\\~ a\\|b \\\\');
    expect(mdCell('line\none\r\ntwo')).toBe('line one two');
  });

  it('a JSON-path index stays as written unless it could open a link', () => {
    expect(mdCell('pool.tapes[0].principal')).toBe('pool.tapes[0].principal');
    expect(mdCell('[0](http://e)')).toBe('\\[0\\](http\\://e)');
    expect(mdCell('[0]: http://e')).toBe('\\[0\\]: http\\://e');
    expect(mdCell('[0][1]')).toBe('\\[0\\][1]');
  });

  it('title, subtitles, section titles, headers and notes are escaped, and cannot start a block', () => {
    const report = oneColumn('text', ['<b>x</b>'], ['y|z']);
    report.title = { zh: '# <i>T</i>', en: '# <i>T</i>' };
    report.notes = [{ zh: '- a *b*', en: '- a *b*' }, { zh: '1. one', en: '1. one' }];
    const md = render(report, { format: 'md', lang: 'en', unit: 'yuan' });
    expect(md).not.toMatch(/<[a-z]/i);
    expect(md.startsWith('# \\# &lt;i&gt;T&lt;/i&gt;\n\n@Subtitle\n\n## \\-Table\n')).toBe(true);
    expect(md).toContain('| &lt;b&gt;x&lt;/b&gt; | y\\|z  |');
    expect(md).toContain('\n- \\- a \\*b\\*\n- 1\\. one\n');
  });
});

describe('HTML: entities', () => {
  it('every hostile name from a deal file is text in the page', () => {
    const names = ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '"><svg onload=alert(1)>', "' onmouseover='x"];
    const html = render(oneColumn('text', names, names), { format: 'html', lang: 'en', unit: 'yuan' });
    expect(html).not.toMatch(/<(script|img|svg onload)/i);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('&quot;&gt;&lt;svg onload=alert(1)&gt;');
    expect(html).toContain('&#39; onmouseover=&#39;x');
  });
});
