import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/util/money.js';
import {
  sectionTitle,
  csvField,
  displayWidth,
  formatValue,
  headerText,
  jsonValue,
  mdCell,
  padDisplay,
  render,
  type Cell,
  type Format,
  type Lang,
  type Report,
  type Section,
  type Unit,
  type ValueKind,
} from '../../src/report/index.js';
import { sampleReport } from './fixture.js';

const FORMATS: Format[] = ['table', 'csv', 'md', 'json'];
const LANGS: Lang[] = ['zh', 'en'];
const UNITS: Unit[] = ['yuan', 'wan'];
const KINDS: ValueKind[] = ['text', 'int', 'number', 'money', 'percent', 'rate', 'date'];

/** Consecutive runs of table lines (`+…` rules and `|…` rows) in a terminal rendering. */
function tableBlocks(out: string): string[][] {
  const blocks: string[][] = [];
  let current: string[] = [];
  for (const line of out.split('\n')) {
    if (line.startsWith('+') || line.startsWith('| ')) current.push(line);
    else if (current.length > 0) {
      blocks.push(current);
      current = [];
    }
  }
  if (current.length > 0) blocks.push(current);
  return blocks;
}

describe('displayWidth / padDisplay', () => {
  it('counts CJK and full-width characters as two columns', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('贷款余额')).toBe(8);
    expect(displayWidth('（万元）')).toBe(8);
    expect(displayWidth('，。：；！？、')).toBe(14);
    expect(displayWidth('ＡＢ１')).toBe(6); // fullwidth forms
    expect(displayWidth('한국어')).toBe(6); // Hangul
    expect(displayWidth('ひらがなカタカナ')).toBe(16); // kana
    expect(displayWidth('𠀀')).toBe(2); // CJK Extension B (astral)
    expect(displayWidth('😀')).toBe(2);
  });

  it('counts ambiguous characters as one and combining/zero-width/control characters as zero', () => {
    expect(displayWidth('—')).toBe(1);
    expect(displayWidth('e\u0301')).toBe(1);
    expect(displayWidth('a\u200Bb')).toBe(2);
    expect(displayWidth('\uFEFF')).toBe(0);
    expect(displayWidth('\x1b\x07')).toBe(0);
    expect(displayWidth('')).toBe(0);
  });

  it('pads by display width and never truncates', () => {
    expect(padDisplay('合计', 6, 'left')).toBe('合计  ');
    expect(padDisplay('1.00', 6, 'right')).toBe('  1.00');
    expect(padDisplay('ab', 5, 'center')).toBe(' ab  ');
    expect(padDisplay('贷款余额', 4, 'right')).toBe('贷款余额');
    expect(padDisplay('x', 3)).toBe('x  ');
  });
});

