/** The HTML format: a self-contained page, escaped text, tables and charts. */
import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../src/report/html.js';
import type { Report } from '../../src/report/model.js';
import { render } from '../../src/report/render.js';
import { Decimal } from '../../src/util/money.js';

const report: Report = {
  title: { zh: '<b>标题</b> & "引号"', en: 'Title' },
  sections: [
    {
      type: 'table',
      id: 'pool',
      title: { zh: '资产池', en: 'Pool' },
      columns: [
        { key: 'name', header: { zh: '名称', en: 'Name' }, kind: 'text' },
        { key: 'balance', header: { zh: '余额', en: 'Balance' }, kind: 'money' },
      ],
      rows: [{ name: '<script>alert(1)</script>', balance: new Decimal('13900000') }],
      total: { name: '合计', balance: new Decimal('13900000') },
    },
  ],
  charts: [{ id: 'c', title: { zh: '余额', en: 'Balance' }, kind: 'line', valueKind: 'money', x: ['2024-01-01', '2024-04-01'], xTitle: { zh: '兑付日', en: 'Date' }, yTitle: { zh: '余额', en: 'Balance' }, series: [{ name: { zh: 'A', en: 'A' }, values: [new Decimal(100), new Decimal(0)] }] }],
};

describe('render: html', () => {
  it('escapes every text it prints', () => {
    expect(escapeHtml(`<a href="x">&'`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&#39;');
    const html = render(report, { format: 'html', lang: 'zh', unit: 'wan' });
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('<title>&lt;b&gt;标题&lt;/b&gt; &amp; &quot;引号&quot;</title>');
  });
  it('writes a whole page: the unit in the section title, numbers right-aligned, a total row, an SVG chart', () => {
    const html = render(report, { format: 'html', lang: 'zh', unit: 'wan' });
    expect(html.startsWith('<!doctype html>\n<html lang="zh-CN">')).toBe(true);
    expect(html.endsWith('</html>\n')).toBe(true);
    expect(html).toContain('<h2 id="pool">资产池（单位：万元）</h2>');
    expect(html).toContain('<td class="num">1,390.00</td>');
    expect(html).toContain('<tfoot><tr><td>合计</td><td class="num">1,390.00</td></tr></tfoot>');
    expect(html).toContain('<svg role="img" aria-label="余额" width="860"');
    expect(html).toContain('余额（万元）');
    // No scripts and nothing loaded from elsewhere.
    expect(html).not.toMatch(/<script|src=|href=/);
  });
});

describe('render: table cut to the terminal width', () => {
  const wide: Report = {
    title: { zh: 'T', en: 'T' },
    sections: [
      {
        type: 'table',
        id: 'w',
        title: { zh: '宽表', en: 'Wide' },
        columns: ['name', 'a', 'b', 'c', 'd'].map((k) => ({ key: k, header: { zh: k === 'name' ? '名称' : `列${k}`, en: k }, kind: k === 'name' ? ('text' as const) : ('int' as const) })),
        rows: [{ name: '甲', a: 1111111111, b: 2222222222, c: 3333333333, d: 4444444444 }],
      },
    ],
  };
  it('repeats the first column in every block and keeps each line within the width', () => {
    const whole = render(wide, { format: 'table', lang: 'en', unit: 'yuan' });
    const cut = render(wide, { format: 'table', lang: 'en', unit: 'yuan', width: 40 });
    expect(Math.max(...whole.split('\n').map((l) => l.length))).toBeGreaterThan(40);
    const lines = cut.split('\n').filter((l) => l.startsWith('|') || l.startsWith('+'));
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(40);
    const headerLines = cut.split('\n').filter((l) => l.startsWith('| name'));
    expect(headerLines.length).toBeGreaterThan(1);
    for (const v of ['1,111,111,111', '2,222,222,222', '3,333,333,333', '4,444,444,444']) expect(cut).toContain(v);
  });
});
