/**
 * Review findings on hostile files (issue 7): text from a file never reaches the terminal as
 * control characters, a JSON file too large to hold as text is said to be so (not "not UTF-8"),
 * `assumed` notes may not name built-in object properties, size limits read sensibly when small,
 * Markdown breaks up bare links, and --tapes-from says what is wrong with the path it is given.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeUtf8 } from '../../src/io/loadDeal.js';
import { mib } from '../../src/io/input.js';
import { mdCell } from '../../src/report/markdown.js';
import { formatDiagnostic, printable } from '../../src/validate/diagnostics.js';
import { runCli, useTempDir } from '../helpers.js';

const tmp = useTempDir('ipabs-hostile-text-');
const SAMPLE = 'deals/gaoxintou-ip-2.json';

/** A copy of the sample deal and its tape in `folder`, changed by `edit`. */
function sampleCopy(folder: string, edit: (deal: any) => void = () => {}, tape?: string): string {
  mkdirSync(folder, { recursive: true });
  const deal = JSON.parse(readFileSync(SAMPLE, 'utf8'));
  edit(deal);
  writeFileSync(join(folder, deal.pool.tapes[0].path), tape ?? readFileSync(join('deals', deal.pool.tapes[0].path)));
  const file = join(folder, 'deal.json');
  writeFileSync(file, JSON.stringify(deal, null, 2));
  return file;
}

const ESC = '\u001b';

describe('no control characters from a file reach the terminal', () => {
  it('printable escapes C0, C1 and direction overrides; keeps line breaks when asked', () => {
    expect(printable(`${ESC}[2Jbad\rx\u202e`)).toBe('\\u001b[2Jbad\\u000dx\\u202e');
    expect(printable('a\nb', true)).toBe('a\nb');
    expect(printable('a\nb')).toBe('a\\u000ab');
    expect(formatDiagnostic({ severity: 'error', file: 'f.csv', line: 1, column: 2, columnName: `${ESC}[31mH`, message: 'm' })).toBe('error: f.csv:1:2 (column \\u001b[31mH): m');
  });

  it('a tape header and a JSON key with escape sequences are shown escaped', async () => {
    const tape = readFileSync('deals/gaoxintou-ip-2.tape.csv', 'utf8').replace(/^(\uFEFF?)/, `$1${ESC}[31mHDR,`).replace(/\n(?=.)/g, '\nx,');
    const deal = sampleCopy(join(tmp.dir(), 'esc'), (d) => {
      d.tranches[0][`${ESC}[2Jbad`] = 1;
    }, tape);
    const r = await runCli(['validate', deal]);
    expect(r.code).toBe(2);
    expect(r.out + r.err).not.toContain(ESC);
    expect(r.out).toContain('tranches[0].\\u001b[2Jbad');
    const run = await runCli(['run', deal]);
    expect(run.code).toBe(2);
    expect(run.err).not.toContain(ESC);
  });
});

describe('no control characters from a file in CSV or HTML reports', () => {
  it('an obligor named with an escape sequence and a bell is written escaped, in every format', async () => {
    const tape = readFileSync('deals/gaoxintou-ip-2.tape.csv', 'utf8').replace('借款人01', `${ESC}]0;pwn\u0007名`);
    const deal = sampleCopy(join(tmp.dir(), 'ctl'), () => {}, tape);
    for (const format of ['csv', 'html', 'md', 'table']) {
      for (const args of [['pool', deal, '--asset-flows'], ['obligors', deal]]) {
        const r = await runCli([...args, '--format', format]);
        expect(r.code, `${args[0]} ${format}`).toBe(0);
        expect(r.out, `${args[0]} ${format}`).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/);
      }
    }
    const csv = await runCli(['pool', deal, '--format', 'csv']);
    expect(csv.out).toContain('\\u001b]0;pwn\\u0007名');
  });
});

describe('a JSON file too large to hold as one text', () => {
  it('is said to be too large, not "not UTF-8"', () => {
    const bytes = Buffer.from('{"a": 1}'.padEnd(4096, ' '));
    const { text, diagnostics } = decodeUtf8(bytes, 'big.json', 1024);
    expect(text).toBeUndefined();
    expect(diagnostics.map(formatDiagnostic)).toEqual(['error: big.json: is 4 KiB: too large to read as one text (a JSON file is read whole, at most 1 KiB; put the assets of a large pool in tapes)']);
    expect(decodeUtf8(bytes, 'big.json').text).toBe(bytes.toString());
  });
});