describe('formatValue', () => {
  it('formats money in yuan and wan, half up, with or without grouping', () => {
    expect(formatValue(new Decimal('13900000'), 'money', { unit: 'yuan' })).toBe('13,900,000.00');
    expect(formatValue(new Decimal('13900000'), 'money', { unit: 'wan' })).toBe('1,390.00');
    expect(formatValue(new Decimal('13900000'), 'money', { unit: 'yuan', grouping: false })).toBe('13900000.00');
    expect(formatValue('0.005', 'money', {})).toBe('0.01');
    expect(formatValue('-0.005', 'money', {})).toBe('-0.01'); // half up = away from zero on ties
    expect(formatValue('-0.004', 'money', {})).toBe('0.00'); // no "-0.00"
    expect(formatValue(new Decimal('12345'), 'money', { unit: 'wan' })).toBe('1.23');
    expect(formatValue(new Decimal('12350'), 'money', { unit: 'wan' })).toBe('1.24');
    expect(formatValue(new Decimal('12345'), 'money', { unit: 'wan', decimals: 4 })).toBe('1.2345');
    expect(formatValue(999.995, 'money', {})).toBe('1,000.00');
    expect(formatValue(-1234567.891, 'money', {})).toBe('-1,234,567.89');
  });

  it('formats percent, rate, int and number', () => {
    expect(formatValue(new Decimal(62).div(139), 'percent', {})).toBe('44.60%');
    expect(formatValue('0.446043165', 'percent', { decimals: 1 })).toBe('44.6%');
    expect(formatValue(12.3456, 'percent', {})).toBe('1,234.56%');
    expect(formatValue(12.3456, 'percent', { grouping: false })).toBe('1234.56%');
    expect(formatValue(0.0435, 'rate', {})).toBe('4.3500%');
    expect(formatValue('0.000012345', 'rate', {})).toBe('0.0012%');
    expect(formatValue(1234.5, 'int', {})).toBe('1,235');
    expect(formatValue(1234.5, 'int', { decimals: 3 })).toBe('1,235');
    expect(formatValue('2.345', 'number', {})).toBe('2.35');
    expect(formatValue('2.345', 'number', { decimals: 0 })).toBe('2');
  });

  it('shows missing values as the chosen placeholder and non-numbers as text', () => {
    expect(formatValue(null, 'money', {})).toBe('—');
    expect(formatValue(undefined, 'percent', {})).toBe('—');
    expect(formatValue(null, 'text', { empty: '' })).toBe('');
    expect(formatValue('n/a', 'money', {})).toBe('n/a');
    expect(formatValue('0x10', 'money', {})).toBe('0x10'); // no hex parsing
    expect(formatValue(Number.NaN, 'money', {})).toBe('NaN');
    expect(formatValue(Number.POSITIVE_INFINITY, 'rate', {})).toBe('Infinity');
    expect(formatValue('2024-06-30', 'date', {})).toBe('2024-06-30');
    expect(formatValue(new Decimal('1.50'), 'text', {})).toBe('1.5');
    expect(formatValue(-0, 'text', {})).toBe('0');
  });

  it('does not expand absurd exponents digit by digit', () => {
    expect(formatValue('1e999999', 'money', {})).toBe('1.00e+999999');
    expect(formatValue('1e-999999', 'money', {})).toBe('0.00');
  });

  it('rejects invalid decimals', () => {
    expect(() => formatValue(1, 'money', { decimals: -1 })).toThrow(RangeError);
    expect(() => formatValue(1, 'money', { decimals: 1.5 })).toThrow(RangeError);
  });

  it('says the unit once, in the section title, not in the headers', () => {
    const label = { zh: '贷款余额', en: 'Balance' };
    expect(headerText(label, 'money', 'zh', 'wan')).toBe('贷款余额');
    expect(headerText(label, 'percent', 'en', 'wan')).toBe('Balance');
    const money = { type: 'kv' as const, id: 'k', title: { zh: '概要', en: 'Summary' }, items: [{ key: 'a', label, value: 1, kind: 'money' as const }] };
    expect(sectionTitle(money, 'zh', 'wan')).toBe('概要（单位：万元）');
    expect(sectionTitle(money, 'zh', 'yuan')).toBe('概要（单位：元）');
    expect(sectionTitle(money, 'en', 'wan')).toBe('Summary (CNY 10k)');
    expect(sectionTitle(money, 'en', 'yuan')).toBe('Summary (CNY)');
    expect(sectionTitle({ ...money, items: [{ ...money.items[0]!, kind: 'percent' as const }] }, 'zh', 'wan')).toBe('概要');
  });
});

describe('jsonValue', () => {
  it('keeps amounts in yuan and fractions as trimmed decimal strings', () => {
    expect(jsonValue(new Decimal('13900000'), 'money')).toBe('13900000.00');
    expect(jsonValue('-0.001', 'money')).toBe('0.00');
    expect(jsonValue(new Decimal(62).div(139), 'percent')).toBe('0.4460431655');
    expect(jsonValue('0.0435', 'rate')).toBe('0.0435');
    expect(jsonValue(1, 'percent')).toBe('1');
    expect(jsonValue('1e-12', 'number')).toBe('0');
    expect(jsonValue(12.5, 'int')).toBe(13);
    expect(jsonValue('123456789012345678901', 'int')).toBe('123456789012345678901');
    expect(jsonValue(undefined, 'money')).toBeNull();
    expect(jsonValue('n/a', 'money')).toBe('n/a');
    expect(jsonValue(7, 'text')).toBe('7');
  });
});

