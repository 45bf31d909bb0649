/**
 * Names from a deal file that try to become formulas or HTML (issue 7, items 5 and 6): a copy of
 * the 广开专利 deal whose deal name, tranche, fee, account and support names and ids, obligors,
 * industries, regions and asset ids are spreadsheet formulas, `<script>` and `<img onerror>`, run
 * through every command. In CSV no text cell may begin with `=`, `+`, `-`, `@`, tab or CR (it gets
 * a leading `'`), while amounts, negative ones included, stay plain numbers; in Markdown and HTML
 * no name may become markup.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { runCli, useTempDir } from '../helpers.js';

/** The OWASP first characters, each once as a name. */
const FORMULAS = ['=HYPERLINK("http://x")', '@SUM(1+1)', '-2+3', '+1', '\tx', '\rx'];
/** Markup a rendered Markdown or HTML page must show as text. */
const MARKUP = ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '[click](javascript:alert(1))', '`code` *em* _em_ | pipe'];

const { file } = useTempDir('ipabs-injection-');

/** Replaces every string equal to a key of `ids` anywhere in `v` (ids and their references). */
function renameIds(v: unknown, ids: Record<string, string>): unknown {
  if (typeof v === 'string') return Object.prototype.hasOwnProperty.call(ids, v) ? ids[v] : v;
  if (Array.isArray(v)) return v.map((x) => renameIds(x, ids));
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, renameIds(x, ids)]));
  return v;
}

/** The 广开专利 deal with every free-text name from `names` (in turn) and ids that start with `-`. */
function hostileDeal(names: readonly string[]): unknown {
  const deal = JSON.parse(readFileSync('deals/guangkai-patent-license.json', 'utf8')) as Record<string, any>;
  const pick = (i: number) => names[i % names.length]!;
  // Ids may only hold letters, digits, _ . - and Chinese, so `-` is the one formula start they can carry.
  const ids: Record<string, string> = { A: '-2', B: '-B', mgmt: '-mgmt', risk: '-risk', undertaking: '-1' };
  const renamed = renameIds(deal, ids) as Record<string, any>;
  renamed['meta'].name = pick(0);
  renamed['meta'].shortName = pick(1);
  renamed['tranches'].forEach((t: any, i: number) => (t.name = pick(i + 2)));
  renamed['fees'].forEach((f: any, i: number) => (f.name = pick(i + 3)));
  renamed['accounts'].forEach((a: any, i: number) => (a.name = pick(i + 4)));
  renamed['supports'].forEach((s: any, i: number) => {
    s.name = pick(i + 5);
    s.provider = pick(i);
  });
  renamed['pool'].assets.forEach((a: any, i: number) => {
    a.id = `-${i + 1}`;
    a.obligor = `${pick(i)}${i >= names.length ? ` ${i}` : ''}`;
    a.industry = pick(i + 1);
    a.region = pick(i + 2);
  });
  return renamed;
}

/** A scenario whose name and defaulted obligor are hostile too. */
function hostileScenario(names: readonly string[]): unknown {
  return { name: names[0], defaults: [{ obligor: names[1], period: 3, mode: 'stopPaying' }] };
}

/** Every command and CSV path of ipabs on `deal`, with `scenario` where a command takes one. */
function commands(deal: string, scenario: string): string[][] {
  return [
    ['pool', deal],
    ['pool', deal, '--cashflows', '--asset-flows', '--lang', 'en'],
    ['pool', deal, '--section', 'industry'],
    ['run', deal],
    ['run', deal, '--ledger', '--lang', 'en', '--unit', 'wan'],
    ['run', deal, '--scenario', scenario],
    ['stress', deal],
    ['stress', deal, '--scenarios', scenario],
    ['breakeven', deal, '--tranche', '-2'],
    ['obligors', deal, '--top', '3', '--combinations', '1'],
    ['montecarlo', deal, '--paths', '200', '--workers', '1', '--industry-correlation', '0.1'],
  ];
}

async function ok(args: string[]): Promise<string> {
  const { code, out, err } = await runCli(args);
  expect(code, `${args.join(' ')}\n${err}`).toBe(0);
  return out;
}

