/**
 * Report charts as SVG, drawn by Apache ECharts' server-side renderer in Node (no browser, no
 * script in the page). ECharts is loaded on the first chart only (about 100 ms): `ipabs` starts
 * without it, and only HTML output pays for it. It is required (its CommonJS build, one file)
 * rather than imported, so `render` stays synchronous; the CLI bundle leaves it outside
 * (scripts/bundle.mjs) and loads it from node_modules.
 *
 * The SVG is deterministic: ECharts names its clip paths and classes after a counter of the
 * process (`zr3-c0`); they are renamed after the chart (`ipabs-balances-c0`), and what serves
 * only its browser-side interaction (`ecmeta_*` attributes, hover classes and their style) is
 * dropped.
 */
import { createRequire } from 'node:module';
import type { Chart, RenderOptions } from '../model.js';
import { chartHeight, chartOption, CHART_WIDTH } from './option.js';

/** The part of ECharts used here. */
interface EChartsLib {
  init(dom: null, theme: null, opts: { renderer: 'svg'; ssr: true; width: number; height: number }): {
    setOption(option: Record<string, unknown>): void;
    renderToSVGString(): string;
    dispose(): void;
  };
}

let lib: EChartsLib | undefined;

function echarts(): EChartsLib {
  lib ??= createRequire(import.meta.url)('echarts') as EChartsLib;
  return lib;
}

/** An id usable in SVG ids and classes: letters, digits, `-`, `_`. */
function idPart(id: string): string {
  return id.replace(/[^A-Za-z0-9_-]/g, (c) => `_${c.codePointAt(0)!.toString(16)}`);
}

/** The chart as an SVG element (`<svg …>…</svg>`), scaled by the page's CSS. */
export function chartSvg(chart: Chart, opts: RenderOptions): string {
  const width = CHART_WIDTH;
  const height = chartHeight(chart);
  const c = echarts().init(null, null, { renderer: 'svg', ssr: true, width, height });
  let svg: string;
  try {
    c.setOption(chartOption(chart, opts));
    svg = c.renderToSVGString();
  } finally {
    c.dispose();
  }
  return renameIds(svg, `ipabs-${idPart(chart.id)}-`)
    .replace(/ ecmeta_[a-z_]+="[^"]*"/g, '')
    // Hover styles and pointer events serve ECharts' browser-side interaction, which this page has not.
    .replace(/<style >[\s\S]*?<\/style>\n?/g, '')
    .replace(/ class="ipabs-[A-Za-z0-9_-]*?cls-\d+"/g, '')
    .replace(/ pointer-events="visible"/g, '')
    .replace('<svg ', `<svg role="img" aria-label="${escapeAttr(chart.title[opts.lang])}" `);
}

/**
 * ECharts' ids and classes (`zr3-c0`, `zr3-cls-12`) count across the process: each kind is
 * numbered again from 0 in order of first use in this SVG, after `prefix`.
 */
function renameIds(svg: string, prefix: string): string {
  const seen = new Map<string, string>();
  const next = new Map<string, number>();
  return svg.replace(/\bzr\d+-([A-Za-z-]*?)(\d+)\b/g, (whole: string, kind: string) => {
    let id = seen.get(whole);
    if (id === undefined) {
      const n = next.get(kind) ?? 0;
      next.set(kind, n + 1);
      id = `${prefix}${kind}${n}`;
      seen.set(whole, id);
    }
    return id;
  });
}

function escapeAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