describe('assumed notes name fields the object has', () => {
  it('a note on toString, hasOwnProperty or constructor is a warning, not an assumption', async () => {
    const deal = sampleCopy(join(tmp.dir(), 'assumed'), (d) => {
      d.tranches[0].assumed = { toString: 'y', hasOwnProperty: 'z', constructor: 'w' };
    });
    const r = await runCli(['validate', deal]);
    expect(r.code).toBe(0);
    for (const key of ['toString', 'hasOwnProperty', 'constructor']) {
      expect(r.out).toContain(`tranches[0].assumed.${key}: names field "${key}", which this object does not have`);
    }
  });
});

describe('small size limits', () => {
  it('sizes under a MiB are said in KiB or bytes', () => {
    expect(mib(16 * 1024 * 1024)).toBe('16 MiB');
    expect(mib(1.5 * 1024 * 1024)).toBe('1.5 MiB');
    expect(mib(5243)).toBe('5.1 KiB');
    expect(mib(300)).toBe('300 bytes');
  });

  it('--max-input-mb takes at least 1 KiB, and a small limit names the sizes', async () => {
    for (const bad of ['0', '0.0000001', '0.0009']) {
      const r = await runCli(['validate', SAMPLE, '--max-input-mb', bad]);
      expect(r.code).toBe(2);
      expect(r.err).toContain('give a size in MiB from 0.001 (1 KiB) to 4096');
    }
    const r = await runCli(['validate', SAMPLE, '--max-input-mb', '0.005']);
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/is \d+(\.\d)? KiB, larger than the limit of 5\.1 KiB/);
  });
});

describe('Markdown breaks up bare links', () => {
  it('scheme://, www. and e-mail addresses are escaped so no autolink forms', () => {
    expect(mdCell('www.evil.com/x https://evil.com a@b.cn tapes[0]')).toBe('www\\.evil.com/x https\\://evil.com a\\@b.cn tapes[0]');
  });

  it('an obligor named with a URL is written escaped by pool --format md', async () => {
    const tape = readFileSync('deals/gaoxintou-ip-2.tape.csv', 'utf8').replace('借款人01', 'www.evil.com/x https://evil.com');
    const deal = sampleCopy(join(tmp.dir(), 'md'), () => {}, tape);
    const r = await runCli(['pool', deal, '--format', 'md']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('www\\.evil.com/x https\\://evil.com');
    expect(r.out).not.toMatch(/(?<!\\)www\.evil|https:\/\//);
  });
});

describe('--tapes-from says what is wrong with its path', () => {
  it('a file, a missing folder, an empty name', async () => {
    const cases: [string, string][] = [
      [SAMPLE, 'not a folder'],
      [join(tmp.dir(), 'missing'), 'no such folder'],
      ['', 'give a folder'],
    ];
    for (const [dir, words] of cases) {
      const r = await runCli(['validate', SAMPLE, '--tapes-from', dir]);
      expect(r.code).toBe(2);
      expect(r.err).toBe(`ipabs: --tapes-from ${JSON.stringify(dir)}: ${words}\n`);
    }
  });
});

describe('small wordings from review', () => {
  it('a file named ..t.csv in the working folder is shown relative, ../x absolute', async () => {
    const { displayPath } = await import('../../src/io/fsErrors.js');
    expect(displayPath('..t.csv')).toBe('..t.csv');
    expect(displayPath('../x.csv')).toBe(join(process.cwd(), '..', 'x.csv'));
  });

  it('a rating multiplier of 0 is refused', async () => {
    const r = await runCli(['breakeven', SAMPLE, '--multipliers', 'AAA=0,AA=0']);
    expect(r.code).toBe(2);
    expect(r.err).toBe('ipabs: --multipliers: "AAA=0": a multiplier must be above 0\n');
  });
});

describe('header messages are capped like row errors', () => {
  it('50 unknown columns and 25 repeats of a field: 20 of each, then how many more', async () => {
    const lines = readFileSync('deals/gaoxintou-ip-2.tape.csv', 'utf8').replace(/^\uFEFF/, '').split('\n').filter((l) => l.trim() !== '');
    const extra = [...Array.from({ length: 50 }, (_, i) => `c${i}`), ...Array.from({ length: 25 }, () => '贷款余额')];
    const tape = [`${lines[0]},${extra.join(',')}`, ...lines.slice(1).map((l) => l + ','.repeat(extra.length))].join('\n') + '\n';
    const deal = sampleCopy(join(tmp.dir(), 'wide'), () => {}, tape);
    const r = await runCli(['validate', deal]);
    expect(r.code).toBe(2);
    const out = r.out.split('\n');
    expect(out.filter((l) => l.includes('not a field of'))).toHaveLength(20);
    expect(out.filter((l) => l.includes('a second column for field'))).toHaveLength(20);
    expect(r.out).toContain(':1: and 30 more columns are not fields and are ignored');
    expect(r.out).toContain(':1: and 5 more columns repeat a field');
  });
});