describe('render: table', () => {
  it('matches the documented example', () => {
    const report: Report = {
      title: { zh: '现金流', en: 'Cash flows' },
      sections: [
        {
          type: 'table',
          id: 'pool',
          title: { zh: '资产池', en: 'Pool' },
          columns: [
            { key: 'period', header: { zh: '期次', en: 'Period' }, kind: 'int' },
            { key: 'balance', header: { zh: '余额', en: 'Balance' }, kind: 'money' },
          ],
          rows: [{ period: 1, balance: new Decimal('13900000') }],
        },
      ],
    };
    expect(render(report, { format: 'table', lang: 'zh', unit: 'wan' })).toBe(
      [
        '现金流',
        '',
        '资产池（单位：万元）',
        '+------+----------+',
        '| 期次 |     余额 |',
        '+------+----------+',
        '|    1 | 1,390.00 |',
        '+------+----------+',
        '',
      ].join('\n'),
    );
  });

  it('renders the sample report in Chinese, in 万元', () => {
    expect(render(sampleReport(), { format: 'table', lang: 'zh', unit: 'wan' })).toBe(
      [
        '现金流报告',
        '某知识产权ABS',
        '截至 2024-06-30',
        '',
        '资产池（单位：万元）',
        '+------+------------+----------+---------+',
        '| 期次 | 日期       | 贷款余额 |    占比 |',
        '+------+------------+----------+---------+',
        '|    1 | 2024-09-30 | 1,390.00 |  44.60% |',
        '|    2 | 2024-12-31 |   770.00 |       — |',
        '+------+------------+----------+---------+',
        '|    — | 合计       | 2,160.00 | 100.00% |',
        '+------+------------+----------+---------+',
        '',
        '概要（单位：万元）',
        '+------------+------------+',
        '| 发行规模   |  10,000.00 |',
        '| 优先级利率 |    2.8500% |',
        '| 名称       | A, "B" | C |',
        '+------------+------------+',
        '',
        '金额四舍五入。',
        '',
      ].join('\n'),
    );
  });

  it('renders English headers with the yuan unit and aligns every table line', () => {
    const out = render(sampleReport(), { format: 'table', lang: 'en', unit: 'yuan' });
    expect(out).toContain('Pool (CNY)\n');
    expect(out).toContain('| Period | Date       |       Balance |   Share |');
    expect(out).toContain('|      2 | 2024-12-31 |  7,700,000.01 |       — |');
    expect(out).toContain('| Issue size    | 100,000,000.00 |');
    for (const lang of LANGS) {
      for (const unit of UNITS) {
        const text = render(sampleReport(), { format: 'table', lang, unit });
        const blocks = tableBlocks(text);
        expect(blocks).toHaveLength(2);
        for (const block of blocks) {
          const widths = new Set(block.map(displayWidth));
          expect(widths.size).toBe(1);
        }
        expect(text.endsWith('\n')).toBe(true);
        expect(text.endsWith('\n\n')).toBe(false);
      }
    }
  });

  it('keeps one line per row when cells contain line breaks, tabs or control characters', () => {
    const report: Report = {
      title: { zh: '标题\n第二行', en: 'T' },
      sections: [
        {
          type: 'table',
          id: 't',
          title: { zh: '表', en: 'T' },
          columns: [{ key: 'a', header: { zh: '名\t称', en: 'Name' }, kind: 'text' }],
          rows: [{ a: '甲\r\n乙\x1b[31m' }],
        },
      ],
    };
    expect(render(report, { format: 'table', lang: 'zh', unit: 'yuan' })).toBe(
      ['标题 第二行', '', '表', '+-----------+', '| 名 称     |', '+-----------+', '| 甲 乙[31m |', '+-----------+', ''].join(
        '\n',
      ),
    );
  });
});

