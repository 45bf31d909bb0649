/**
 * The `ipabs price` report: a tranche's full price, accrued interest, clean price, yield,
 * durations and convexity per 100 yuan of face on a date, and the payments they are worked out
 * from. The JSON contract is src/contract/priceResult.ts.
 */
import type { PriceResult } from '../analytics/priceTranche.js';
import { SOLVE_TOLERANCE } from '../analytics/cnYield.js';
import { Decimal } from '../util/money.js';
import { fenCell } from './fenCell.js';
import type { Cell, KeyValueItem, Label, Report } from './model.js';
import { trancheName, type NamedTranche } from './trancheName.js';

export interface PriceReportInput {
  dealName: string;
  scenarioName?: string;
  tranche: NamedTranche & { id: string; dayCount: string };
  price: PriceResult;
  /** The curve file, when one is given. */
  curveFile?: string;
  /** What a run from a status says of it (its date, the periods past). */
  status?: Label;
}

const d = (x: number | undefined): Cell => (x === undefined ? undefined : new Decimal(x));
const four = { kind: 'number' as const, decimals: 4 };

function priceItems(input: PriceReportInput, lang: 'zh' | 'en'): KeyValueItem[] {
  const { tranche: t, price: p } = input;
  const to = p.to === 'expected' ? { zh: '预期到期日', en: 'expected maturity' } : { zh: '法定到期日', en: 'legal maturity' };
  const items: KeyValueItem[] = [
    { key: 'tranche', label: { zh: '证券', en: 'Tranche' }, value: t.id, kind: 'text' },
    { key: 'name', label: { zh: '证券名称', en: 'Name' }, value: trancheName(t, lang), kind: 'text' },
    { key: 'code', label: { zh: '证券代码', en: 'Code' }, value: t.code, kind: 'text' },
    { key: 'shortName', label: { zh: '证券简称', en: 'Short name' }, value: t.shortName, kind: 'text' },
    { key: 'date', label: { zh: '结算日', en: 'Settlement date' }, value: p.settlement, kind: 'date' },
    { key: 'to', label: { zh: '计算至', en: 'To' }, value: to[lang], kind: 'text' },
    { key: 'maturity', label: { zh: '到期日', en: 'Maturity' }, value: p.maturity, kind: 'date' },
    { key: 'face', label: { zh: '剩余面值', en: 'Outstanding face' }, value: fenCell(p.face), kind: 'money' },
    { key: 'periodStart', label: { zh: '本期起息日', en: 'Period began' }, value: p.periodStart, kind: 'date' },
    { key: 'convention', label: { zh: '收益率计算标准', en: 'Yield convention' }, value: p.convention[lang], kind: 'text' },
    { key: 'fullPrice', label: { zh: '全价（每百元面值）', en: 'Full price (per 100 face)' }, value: d(p.fullPrice), ...four },
    { key: 'accrued', label: { zh: '应计利息（每百元面值）', en: 'Accrued interest (per 100 face)' }, value: d(p.accrued), ...four },
    { key: 'cleanPrice', label: { zh: '净价（每百元面值）', en: 'Clean price (per 100 face)' }, value: d(p.cleanPrice), ...four },
    { key: 'yield', label: { zh: '到期收益率', en: 'Yield to maturity' }, value: d(p.yield), kind: 'rate', decimals: 4 },
    { key: 'macaulay', label: { zh: '麦考利久期（年）', en: 'Macaulay duration (years)' }, value: d(p.macaulay), ...four },
    { key: 'modified', label: { zh: '修正久期', en: 'Modified duration' }, value: d(p.modified), ...four },
    { key: 'convexity', label: { zh: '凸性', en: 'Convexity' }, value: d(p.convexity), ...four },
  ];
  if (p.spreadBp !== undefined) items.push({ key: 'spreadBp', label: { zh: '利差（基点）', en: 'Spread (bp)' }, value: d(p.spreadBp), kind: 'number', decimals: 2 });
  return items;
}

