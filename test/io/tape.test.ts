import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { convertCell, decodeTape, HEADER_ALIASES, parseTape } from '../../src/io/tape.js';
import { leafFieldPaths } from '../../src/schema/introspect.js';
import { Asset, PledgeLoan } from '../../src/schema/pool.js';
import { Decimal } from '../../src/util/money.js';

const utf8 = (s: string) => new TextEncoder().encode(s);
const BOM = [0xef, 0xbb, 0xbf];

/** GBK bytes, from python3: '借款人'.encode('gbk'), '贷款余额'.encode('gbk'), '发明专利'.encode('gbk'). */
const GBK = {
  借款人: [189, 232, 191, 238, 200, 203],
  贷款余额: [180, 251, 191, 238, 211, 224, 182, 238],
  发明专利: [183, 162, 195, 247, 215, 168, 192, 251],
  /** '编号,借款人,贷款余额\nL01,张三科技,1000.00\n'.encode('gbk') */
  tape: [
    177, 224, 186, 197, 44, 189, 232, 191, 238, 200, 203, 44, 180, 251, 191, 238, 211, 224, 182, 238, 10, 76, 48, 49, 44, 213, 197, 200, 253, 191, 198, 188, 188,
    44, 49, 48, 48, 48, 46, 48, 48, 10,
  ],
};

describe('decodeTape', () => {
  it('UTF-8 with a BOM: the BOM is dropped', () => {
    const out = decodeTape(new Uint8Array([...BOM, ...utf8('借款人,贷款余额')]), 'auto');
    expect(out).toEqual({ text: '借款人,贷款余额', encoding: 'utf8' });
    expect(decodeTape(new Uint8Array([...BOM, ...utf8('借款人')]), 'utf8')).toEqual({ text: '借款人', encoding: 'utf8' });
  });

  it('UTF-8 without a BOM', () => {
    expect(decodeTape(utf8('借款人,贷款余额\nL01,1.00'), 'auto')).toEqual({ text: '借款人,贷款余额\nL01,1.00', encoding: 'utf8' });
    expect(decodeTape(utf8('id,principal'), 'auto')).toEqual({ text: 'id,principal', encoding: 'utf8' });
  });

  it('GBK bytes are detected (not valid UTF-8) and decoded', () => {
    for (const word of ['借款人', '贷款余额', '发明专利'] as const) {
      expect(decodeTape(new Uint8Array(GBK[word]), 'auto')).toEqual({ text: word, encoding: 'gbk' });
      expect(decodeTape(new Uint8Array(GBK[word]), 'gbk')).toEqual({ text: word, encoding: 'gbk' });
    }
    expect(decodeTape(new Uint8Array(GBK.tape), 'auto').text).toBe('编号,借款人,贷款余额\nL01,张三科技,1000.00\n');
  });

  it('an explicit encoding wins over detection', () => {
    // GBK bytes read as UTF-8 become replacement characters rather than an error.
    const asUtf8 = decodeTape(new Uint8Array(GBK.借款人), 'utf8');
    expect(asUtf8.encoding).toBe('utf8');
    expect(asUtf8.text).toContain('\uFFFD');
  });

  it('empty bytes decode to empty text', () => {
    expect(decodeTape(new Uint8Array(), 'auto')).toEqual({ text: '', encoding: 'utf8' });
  });

  it('property: any text survives UTF-8 encoding, with or without a BOM', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.boolean(), (text, bom) => {
        fc.pre(!text.startsWith('\uFEFF'));
        const bytes = utf8(text);
        const out = decodeTape(bom ? new Uint8Array([...BOM, ...bytes]) : bytes, 'auto');
        expect(out).toEqual({ text, encoding: 'utf8' });
      }),
      { numRuns: 300 },
    );
  });

  it('the real tape in deals/ (UTF-8 with BOM) decodes', () => {
    const bytes = readFileSync(new URL('../../deals/gaoxintou-ip-2.tape.csv', import.meta.url));
    const out = decodeTape(bytes, 'auto');
    expect(out.encoding).toBe('utf8');
    expect(out.text.startsWith('贷款编号,借款人')).toBe(true);
  });
});