describe('render: csv', () => {
  it('renders the sample report for Excel: one BOM, no separators, RFC 4180 quoting, LF', () => {
    const out = render(sampleReport(), { format: 'csv', lang: 'en', unit: 'yuan' });
    expect(out).toBe(
      '\uFEFF' +
        [
          'Cash-flow report',
          'Some IP ABS',
          'As of 2024-06-30',
          '',
          'Pool (CNY)',
          'Period,Date,Balance,Share',
          '1,2024-09-30,13900000.00,44.60%',
          '2,2024-12-31,7700000.01,',
          ',合计,21600000.01,100.00%',
          '',
          'Summary (CNY)',
          'Issue size,100000000.00',
          'Senior coupon,2.8500%',
          'Name,"A, ""B"" | C"',
          '',
          'Amounts rounded half up.',
          '',
        ].join('\n'),
    );
  });

  it('uses 万元 headers and values in Chinese', () => {
    const out = render(sampleReport(), { format: 'csv', lang: 'zh', unit: 'wan' });
    expect(out).toContain('\n资产池（单位：万元）\n期次,日期,贷款余额,占比\n1,2024-09-30,1390.00,44.60%\n');
    expect(out).toContain('\n概要（单位：万元）\n发行规模,10000.00\n');
  });

  it('quotes commas, quotes and line breaks and keeps a single BOM', () => {
    expect(csvField('plain 中文')).toBe('plain 中文');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('line1\nline2')).toBe('"line1\nline2"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
    expect(csvField('\uFEFFx')).toBe('x');
    const report: Report = {
      title: { zh: '\uFEFF标题', en: 'T' },
      sections: [
        {
          type: 'table',
          id: 't',
          title: { zh: '表,一', en: 'T' },
          columns: [
            { key: 'a', header: { zh: '名"称"', en: 'A' }, kind: 'text' },
            { key: 'b', header: { zh: '金额', en: 'B' }, kind: 'money' },
          ],
          rows: [{ a: 'x\ny', b: '1234567.891' }],
        },
      ],
    };
    const out = render(report, { format: 'csv', lang: 'zh', unit: 'yuan' });
    expect(out).toBe('\uFEFF标题\n\n"表,一（单位：元）"\n"名""称""",金额\n"x\ny",1234567.89\n');
    expect(out.split('\uFEFF')).toHaveLength(2);
  });
});

describe('render: md', () => {
  it('renders the sample report as GitHub Markdown', () => {
    expect(render(sampleReport(), { format: 'md', lang: 'zh', unit: 'wan' })).toBe(
      [
        '# 现金流报告',
        '',
        '某知识产权ABS',
        '',
        '截至 2024-06-30',
        '',
        '## 资产池（单位：万元）',
        '',
        '|  期次 | 日期       |     贷款余额 |        占比 |',
        '| ----: | ---------- | -----------: | ----------: |',
        '|     1 | 2024-09-30 |     1,390.00 |      44.60% |',
        '|     2 | 2024-12-31 |       770.00 |           — |',
        '| **—** | **合计**   | **2,160.00** | **100.00%** |',
        '',
        '## 概要（单位：万元）',
        '',
        '| 项目       | 数值        |',
        '| ---------- | ----------- |',
        '| 发行规模   | 10,000.00   |',
        '| 优先级利率 | 2.8500%     |',
        '| 名称       | A, "B" \\| C |',
        '',
        '- 金额四舍五入。',
        '',
      ].join('\n'),
    );
  });

  it('escapes pipes and backslashes and right-aligns an all-numeric kv section', () => {
    expect(mdCell('a|b\\c\nd')).toBe('a\\|b\\\\c d');
    const report: Report = {
      title: { zh: 'T', en: 'T' },
      sections: [
        {
          type: 'kv',
          id: 'k',
          title: { zh: 'K', en: 'K' },
          items: [
            { key: 'a', label: { zh: 'a|b', en: 'A' }, value: 12345, kind: 'money' },
            { key: 'b', label: { zh: '比例', en: 'B' }, value: 0.5, kind: 'percent' },
          ],
        },
      ],
    };
    expect(render(report, { format: 'md', lang: 'zh', unit: 'wan' })).toBe(
      [
        '# T',
        '',
        '## K（单位：万元）',
        '',
        '| 项目 |   数值 |',
        '| ---- | -----: |',
        '| a\\|b |   1.23 |',
        '| 比例 | 50.00% |',
        '',
      ].join('\n'),
    );
  });
});

