/**
 * Help in Chinese: `--lang zh` or a zh locale (LC_ALL, then LC_MESSAGES, then LANG); English the
 * default. Every command, argument and option has a Chinese description (a new one without
 * fails here: add it to src/cli/helpZh.ts).
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { helpLang, wrapLine } from '../../src/cli/helpLang.js';
import { displayWidth } from '../../src/report/width.js';
import { requireFreshDist } from '../stress/fixtures.js';
import { runCli } from '../helpers.js';

const CJK = /[\u4e00-\u9fff]/;
/** The width commander wraps help to: the terminal's, else 80. */
const HELP_WIDTH = process.stdout.isTTY && process.stdout.columns > 0 ? process.stdout.columns : 80;
const ENV = { PATH: process.env['PATH'] };
const bin = (args: string[], env: Record<string, string | undefined> = {}) => spawnSync(process.execPath, ['bin/ipabs.js', ...args], { encoding: 'utf8', env: { ...ENV, ...env } });

describe('help language', () => {
  it('helpLang: --lang first, then LC_ALL, LC_MESSAGES, LANG; English otherwise', () => {
    expect(helpLang(['--help', '--lang', 'zh'], {})).toBe('zh');
    expect(helpLang(['run', '--help', '--lang=zh'], {})).toBe('zh');
    expect(helpLang(['run', '-l', 'zh', '--help'], {})).toBe('zh');
    expect(helpLang(['run', '-lzh', '--help'], {})).toBe('zh');
    expect(helpLang(['--help', '--lang', 'en'], { LANG: 'zh_CN.UTF-8' })).toBe('en');
    expect(helpLang(['--help'], { LANG: 'zh_CN.UTF-8' })).toBe('zh');
    expect(helpLang(['--help'], { LANG: 'zh_TW.UTF-8' })).toBe('zh');
    expect(helpLang(['--help'], { LC_ALL: 'C.UTF-8', LANG: 'zh_CN.UTF-8' })).toBe('en');
    expect(helpLang(['--help'], { LC_MESSAGES: 'zh_CN.UTF-8', LANG: 'en_US.UTF-8' })).toBe('zh');
    expect(helpLang(['--help'], {})).toBe('en');
  });

  it('the built CLI: `ipabs --help --lang zh` and `LANG=zh_CN.UTF-8 ipabs --help` are Chinese, the default English', () => {
    requireFreshDist();
    const zh = bin(['--help', '--lang', 'zh']);
    expect(zh.status).toBe(0);
    expect(zh.stdout).toContain('用法：');
    expect(zh.stdout).toContain('命令：');
    expect(zh.stdout).toContain('运行现金流分配');
    const locale = bin(['run', '--help'], { LANG: 'zh_CN.UTF-8' });
    expect(locale.stdout).toContain('表现情景');
    expect(locale.stdout).toMatch(/\(可选："table", "csv", "json", "md",\s+"html", "xlsx"\)/);
    const en = bin(['--help'], { LANG: 'C.UTF-8' });
    expect(en.stdout).toContain('Usage: ipabs');
    expect(en.stdout).not.toContain('用法');
  });

  it('every command, argument and option has a Chinese description, wrapped to the width', async () => {
    const top = await runCli(['--help', '--lang', 'zh']);
    const commands = [...top.out.matchAll(/^ {2}([a-z]+) .*$/gm)].map((m) => m[1]!);
    expect(commands).toEqual(expect.arrayContaining(['validate', 'pool', 'run', 'size', 'stress', 'breakeven', 'obligors', 'montecarlo', 'merge', 'schema', 'completion', 'help']));
    for (const line of top.out.split('\n').filter((l) => /^ {2}[a-z]/.test(l))) expect(line, line).toMatch(CJK);
    for (const command of commands.filter((c) => c !== 'help')) {
      const { out } = await runCli([command, '--help', '--lang', 'zh']);
      // An item's first line: two spaces, the term, two or more spaces, the description.
      const items = out.split('\n').filter((l) => /^ {2}\S/.test(l));
      expect(items.length, command).toBeGreaterThan(0);
      for (const item of items) expect(item, `${command}: ${item}`).toMatch(/ {2,}\S*[\u3000-\u9fff\uff00-\uffef]/u);
      for (const line of out.split('\n')) expect(displayWidth(line), `${command}: ${line}`).toBeLessThanOrEqual(HELP_WIDTH);
    }
  });

  it('wrapLine breaks between Chinese characters, never before a closing mark', () => {
    expect(wrapLine('资产池报告：总量、集中度', 10)).toBe('资产池报\n告：总量、\n集中度');
    expect(wrapLine('hello world 中文', 11)).toBe('hello world\n中文');
  });
});