describe('convertCell', () => {
  it('percent rates move the decimal point exactly', () => {
    expect(convertCell('rate', '4.35%')).toBe('0.0435');
    expect(convertCell('rate', ' 4.35 % ')).toBe('0.0435');
    expect(convertCell('rate', '4.35％')).toBe('0.0435'); // full-width per-cent sign
    expect(convertCell('rate', '5%')).toBe('0.05');
    expect(convertCell('rate', '12.5%')).toBe('0.125');
    expect(convertCell('rate', '0.5%')).toBe('0.005');
    expect(convertCell('rate', '100%')).toBe('1.00');
    expect(convertCell('rate', '0%')).toBe('0.00');
    expect(convertCell('rate', '-1.5%')).toBe('-0.015');
    expect(convertCell('riskReserveRate', '10%')).toBe('0.10');
    expect(convertCell('factoringDiscount', '3.6%')).toBe('0.036');
    // A decimal rate stays as written; the schema judges it.
    expect(convertCell('rate', '0.0435')).toBe('0.0435');
  });

  it('property: a percent cell is the same number divided by 100', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000_000 }), fc.integer({ min: 0, max: 6 }), (n, places) => {
        const s = String(n).padStart(places + 1, '0');
        const text = places ? `${s.slice(0, -places)}.${s.slice(-places)}` : s;
        const out = convertCell('rate', `${text}%`) as string;
        expect(/^\d+\.\d+$/.test(out)).toBe(true);
        expect(new Decimal(out).eq(new Decimal(text).div(100))).toBe(true);
        // Exactly: the digits are unchanged, only the point moves two places.
        expect(out.replace('.', '').replace(/^0+/, '')).toBe(text.replace('.', '').replace(/^0+/, ''));
      }),
      { numRuns: 300 },
    );
  });

  it('Excel and Chinese dates become ISO dates on date fields', () => {
    expect(convertCell('startDate', '2021/1/28')).toBe('2021-01-28');
    expect(convertCell('maturityDate', '2022/12/5')).toBe('2022-12-05');
    expect(convertCell('dueDate', '2021.3.31')).toBe('2021-03-31');
    expect(convertCell('contractStart', '2021年1月28日')).toBe('2021-01-28');
    expect(convertCell('contractEnd', '2021-1-8')).toBe('2021-01-08');
    expect(convertCell('royalties.first', '2021/06/30')).toBe('2021-06-30');
    expect(convertCell('startDate', '2021-01-28')).toBe('2021-01-28');
    // Not a date field: left alone.
    expect(convertCell('note', '2021/1/28')).toBe('2021/1/28');
  });

  it('Chinese IP types become schema names, split on + and other separators', () => {
    expect(convertCell('ip.types', '发明专利+实用新型')).toEqual(['invention', 'utilityModel']);
    expect(convertCell('ip.types', '发明专利 ＋ 外观设计')).toEqual(['invention', 'design']);
    expect(convertCell('ip.types', '软件著作权、商标')).toEqual(['softwareCopyright', 'trademark']);
    expect(convertCell('ip.types', '计算机软件著作权,版权')).toEqual(['softwareCopyright', 'copyright']);
    expect(convertCell('ip.types', '实用新型专利/其他')).toEqual(['utilityModel', 'other']);
    expect(convertCell('ip.types', 'invention')).toEqual(['invention']);
    // Unknown names pass through for the schema to reject with a message.
    expect(convertCell('ip.types', '集成电路布图')).toEqual(['集成电路布图']);
  });

  it('Chinese repayment names become schema names', () => {
    expect(convertCell('repayment', '到期一次还本')).toBe('bullet');
    expect(convertCell('repayment', '按期付息到期还本')).toBe('bullet');
    expect(convertCell('repayment', '先息后本')).toBe('bullet');
    expect(convertCell('repayment', '等额本金')).toBe('equalPrincipal');
    expect(convertCell('repayment', '等额本息')).toBe('level');
    expect(convertCell('repayment', '按计划还款')).toBe('schedule');
    expect(convertCell('repayment', ' level ')).toBe('level');
  });

  it('amounts lose thousands separators (ASCII and full-width commas, spaces)', () => {
    expect(convertCell('principal', '1,000,000.00')).toBe('1000000.00');
    expect(convertCell('principal', '40，000，000.00')).toBe('40000000.00');
    expect(convertCell('face', ' 12 345.67 ')).toBe('12345.67');
    expect(convertCell('royalties.total', '1,234')).toBe('1234');
    expect(convertCell('leasePrincipal', '"5,000"'.slice(1, -1))).toBe('5000');
  });

  it('whole-number fields become numbers; empty cells are undefined', () => {
    expect(convertCell('paymentEveryMonths', '3')).toBe(3);
    expect(convertCell('royalties.count', ' 12 ')).toBe(12);
    expect(convertCell('paymentEveryMonths', 'three')).toBe('three');
    expect(convertCell('principal', '   ')).toBeUndefined();
    expect(convertCell('obligor', '')).toBeUndefined();
    expect(convertCell('obligor', ' 张三科技 ')).toBe('张三科技');
  });
});