/** A number as the CSV writes one: optional minus, digits, optional decimals, optional %. */
const CSV_NUMBER = /^-?\d+(\.\d+)?%?$/;

describe('CSV formula injection (item 5)', () => {
  const deal = () => file('formulas.json', hostileDeal(FORMULAS));
  const scenario = () => file('formulas.scenario.json', hostileScenario(FORMULAS));

  it('every command: no cell begins with = + - @ tab or CR unless it is a number', async () => {
    const seen = new Set<string>();
    for (const args of commands(deal(), scenario())) {
      // --section takes the section's own format; the others get --format csv.
      const out = await ok([...args, '--format', 'csv']);
      expect(out.startsWith('\uFEFF')).toBe(true);
      const rows = parse(out.slice(1), { relax_column_count: true, skip_empty_lines: true }) as string[][];
      for (const row of rows) {
        for (const cell of row) {
          if (/^[=+\-@\t\r]/.test(cell)) expect(cell, `${args[0]}: ${JSON.stringify(cell)}`).toMatch(CSV_NUMBER);
          if (cell.startsWith("'")) seen.add(cell);
        }
      }
    }
    // The names were there, each with its quote: not vacuous.
    for (const name of FORMULAS) expect([...seen].some((c) => c.startsWith(`'${name}`)), name).toBe(true);
    for (const id of ['-2', '-B', '-mgmt', '-1']) expect([...seen].some((c) => c.startsWith(`'${id}`)), id).toBe(true);
  });

  it('negative amounts stay plain numbers, and CSV quoting still applies after the quote', async () => {
    const out = await ok(['run', deal(), '--format', 'csv']);
    // The run report has negative amounts (the coverage table's excess spread, 超额利差): all plain numbers.
    const rows = parse(out.slice(1), { relax_column_count: true, skip_empty_lines: true }) as string[][];
    const negatives = rows.flat().filter((c) => /^-\d/.test(c));
    expect(negatives.length).toBeGreaterThan(0);
    for (const n of negatives) expect(n).toMatch(CSV_NUMBER);
    // The raw text: a quoted field that starts with the apostrophe, inner quotes doubled.
    expect(out).toContain(`"'=HYPERLINK(""http://x"")`);
    expect(out).not.toMatch(/(^|,)-2\+3/m);
  });
});

describe('Markdown and HTML escaping (item 6)', () => {
  const deal = () => file('markup.json', hostileDeal(MARKUP));
  const scenario = () => file('markup.scenario.json', hostileScenario(MARKUP));

  it('Markdown: no raw tag, link, code span or emphasis from a name, and every table row keeps its columns', async () => {
    for (const args of commands(deal(), scenario())) {
      const out = await ok([...args, '--format', 'md']);
      expect(out, args.join(' ')).not.toMatch(/<(script|img)/i);
      expect(out).not.toMatch(/[^\\]\]\(javascript:/);
      expect(out).not.toMatch(/(^|[^\\])`code/);
      expect(out).not.toMatch(/(^|[^\\])\*em/);
      // A table's rows all have as many unescaped | as its header.
      for (const table of out.split(/\n\n/).filter((b) => b.startsWith('|'))) {
        const counts = table.split('\n').filter((l) => l !== '').map((l) => l.replace(/\\./g, '').split('|').length);
        expect(new Set(counts).size, table).toBe(1);
      }
    }
    const pool = await ok(['pool', deal(), '--format', 'md']);
    expect(pool).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(pool).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(pool).toContain('\\[click\\](javascript:alert(1))');
    expect(pool).toContain('\\`code\\` \\*em\\* \\_em\\_ \\| pipe');
  });

  it('HTML: names are entities, never tags', async () => {
    for (const args of commands(deal(), scenario())) {
      const out = await ok([...args, '--format', 'html']);
      expect(out, args.join(' ')).not.toMatch(/<(script|img)/i);
    }
    const pool = await ok(['pool', deal(), '--format', 'html']);
    expect(pool).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(pool).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});
