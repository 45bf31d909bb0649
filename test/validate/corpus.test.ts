/**
 * The corpus of broken deal files (test/corpus): each `NN-name.json` (with its tape `NN-name.csv`
 * when the case is about tapes) must produce exactly the diagnostics in `NN-name.expected`, one
 * formatted diagnostic per line in `sortDiagnostics` order (errors first, then warnings): what
 * `ipabs validate` prints under the file's summary line, without the two leading spaces.
 *
 * Cases named `*-warn-*` or `*-ok-*` must have no errors; every other case at least one.
 *
 * To regenerate the expected files after a deliberate change of messages, run from the repo root
 *   UPDATE_CORPUS=1 npx vitest run test/validate/corpus.test.ts
 * and read the diff: every line must name its file and JSON path or CSV line and column, and say
 * what is wrong.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDeal } from '../../src/io/loadDeal.js';
import { formatDiagnostic, hasErrors, sortDiagnostics } from '../../src/validate/diagnostics.js';
import { validateCommand } from '../../src/cli/validate.js';
import { memoryIo } from '../../src/cli/io.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** As written in messages: relative to the repo root, where the tests run. */
const DIR = 'test/corpus';
const UPDATE = process.env['UPDATE_CORPUS'] === '1';

const cases = readdirSync(join(ROOT, DIR))
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => f.slice(0, -'.json'.length));

function expectedLines(name: string): string[] {
  const text = readFileSync(join(ROOT, DIR, `${name}.expected`), 'utf8');
  return text === '' ? [] : text.replace(/\n$/, '').split('\n');
}

describe('corpus of broken deal files', () => {
  beforeAll(() => {
    // Paths in the messages are relative to the working directory.
    expect(process.cwd(), 'run the corpus tests from the repository root').toBe(ROOT);
  });

  it('has at least 30 cases, each with an expected file', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
    if (!UPDATE) for (const name of cases) expect(existsSync(join(ROOT, DIR, `${name}.expected`)), `${name}.expected`).toBe(true);
  });

  it.each(cases)('%s', (name) => {
    const file = `${DIR}/${name}.json`;
    const { deal, diagnostics } = loadDeal(file);
    const lines = sortDiagnostics(diagnostics).map(formatDiagnostic);
    if (UPDATE) writeFileSync(join(ROOT, DIR, `${name}.expected`), lines.map((l) => `${l}\n`).join(''));
    expect(lines).toEqual(expectedLines(name));

    const mustPass = /-(warn|ok)-/.test(`${name}-`);
    if (mustPass) {
      expect(hasErrors(diagnostics), `${name} must have no errors`).toBe(false);
      expect(deal, `${name} must load`).toBeDefined();
      if (name.includes('-warn-')) expect(diagnostics.length, `${name} must warn`).toBeGreaterThan(0);
      if (name.includes('-ok-')) expect(diagnostics, `${name} must be clean`).toEqual([]);
    } else {
      expect(hasErrors(diagnostics), `${name} must have at least one error`).toBe(true);
      expect(deal, `${name} must not load`).toBeUndefined();
    }
    // Every diagnostic says where: a JSON path, or a CSV line, or (for a file that cannot be read
    // or parsed) the file alone.
    for (const d of diagnostics) {
      expect(d.file, formatDiagnostic(d)).not.toBe('');
      expect(d.message, formatDiagnostic(d)).not.toBe('');
      expect(d.message, formatDiagnostic(d)).not.toMatch(/undefined|\[object Object\]|NaN/);
    }
  });
});

describe('ipabs validate on the corpus', () => {
  const run = (names: string[]) => {
    const io = memoryIo();
    const code = validateCommand(
      names.map((n) => `${DIR}/${n}.json`),
      {},
      io,
    );
    return { code, out: io.out, err: io.err };
  };

  it('exits 2 on errors and prints every diagnostic, without a stack trace', () => {
    const names = ['01-not-json', '20-unknown-tranche', '39-tape-bad-number'];
    const { code, out, err } = run(names);
    expect(code).toBe(2);
    expect(out + err).not.toContain('    at ');
    for (const n of names) {
      const expected = expectedLines(n);
      const errors = expected.filter((l) => l.startsWith('error: ')).length;
      const warnings = expected.length - errors;
      const summary = `${errors} error${errors === 1 ? '' : 's'}${warnings > 0 ? `, ${warnings} warning${warnings === 1 ? '' : 's'}` : ''}`;
      expect(out).toContain(`${DIR}/${n}.json: ${summary}\n${expected.map((l) => `  ${l}\n`).join('')}`);
    }
  });

  it('exits 0 on warnings only and says ok', () => {
    const { code, out, err } = run(['49-warn-suspicious', '45-ok-tape-gbk']);
    expect(code).toBe(0);
    expect(err).toBe('');
    expect(out).toMatch(/^test\/corpus\/49-warn-suspicious\.json: ok, \d+ warnings?\n/);
    expect(out).toContain('test/corpus/45-ok-tape-gbk.json: ok\n');
    expect(out).not.toContain('error');
  });

  it('exits 2 on warnings with --strict', () => {
    const io = memoryIo();
    expect(validateCommand([`${DIR}/48-warn-tape-unknown-column.json`], { strict: true }, io)).toBe(2);
  });

  it('never shows a stack trace, whatever the case', () => {
    const { out, err } = run(cases);
    expect(out + err).not.toContain('    at ');
  });
});
