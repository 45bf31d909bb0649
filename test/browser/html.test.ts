/**
 * The HTML report of every command, opened in headless Chromium: no console errors, nothing
 * loaded from elsewhere, every chart drawn (an SVG with a size, its axis titles and series names
 * as visible text), the Chinese text there, numbers and dates on one line, A4 when printed. A
 * screenshot of each page is kept in test-artifacts/browser/ (ignored by git). Without a browser
 * (see chromium.ts) the tests are skipped, saying why.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers.js';
import { findChromium, launch } from './chromium.js';

/** The browser's own, in page functions (this project's TypeScript has no DOM library). */
declare const getComputedStyle: (e: unknown) => { whiteSpace: string };

const OUT = resolve('test-artifacts/browser');
const GAOXINTOU = 'deals/gaoxintou-ip-2.json';
const IQIYI = 'deals/iqiyi-supply-chain.json';

interface PageCase {
  name: string;
  args: string[];
  /** Text the page must show (its title, in the report's language). */
  text: string[];
  /** The charts it must draw, by id (`chart-<id>`). */
  charts: string[];
}

const CASES: PageCase[] = [
  { name: 'run', args: ['run', 'deals/wenke-lease-1.json', '--unit', 'wan'], text: ['现金流', '证券兑付汇总'], charts: ['balances', 'uses', 'collections', 'coverage'] },
  { name: 'run-royalty', args: ['run', 'deals/guangkai-patent-license.json'], text: ['现金流'], charts: ['balances', 'uses', 'collections', 'reserve'] },
  { name: 'run-en', args: ['run', IQIYI, '--lang', 'en', '--unit', 'wan'], text: ['cash flows', 'Tranche summary'], charts: ['balances', 'uses', 'collections', 'coverage'] },
  { name: 'pool', args: ['pool', GAOXINTOU, '--cashflows'], text: ['资产池', '按行业分布'], charts: ['industry', 'sizeBand', 'cashflows'] },
  { name: 'stress', args: ['stress', IQIYI, '--cumulative', '0:60:15', '--no-support'], text: ['压力测试', '压力情景结果'], charts: ['stress-loss'] },
  { name: 'breakeven', args: ['breakeven', GAOXINTOU], text: ['临界违约率', '隐含评级'], charts: ['breakeven'] },
  { name: 'obligors', args: ['obligors', GAOXINTOU, '--top', '5', '--combinations', '2'], text: ['债务人违约测试'], charts: ['obligors'] },
  { name: 'montecarlo', args: ['montecarlo', IQIYI, '--paths', '2000', '--seed', '7', '--workers', '1', '--pd', '30', '--correlation', '0.5', '--no-support'], text: ['蒙特卡洛模拟', '损失分布直方图'], charts: ['histogram-A', 'exceedance'] },
  { name: 'price', args: ['price', 'deals/guangkai-patent-license.json', '--tranche', 'A', '--date', '2021-01-15', '--price', '100.25'], text: ['估值', '价格与收益率'], charts: [] },
  { name: 'run-floating', args: ['run', 'test/fixtures/floating-lpr.json'], text: ['现金流', '基准利率路径'], charts: ['balances', 'uses', 'collections'] },
  { name: 'size', args: ['size', GAOXINTOU, '-T', 'A1=AAA'], text: ['分层规模测算', '评级量表'], charts: ['size', 'size-breakeven'] },
  { name: 'track', args: ['track', 'deals/guangkai-patent-license.json', '--actuals', 'deals/actuals/guangkai-2021-08-26.csv', '--status', 'deals/status/guangkai-2021-08-26.json', '--scenario', 'deals/scenarios/guangkai-licensee-03-defaults-after-5th.json', '--unit', 'wan'], text: ['存续期跟踪', '实际与预测对比'], charts: ['track-collections', 'track-principal', 'track-defaults', 'rest-balances'] },
];

/** What a chart shows, read in the page. */
interface FigureCheck {
  id: string;
  width: number;
  height: number;
  /** Axis titles and series names the chart should show that are not visible text in its SVG. */
  missing: string[];
  hasCjk: boolean;
}

async function figures(page: Page): Promise<FigureCheck[]> {
  return page.$$eval('figure.chart', (figs) =>
    figs.map((f) => {
      const svg = f.querySelector('svg');
      const box = svg?.getBoundingClientRect();
      const texts = [...(svg?.querySelectorAll('text') ?? [])].filter((t) => t.getBBox().width > 0).map((t) => t.textContent ?? '');
      const wanted = [...(JSON.parse(f.getAttribute('data-axes') ?? '[]') as string[]), ...(JSON.parse(f.getAttribute('data-series') ?? '[]') as string[])];
      return { id: f.id, width: box?.width ?? 0, height: box?.height ?? 0, missing: wanted.filter((w) => !texts.includes(w)), hasCjk: texts.some((t) => /[\u4e00-\u9fff]/.test(t)) };
    }),
  );
}

