/**
 * A loaded deal and where each of its assets was written (inline, or a line of a tape), kept
 * compactly: a million-row tape keeps an array of line numbers, not a million origin objects.
 */
import type { AssetSpec, DealFile } from '../schema/deal.js';

/** A column of a tape: its header, the field it fills, and a unit the header states. */
export interface TapeColumn {
  header: string;
  field: string | undefined;
  index: number;
  /** A unit the header states: amounts in 万元, or rates in per cent without a % sign. */
  scale?: 'wan' | 'percent';
}

/** A tape read to the end without an error: its assets and where each came from. */
export interface GoodTape {
  /** Its index in pool.tapes. */
  index: number;
  assets: AssetSpec[];
  file: string;
  columns: TapeColumn[];
  lines: Int32Array;
}

/** Where an asset was written: inline in the deal file or on a line of a tape. */
export type AssetOrigin =
  | { kind: 'inline'; index: number }
  | { kind: 'tape'; tape: number; file: string; line: number; columns: TapeColumn[] };

/** A deal file with its tapes read and validated: what {@link runDeal} and the analytics take. */
export interface LoadedDeal {
  /** The deal file's path as given. */
  file: string;
  spec: DealFile;
  /** Every asset, inline ones first, then each tape's rows in order. */
  assets: AssetSpec[];
  /**
   * Where each asset was written, by index. A loaded deal keeps its origins compactly and builds
   * this list when it is first read; {@link originOf} reads one without building it.
   */
  origins: AssetOrigin[];
}

/**
 * Where the assets of a loaded deal were written, without an object per asset: a count of inline
 * assets, then per tape its file, columns and an array of line numbers (a million-row tape
 * would otherwise keep a million origin objects).
 */
export class OriginTable {
  private inline = 0;
  private readonly tapes: { start: number; tape: number; file: string; columns: TapeColumn[]; lines: Int32Array }[] = [];
  length = 0;

  addInline(count: number): void {
    this.inline += count;
    this.length += count;
  }

  /** The rows of one tape, in order, after everything added before. */
  addTape(tape: number, file: string, columns: TapeColumn[], lines: Int32Array): void {
    this.tapes.push({ start: this.length, tape, file, columns, lines });
    this.length += lines.length;
  }

  at(index: number): AssetOrigin | undefined {
    if (!(index >= 0 && index < this.length)) return undefined;
    if (index < this.inline) return { kind: 'inline', index };
    let lo = 0;
    let hi = this.tapes.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.tapes[mid]!.start <= index) lo = mid;
      else hi = mid - 1;
    }
    const t = this.tapes[lo]!;
    return { kind: 'tape', tape: t.tape, file: t.file, line: t.lines[index - t.start]!, columns: t.columns };
  }

  /** The file of each tape that gave assets, by its index in pool.tapes. */
  tapeFiles(): Map<number, string> {
    const out = new Map<number, string>();
    for (const t of this.tapes) if (t.lines.length > 0 && !out.has(t.tape)) out.set(t.tape, t.file);
    return out;
  }

  toArray(): AssetOrigin[] {
    return Array.from({ length: this.length }, (_, i) => this.at(i)!);
  }
}

const originTables = new WeakMap<LoadedDeal, OriginTable>();

/** A loaded deal whose `origins` list is built from `table` when first read. */
export function loadedDeal(file: string, spec: DealFile, assets: AssetSpec[], table: OriginTable): LoadedDeal {
  let list: AssetOrigin[] | undefined;
  const deal = { file, spec, assets } as LoadedDeal;
  Object.defineProperty(deal, 'origins', {
    enumerable: true,
    configurable: true,
    get: () => (list ??= table.toArray()),
    set: (value: AssetOrigin[]) => {
      list = value;
      originTables.delete(deal);
    },
  });
  originTables.set(deal, table);
  return deal;
}

/** Where the asset at `index` of a deal was written (without building the deal's whole `origins` list). */
export function originOf(deal: LoadedDeal, index: number): AssetOrigin | undefined {
  const table = originTables.get(deal);
  return table ? table.at(index) : deal.origins[index];
}

/** The file of each tape that gave a deal assets, by its index in pool.tapes. */
export function tapeFilesOf(deal: LoadedDeal): Map<number, string> {
  const table = originTables.get(deal);
  if (table) return table.tapeFiles();
  const out = new Map<number, string>();
  for (const o of deal.origins) if (o.kind === 'tape' && !out.has(o.tape)) out.set(o.tape, o.file);
  return out;
}

/** Line numbers as rows are read: an Int32Array that doubles, trimmed at the end. */
export class LineNumbers {
  private buf = new Int32Array(1024);
  length = 0;

  push(line: number): void {
    if (this.length === this.buf.length) {
      const bigger = new Int32Array(this.buf.length * 2);
      bigger.set(this.buf);
      this.buf = bigger;
    }
    this.buf[this.length++] = line;
  }

  done(): Int32Array {
    return this.buf.slice(0, this.length);
  }
}
