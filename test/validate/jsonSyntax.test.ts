/**
 * The JSON syntax messages: the scanner behind `parseJsonText` finds an error exactly when
 * `JSON.parse` does, points inside the text, and says it in words (never the engine's message,
 * which differs between Node versions and may quote the whole file).
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonSyntaxError, parseJsonText } from '../../src/io/loadDeal.js';
import { formatDiagnostic } from '../../src/validate/diagnostics.js';

const SAMPLE = readFileSync(new URL('../../deals/gaoxintou-ip-2.json', import.meta.url), 'utf8');

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** One small edit of a text: delete, insert or replace a character with one JSON cares about. */
const edit = fc.record({
  kind: fc.constantFrom('delete', 'insert', 'replace'),
  at: fc.nat(),
  ch: fc.constantFrom('{', '}', '[', ']', ',', ':', '"', "'", ' ', '\n', 'a', '0', '-', '.', '\\', '/', 'e', '\t', '\u0001'),
});

function apply(text: string, edits: { kind: string; at: number; ch: string }[]): string {
  let t = text;
  for (const e of edits) {
    const i = t.length === 0 ? 0 : e.at % t.length;
    if (e.kind === 'delete') t = t.slice(0, i) + t.slice(i + 1);
    else if (e.kind === 'insert') t = t.slice(0, i) + e.ch + t.slice(i);
    else t = t.slice(0, i) + e.ch + t.slice(i + 1);
  }
  return t;
}

describe('JSON syntax errors', () => {
  it('are found exactly when JSON.parse fails, at an offset inside the text', () => {
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 3 }), (edits) => {
        const text = apply(SAMPLE, edits);
        const found = jsonSyntaxError(text);
        expect(found === undefined, JSON.stringify(found)).toBe(parses(text));
        if (found?.offset !== undefined) {
          expect(found.offset).toBeGreaterThanOrEqual(0);
          expect(found.offset).toBeLessThanOrEqual(text.length);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees with JSON.parse on short texts of JSON characters', () => {
    const chars = fc.constantFrom('{', '}', '[', ']', ',', ':', '"', ' ', '1', '0', '-', '.', 'e', 't', 'r', 'u', 'n', 'l', '\\', 'x');
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 12 }), (cs) => {
        const text = cs.join('');
        expect(jsonSyntaxError(text) === undefined, text).toBe(parses(text));
      }),
      { numRuns: 5000 },
    );
  });

  it.each([
    ['', 'error: x.json: not valid JSON: the file is empty'],
    ['{"a": 1,\n}', 'error: x.json:1:8: not valid JSON: a comma before "}": JSON allows no trailing comma'],
    ['{"a": 1\n "b": 2}', 'error: x.json:1:8: not valid JSON: missing "," after the value of "a"'],
    ['{"a": [1, 2,]}', 'error: x.json:1:12: not valid JSON: a comma before "]": JSON allows no trailing comma'],
    ['{"a": tru}', 'error: x.json:1:7: not valid JSON: expected the value of "a", found the bare word tru: text must be in double quotes, and the only bare words are true, false and null'],
    ["{'a': 1}", 'error: x.json:1:2: not valid JSON: field names must be in double quotes ("), not single quotes'],
    ['{a: 1}', 'error: x.json:1:2: not valid JSON: the field name a must be in double quotes'],
    ['{"a": 01}', 'error: x.json:1:7: not valid JSON: 01 is not a JSON number (write numbers like 12, 0.05 or -3.5e2, without leading zeros)'],
    ['{"a": "x\ny"}', 'error: x.json:1:7: not valid JSON: the text in quotes that starts here is not closed on its line (a line break inside text is written \\n)'],
    ['{\n  "a": {"b": 1}', 'error: x.json:1:1: not valid JSON: the { opened here is never closed with "}"'],
    ['{"a": 1} }', 'error: x.json:1:10: not valid JSON: found "}" after the end of the JSON document (a deal file holds one object)'],
    ['{"a": 1 // note\n}', 'error: x.json:1:9: not valid JSON: JSON allows no comments'],
    ['\uFEFF{"a" 1}', 'error: x.json:1:6: not valid JSON: expected ":" after the field name "a", found "1"'],
  ])('%j', (text, expected) => {
    expect(parseJsonText(text, 'x.json').diagnostics.map(formatDiagnostic)).toEqual([expected]);
  });

  it('keeps a valid document', () => {
    expect(parseJsonText('\uFEFF{"a": [1, -0.5e3, true, null, "\\u00e9"]}', 'x.json')).toEqual({ value: { a: [1, -500, true, null, 'é'] }, diagnostics: [] });
  });
});