const found = findChromium();

if (!found.path) {
  describe('HTML reports in a browser', () => {
    it.skip(`skipped: ${found.why}`, () => {});
  });
}

describe.runIf(found.path)(`HTML reports in headless Chromium (${found.why})`, () => {
  let browser: Browser;
  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    browser = await launch(found.path!);
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const c of CASES) {
    it(`${c.name}: opens without errors, draws every chart with its axes and series, shows the text`, async () => {
      const file = join(OUT, `${c.name}.html`);
      const r = await runCli([...c.args, '--out', file]);
      if (r.code !== 0) throw new Error(`ipabs ${c.args.join(' ')} exited ${r.code}: ${r.err}`);
      const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
      const errors: string[] = [];
      const requests: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`);
      });
      page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
      page.on('request', (q) => requests.push(q.url()));
      const url = pathToFileURL(file).href;
      await page.goto(url, { waitUntil: 'load' });
      expect(errors).toEqual([]);
      expect(requests).toEqual([url]);
      expect(await page.$$('script')).toHaveLength(0);

      const body = await page.innerText('body');
      for (const t of c.text) expect(body).toContain(t);
      const figs = await figures(page);
      expect(figs.map((f) => f.id)).toEqual(expect.arrayContaining(c.charts.map((id) => `chart-${id}`)));
      for (const f of figs) {
        expect(f.width, f.id).toBeGreaterThan(100);
        expect(f.height, f.id).toBeGreaterThan(100);
        expect(f.missing, f.id).toEqual([]);
        if (!c.name.endsWith('-en')) expect(f.hasCjk, f.id).toBe(true);
      }
      // Numbers and dates stay on one line.
      const wrapping = await page.$$eval('td.num, td.date', (tds) => tds.filter((td) => getComputedStyle(td).whiteSpace !== 'nowrap').length);
      expect(wrapping).toBe(0);
      await page.screenshot({ path: join(OUT, `${c.name}.png`), fullPage: true });
      // The README's picture: `UPDATE_SCREENSHOT=1 npx vitest run test/browser` writes it again.
      if (c.name === 'run' && process.env['UPDATE_SCREENSHOT'] === '1') await page.screenshot({ path: 'docs/html-report.png', clip: { x: 0, y: 0, width: 900, height: 1300 } });
      await page.close();
    });
  }

  it('run: a royalty deal draws no interest among its collections', async () => {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(join(OUT, 'run-royalty.html')).href);
    const series = JSON.parse((await page.getAttribute('#chart-collections', 'data-series')) ?? '[]') as string[];
    expect(series).not.toContain('利息');
    expect(await page.locator('#chart-collections svg text', { hasText: /^利息$/ }).count()).toBe(0);
    await page.close();
  });

  it('run: prints on A4 pages, wide tables on landscape ones', async () => {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(join(OUT, 'run-royalty.html')).href);
    const pdf = (await page.pdf({ preferCSSPageSize: true })).toString('latin1');
    // A4 is 595.28 × 841.89 points.
    const sizes = [...pdf.matchAll(/MediaBox \[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map((m) => `${Math.round(Number(m[1]))}×${Math.round(Number(m[2]))}`);
    expect(new Set(sizes)).toEqual(new Set(['595×842', '842×595']));
    await page.close();
  });

  it('every table fits the width of its printed page (A4 less 12 mm margins: 703 px upright, 1032 px across)', async () => {
    const page = await browser.newPage();
    await page.emulateMedia({ media: 'print' });
    const tooWide: string[] = [];
    for (const [width, selector] of [
      [703, 'table:not(.wide)'],
      [1032, 'table.wide'],
    ] as const) {
      await page.setViewportSize({ width, height: 1000 });
      for (const c of CASES) {
        await page.goto(pathToFileURL(join(OUT, `${c.name}.html`)).href);
        const widths = await page.$$eval(selector, (ts) => ts.map((t) => [t.previousElementSibling?.textContent ?? '', t.getBoundingClientRect().width] as const));
        for (const [title, w] of widths) if (w > width) tooWide.push(`${c.name}: ${title} ${Math.round(w)} px`);
      }
    }
    expect(tooWide).toEqual([]);
    await page.close();
  });
});
