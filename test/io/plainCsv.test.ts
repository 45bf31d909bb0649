/** The plain-CSV reader cuts plain text exactly as csv-parse does with the options tapes use. */
import fc from 'fast-check';
import { Parser } from 'csv-parse';
import { describe, expect, it } from 'vitest';
import { isPlainUtf8, readPlainCsv } from '../../src/io/plainCsv.js';

function viaCsvParse(bytes: Uint8Array): [string[], number][] {
  const engine = (new Parser({ bom: true, relax_column_count: true, skip_empty_lines: true, skip_records_with_empty_values: true }) as unknown as {
    api: { info: { lines: number }; parse(b: Buffer | undefined, end: boolean, push: (r: unknown) => void, close: () => void): Error | undefined };
  }).api;
  const out: [string[], number][] = [];
  const push = (r: unknown) => out.push([r as string[], engine.info.lines]);
  engine.parse(Buffer.from(bytes), false, push, () => {});
  engine.parse(undefined, true, push, () => {});
  return out;
}

function viaPlain(bytes: Uint8Array, chunkSize: number): [string[], number][] {
  const chunks = () => Array.from({ length: Math.ceil(bytes.length / chunkSize) }, (_, k) => bytes.subarray(k * chunkSize, (k + 1) * chunkSize));
  const out: [string[], number][] = [];
  readPlainCsv(chunks, (record, line) => (out.push([record, line]), true));
  return out;
}

describe('plain CSV', () => {
  it('property: records and line numbers are csv-parse’s, however the bytes are chunked', () => {
    const piece = fc.constantFrom('a', 'b', '贷款', ' ', ',', '\n', '\n\n', ', ,', '\uFEFF', '1.5%', '\t', '');
    fc.assert(
      fc.property(fc.boolean(), fc.array(piece, { maxLength: 40 }), fc.integer({ min: 1, max: 9 }), (bom, pieces, chunkSize) => {
        const bytes = new TextEncoder().encode((bom ? '\uFEFF' : '') + pieces.join(''));
        expect(isPlainUtf8(() => [bytes])).toBe(true);
        expect(viaPlain(bytes, chunkSize)).toEqual(viaCsvParse(bytes));
      }),
      { numRuns: 3000 },
    );
  });

  it('is not used for quotes, carriage returns, NUL or bytes that are not UTF-8', () => {
    for (const text of ['a,"b"\n', 'a\r\nb\n', 'a\u0000b']) expect(isPlainUtf8(() => [Buffer.from(text)])).toBe(false);
    expect(isPlainUtf8(() => [Uint8Array.of(0x61, 0xd6, 0xd0)])).toBe(false);
  });
});