describe('render: json', () => {
  it('renders the sample report with yuan amounts whatever the unit', () => {
    const out = render(sampleReport(), { format: 'json', lang: 'zh', unit: 'wan' });
    expect(out.endsWith('}\n')).toBe(true);
    expect(out).toBe(render(sampleReport(), { format: 'json', lang: 'zh', unit: 'yuan' }));
    expect(JSON.parse(out)).toEqual({
      schemaVersion: '1.0.0',
      title: '现金流报告',
      subtitle: ['某知识产权ABS', '截至 2024-06-30'],
      sections: {
        pool: {
          title: '资产池',
          columns: [
            { key: 'period', header: '期次', kind: 'int' },
            { key: 'date', header: '日期', kind: 'date' },
            { key: 'balance', header: '贷款余额', kind: 'money' },
            { key: 'share', header: '占比', kind: 'percent' },
          ],
          rows: [
            { period: 1, date: '2024-09-30', balance: '13900000.00', share: '0.4460431655' },
            { period: 2, date: '2024-12-31', balance: '7700000.01', share: null },
          ],
          total: { period: null, date: '合计', balance: '21600000.01', share: '1' },
        },
        summary: {
          title: '概要',
          values: { issue: '100000000.00', coupon: '0.0285', name: 'A, "B" | C' },
        },
      },
      notes: ['金额四舍五入。'],
    });
  });

  it('pretty-prints with two spaces and keeps keys in the given order, even integer-like ones', () => {
    const report: Report = {
      title: { zh: '标题', en: 'Title' },
      sections: [
        {
          type: 'kv',
          id: '2025',
          title: { zh: '乙', en: 'B' },
          items: [
            { key: 'z', label: { zh: 'z', en: 'z' }, value: 1, kind: 'int' },
            { key: '10', label: { zh: '十', en: 'ten' }, value: null, kind: 'money' },
          ],
        },
        { type: 'kv', id: '__proto__', title: { zh: '甲', en: 'A' }, items: [] },
      ],
    };
    expect(render(report, { format: 'json', lang: 'en', unit: 'wan' })).toBe(
      [
        '{',
        '  "schemaVersion": "1.0.0",',
        '  "title": "Title",',
        '  "sections": {',
        '    "2025": {',
        '      "title": "B",',
        '      "values": {',
        '        "z": 1,',
        '        "10": null',
        '      }',
        '    },',
        '    "__proto__": {',
        '      "title": "A",',
        '      "values": {}',
        '    }',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('rejects duplicate section ids', () => {
    const s: Section = { type: 'kv', id: 'x', title: { zh: '', en: '' }, items: [] };
    const report: Report = { title: { zh: '', en: '' }, sections: [s, s] };
    expect(() => render(report, { format: 'json', lang: 'zh', unit: 'yuan' })).toThrow(/duplicate section id/);
    expect(() => render(report, { format: 'table', lang: 'zh', unit: 'yuan' })).not.toThrow();
  });
});

describe('render: options', () => {
  it('rejects unknown formats, languages and units', () => {
    const r = sampleReport();
    expect(() => render(r, { format: 'xml' as Format, lang: 'zh', unit: 'yuan' })).toThrow(RangeError);
    expect(() => render(r, { format: 'table', lang: 'fr' as Lang, unit: 'yuan' })).toThrow(RangeError);
    expect(() => render(r, { format: 'table', lang: 'zh', unit: 'yi' as Unit })).toThrow(RangeError);
  });

  it('is deterministic', () => {
    for (const format of FORMATS) {
      const opts = { format, lang: 'zh' as const, unit: 'wan' as const };
      expect(render(sampleReport(), opts)).toBe(render(sampleReport(), opts));
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

const textArb = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.string({
    unit: fc.constantFrom('a', 'Z', '1', '.', '-', ' ', '中', '（', '，', '—', 'é', '\u0301', '😀', '\t', '\n', '|', ',', '"', '\uFEFF', '\x1b'),
    maxLength: 12,
  }),
);
const labelArb = fc.record({ zh: textArb, en: textArb });
/** Titles and free lines start with a letter so they can never be mistaken for table lines. */
const lineArb = fc.record({ zh: textArb.map((s) => `T${s}`), en: textArb.map((s) => `T${s}`) });
const decimalArb = fc
  .tuple(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), fc.integer({ min: 0, max: 12 }))
  .map(([digits, scale]) => new Decimal(digits.toString()).div(new Decimal(10).pow(scale)));
const cellArb: fc.Arbitrary<Cell> = fc.oneof(
  decimalArb,
  decimalArb.map((d) => d.toString()),
  textArb,
  fc.double(),
  fc.integer(),
  fc.constant(null),
  fc.constant(undefined),
);
const kindArb = fc.constantFrom(...KINDS);
const decimalsArb = fc.option(fc.integer({ min: 0, max: 8 }), { nil: undefined });

const sectionArb = (id: string): fc.Arbitrary<Section> =>
  fc.oneof(
    fc
      .record({
        title: lineArb,
        columns: fc.array(fc.record({ header: labelArb, kind: kindArb, decimals: decimalsArb }), { maxLength: 5 }),
        rowCount: fc.nat({ max: 4 }),
        hasTotal: fc.boolean(),
        cells: fc.array(cellArb, { minLength: 30, maxLength: 30 }),
      })
      .map(({ title, columns, rowCount, hasTotal, cells }): Section => {
        const cols = columns.map((c, i) => ({ key: `c${i}`, ...c }));
        let k = 0;
        const row = (): Record<string, Cell> => Object.fromEntries(cols.map((c) => [c.key, cells[k++ % cells.length]]));
        const rows = Array.from({ length: rowCount }, row);
        return hasTotal ? { type: 'table', id, title, columns: cols, rows, total: row() } : { type: 'table', id, title, columns: cols, rows };
      }),
    fc
      .record({
        title: lineArb,
        items: fc.array(fc.record({ label: labelArb, value: cellArb, kind: kindArb, decimals: decimalsArb }), { maxLength: 5 }),
      })
      .map(({ title, items }): Section => ({ type: 'kv', id, title, items: items.map((it, i) => ({ key: `k${i}`, ...it })) })),
  );

const reportArb: fc.Arbitrary<Report> = fc
  .record({
    title: lineArb,
    subtitle: fc.option(fc.array(lineArb, { maxLength: 2 }), { nil: undefined }),
    notes: fc.option(fc.array(lineArb, { maxLength: 2 }), { nil: undefined }),
    count: fc.nat({ max: 3 }),
  })
  .chain(({ title, subtitle, notes, count }) =>
    fc.tuple(...Array.from({ length: count }, (_, i) => sectionArb(`s${i}`))).map((sections) => {
      const report: Report = { title, sections };
      if (subtitle) report.subtitle = subtitle;
      if (notes) report.notes = notes;
      return report;
    }),
  );

describe('render: properties', () => {
  it('never throws for arbitrary text and numbers, and produces well-formed output', () => {
    fc.assert(
      fc.property(reportArb, fc.constantFrom(...LANGS), fc.constantFrom(...UNITS), (report, lang, unit) => {
        for (const format of FORMATS) {
          const out = render(report, { format, lang, unit });
          expect(out.endsWith('\n')).toBe(true);
          if (format === 'csv') {
            expect(out.startsWith('\uFEFF')).toBe(true);
            expect(out.indexOf('\uFEFF', 1)).toBe(-1);
          }
          if (format === 'json') expect(() => JSON.parse(out)).not.toThrow();
        }
      }),
      { numRuns: 300 },
    );
  });

  it('aligns every line of every terminal table to the same display width', () => {
    fc.assert(
      fc.property(reportArb, fc.constantFrom(...LANGS), fc.constantFrom(...UNITS), (report, lang, unit) => {
        const out = render(report, { format: 'table', lang, unit });
        for (const line of out.split('\n')) expect(line).not.toMatch(/[\r\t\x1b]/);
        for (const block of tableBlocks(out)) {
          expect(new Set(block.map(displayWidth)).size).toBe(1);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('formats any finite decimal as money that parses back to the half-up rounded value', () => {
    fc.assert(
      fc.property(decimalArb, fc.constantFrom(...UNITS), (d, unit) => {
        const shown = formatValue(d, 'money', { unit, grouping: false });
        const scaled = unit === 'wan' ? d.div(10_000) : d;
        expect(new Decimal(shown).eq(scaled.toDecimalPlaces(2, Decimal.ROUND_HALF_UP))).toBe(true);
        expect(formatValue(d, 'money', { unit }).replace(/,/g, '')).toBe(shown);
      }),
    );
  });
});