describe('parseTape', () => {
  const fields = new Set(leafFieldPaths(PledgeLoan).filter((f) => f !== 'type' && f !== 'assumed'));
  const defaults = { rate: '0.05', startDate: '2021-01-18', maturityDate: '2022-01-18', repayment: 'bullet' };

  it('a GBK tape with Chinese headers parses into valid assets', () => {
    const { text } = decodeTape(new Uint8Array(GBK.tape), 'auto');
    const out = parseTape(text, 't.csv', 'pledgeLoan', fields, defaults);
    expect(out.diagnostics).toEqual([]);
    expect(out.columns.map((c) => c.field)).toEqual(['id', 'obligor', 'principal']);
    expect(out.rows.map((r) => ({ line: r.line, value: r.value }))).toEqual([{ line: 2, value: { ...defaults, type: 'pledgeLoan', id: 'L01', obligor: '张三科技', principal: '1000.00' } }]);
    expect(Asset.safeParse(out.rows[0]!.value).success).toBe(true);
  });

  it('converts every kind of cell on the way', () => {
    const text = '\uFEFF编号,借款人,质押知识产权类型,贷款余额,年利率,放款日,到期日,还款方式,付息频率（月）\n' +
      'L1,甲公司,发明专利+实用新型,"1,000,000.00",4.35%,2021/1/28,2022/1/28,等额本息,1\n';
    const out = parseTape(text, 't.csv', 'pledgeLoan', fields);
    expect(out.diagnostics).toEqual([]);
    const asset = PledgeLoan.parse(out.rows[0]!.value);
    expect(asset.ip?.types).toEqual(['invention', 'utilityModel']);
    expect(asset.principal.toFixed(2)).toBe('1000000.00');
    expect(asset.rate.toString()).toBe('0.0435');
    expect([asset.startDate, asset.maturityDate, asset.repayment, asset.paymentEveryMonths]).toEqual(['2021-01-28', '2022-01-28', 'level', 1]);
  });

  it('warns about unknown columns and rejects a second column for one field', () => {
    const out = parseTape('编号,借款人,颜色,贷款编号\nL1,甲,红,L2\n', 't.csv', 'pledgeLoan', fields);
    expect(out.diagnostics.map((d) => [d.severity, d.line, d.column, d.columnName])).toEqual([
      ['warning', 1, 3, '颜色'],
      ['error', 1, 4, '贷款编号'],
    ]);
  });

  it('reports unreadable CSV and empty tapes with a line', () => {
    for (const text of ['编号,借款人\nL1,甲,多\n', '编号,借款人\nL1,"甲\n']) {
      const errors = parseTape(text, 't.csv', 'pledgeLoan', fields).diagnostics.filter((d) => d.severity === 'error');
      expect(errors.length).toBeGreaterThan(0);
      for (const d of errors) expect(d).toMatchObject({ file: 't.csv', line: 2 });
    }
    expect(parseTape('', 't.csv', 'pledgeLoan', fields).diagnostics[0]).toMatchObject({ severity: 'error', line: 1 });
  });

  it('every header alias names a real field of some asset type', () => {
    const all = new Set(['pledgeLoan', 'royalty', 'lease', 'receivable', 'scheduledFlow'].flatMap((t) => leafFieldPaths(Asset.options.find((o) => o.shape.type.value === t)!)));
    for (const [alias, field] of Object.entries(HEADER_ALIASES)) expect(all.has(field), `${alias} → ${field}`).toBe(true);
  });

  it('property: never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const out = parseTape(text, 't.csv', 'pledgeLoan', fields, defaults);
        for (const d of out.diagnostics) expect(d.file).toBe('t.csv');
      }),
      { numRuns: 300 },
    );
  });
});