const NOTES: Label[] = [
  {
    zh: '收益率依中国人民银行2007年《关于完善银行间债券市场债券到期收益率计算标准有关事项的通知》：剩余多次兑付时 PV = Σ CFᵢ/(1+y/f)^(d/TS+i−1)（f为年付息次数，d为结算日至下一付息日天数，TS为当期付息周期天数），处于最后付息周期时 PV = FV/(1+y·D/TY)（D为结算日至兑付日天数，TY为当前计息年度天数），仅剩一次兑付且超过一年时 PV = FV/(1+y)^(D/TY)。摊还型证券的CFᵢ为预测的各期本息。付息周期按名义兑付日计。',
    en: 'Yield by the PBoC 2007 yield-to-maturity standard of the interbank bond market: with more than one payment left PV = Σ CFᵢ/(1+y/f)^(d/TS+i−1) (f coupons a year, d days to the next coupon date, TS days of the current coupon period); in the last coupon period PV = FV/(1+y·D/TY) (D days to the payment, TY days of the current interest year); one payment more than a year away PV = FV/(1+y)^(D/TY). An amortising tranche’s CFᵢ are its projected payments of interest and principal. Coupon periods run between nominal payment dates.',
  },
  {
    zh: `每百元面值按结算日剩余面值计；应计利息 = 票面利率 × 本期起息日至结算日的年数（按证券的计息基准）× 100；净价 = 全价 − 应计利息。由价格求收益率用二分法，收益率精确到 ${SOLVE_TOLERANCE}。曲线按期限线性插值，两端外推取端点值；利差加在各现金流期限对应的曲线收益率上。`,
    en: `Per 100 yuan of the face outstanding on the settlement date; accrued interest = coupon × the years from the period’s start to settlement (the tranche’s day count) × 100; clean = full − accrued. A yield is solved from a price by bisection to ${SOLVE_TOLERANCE}. A curve is read by linear interpolation on tenor, flat beyond its ends; a spread is added to the curve’s yield at each payment’s tenor.`,
  },
];

/** The human report of a price. */
export function priceReport(input: PriceReportInput, lang: 'zh' | 'en'): Report {
  const p = input.price;
  const name = trancheName(input.tranche, lang);
  const sum = (f: (x: PriceResult['flows'][number]) => number) => d(p.flows.reduce((a, x) => a + f(x), 0));
  return {
    title: { zh: `${input.dealName} ${name} 估值`, en: `${input.dealName} ${name}: price and yield` },
    subtitle: [
      { zh: `情景：${input.scenarioName ?? '基准情景（无违约）'}`, en: `Scenario: ${input.scenarioName ?? 'base case (no defaults)'}` },
      { zh: `计息基准：${input.tranche.dayCount}`, en: `Day count: ${input.tranche.dayCount}` },
      ...(input.curveFile ? [{ zh: `收益率曲线：${input.curveFile}`, en: `Curve: ${input.curveFile}` }] : []),
      ...(input.status ? [input.status] : []),
    ],
    sections: [
      { type: 'kv', id: 'price', title: { zh: '价格与收益率', en: 'Price and yield' }, items: priceItems(input, lang) },
      {
        type: 'table',
        id: 'flows',
        title: { zh: '剩余现金流（每百元面值）', en: 'Remaining payments (per 100 face)' },
        columns: [
          { key: 'period', header: { zh: '期数', en: 'Period' }, kind: 'int' },
          { key: 'nominalDate', header: { zh: '名义兑付日', en: 'Nominal date' }, kind: 'date' },
          { key: 'date', header: { zh: '兑付日', en: 'Payment date' }, kind: 'date' },
          { key: 'interest', header: { zh: '利息', en: 'Interest' }, ...four },
          { key: 'principal', header: { zh: '本金', en: 'Principal' }, ...four },
          { key: 'total', header: { zh: '本息合计', en: 'Total' }, ...four },
          { key: 'years', header: { zh: '期限（年）', en: 'Years' }, ...four },
          { key: 'discounted', header: { zh: '现值', en: 'Present value' }, ...four },
        ],
        rows: p.flows.map((f) => ({ period: f.period, nominalDate: f.nominalDate, date: f.date, interest: d(f.interest), principal: d(f.principal), total: d(f.total), years: d(f.years), discounted: d(f.discounted) })),
        total: { nominalDate: lang === 'zh' ? '合计' : 'Total', interest: sum((f) => f.interest), principal: sum((f) => f.principal), total: sum((f) => f.total), discounted: sum((f) => f.discounted) },
      },
    ],
    notes: NOTES,
  };
}
