/**
 * Reading the tapes a deal file names: each row parsed against its asset type's schema as it
 * is read, its errors grouped by column (io/rowErrors.ts), and the assets kept only when the
 * whole tape is good.
 */
import { ASSET_SCHEMAS, Asset } from '../pool/registry.js';
import type { AssetSpec, TapeSpec } from '../schema/deal.js';
import { keysAt, leafFieldPaths, variantKeysAt } from '../schema/introspect.js';
import { formatDiagnostic, formatPath, hasErrors, type Diagnostic } from '../validate/diagnostics.js';
import { issuesToDiagnostics, valueAt } from '../validate/zodIssues.js';
import { parsePath } from '../validate/partial.js';
import { HEADER_ALIASES, readTape as readTapeRows, RowErrors, shownText, VALUE_ALIASES, type TapeColumn, type TapeRow } from './tape.js';
import { InputReadError } from './input.js';
import { rowParser } from './rowParser.js';
import { readSheetTape } from './sheetTape.js';
import { isWorkbookPath, workbookSettingErrors, workbookSheet } from './workbookTape.js';
import type { SheetData, SheetResult } from './xlsxSheet.js';
import { Decimal } from '../util/money.js';
import { LineNumbers, type GoodTape } from '../deal/loaded.js';
import { STDIN_NAME } from './stdin.js';
export type { GoodTape } from '../deal/loaded.js';

/** What reading a tape gave: its bytes (whole, or chunk by chunk), or diagnostics saying why not. */
export interface TapeRead {
  bytes?: Uint8Array;
  /** The bytes chunk by chunk, from the start each time it is called (a tape streamed from disk). */
  chunks?: () => Iterable<Uint8Array>;
  /** Called once the tape has been read (closes the file). */
  close?: () => void;
  diagnostics: Diagnostic[];
  /** The tape's name in messages (e.g. relative to the working directory); default: the path as written. */
  file?: string;
  /** Why it could not be read, in a few words ("no such file"). */
  reason?: string;
  /** A workbook tape's sheet already read (./xlsxSheet.ts), instead of its bytes. */
  sheet?: SheetResult;
}

/**
 * Reads the tape `pool.tapes[tapeIndex]` of the deal file `file` through `reader`: its
 * diagnostics (in the deal file for what the deal says of it, in the tape for its rows), and
 * its assets when it has no error.
 */
export function readDealTape(tape: TapeSpec, tapeIndex: number, file: string, reader: (path: string) => TapeRead): { diagnostics: Diagnostic[]; read?: GoodTape } {
  const diagnostics: Diagnostic[] = [];
  const tapePath = ['pool', 'tapes', tapeIndex] as const;
  const read = reader(tape.path);
  let tapeFile = read.file ?? read.diagnostics[0]?.file ?? tape.path;
  const workbook = read.sheet !== undefined || isWorkbookPath(tape.path);
  diagnostics.push(...workbookSettingErrors(tape, tapeIndex, file, workbook));
  let closed = false;
  const close = () => {
    if (!closed) read.close?.();
    closed = true;
  };
  /** `f`'s answer, or undefined when reading the tape failed (said in the deal file); the tape is closed after. */
  const reading = <T>(f: () => T): T | undefined => {
    try {
      return f();
    } catch (err) {
      if (!(err instanceof InputReadError)) throw err;
      cannotRead(err.reason);
      return undefined;
    } finally {
      close();
    }
  };
  const cannotRead = (reason: string) =>
    diagnostics.push({
      severity: 'error',
      file,
      path: formatPath([...tapePath, 'path']),
      message: reason === 'no such file' ? `no tape file at ${tapeFile} (the path is relative to ${file === STDIN_NAME ? 'the current folder: the deal came from standard input' : 'the deal file'})` : `cannot read the tape ${tapeFile}: ${reason}`,
    });
  const chunks = read.chunks ?? (read.bytes ? () => [read.bytes!] : undefined);
  if (!chunks && !read.sheet) {
    if (read.reason !== undefined) cannotRead(read.reason);
    else diagnostics.push(...read.diagnostics.map((d) => ({ ...d, path: formatPath([...tapePath, 'path']), file, message: `tape ${tape.path}: ${d.message}` })));
    return { diagnostics };
  }
  if (hasErrors(diagnostics)) {
    close();
    return { diagnostics };
  }
  let sheet: SheetData | undefined;
  if (workbook) {
    const chosen = reading(() => workbookSheet(tape, tapeIndex, file, tapeFile, chunks ?? (() => []), read.sheet));
    if (!chosen) return { diagnostics };
    if ('diagnostics' in chosen) return { diagnostics: [...diagnostics, ...chosen.diagnostics] };
    ({ sheet, sheetFile: tapeFile } = chosen);
  }
  const schema = ASSET_SCHEMAS[tape.type];
  const fields = new Set(leafFieldPaths(schema).filter((f) => f !== 'type' && f !== 'assumed'));
  const defaults = tape.defaults ?? {};
  const rowErrors = new RowErrors(tapeFile);
  const reported = new Set<string>();
  const once = (d: Diagnostic) => {
    const key = formatDiagnostic(d);
    if (!reported.has(key)) {
      reported.add(key);
      rowErrors.addOnce(d);
    }
  };
  // Rows are checked as they are read, and only the assets are kept; after the first error
  // they are no longer kept, as the deal will not load.
  const tapeAssets: AssetSpec[] = [];
  const tapeLines = new LineNumbers();
  let columns: TapeColumn[] = [];
  let headerLine = 1;
  let anyError = false;
  const shared = new SharedValues();
  const parse = rowParser(schema, Asset);
  const onRow = (row: TapeRow) => {
    const result = parse(row.value);
    if (result.success) {
      if (!anyError) {
        shared.share(result.data as Record<string, unknown>, row.cells);
        tapeAssets.push(result.data as AssetSpec);
        tapeLines.push(row.line);
      }
      return;
    }
    anyError = true;
    const rowDiagnostics: Diagnostic[] = [];
    const issues = issuesToDiagnostics(result.error.issues, tapeFile, row.value, {
      keysAt: (p) => keysAt(Asset, p, row.value),
      variantKeysAt: (p) => variantKeysAt(Asset, p, row.value),
      receivedAt: (p) => cellAt(row.cells, p),
    });
    for (const d of issues) {
      const keys = parsePath(d.path ?? '');
      const field = fieldOfPath(d.path ?? '');
      const column = columns.find((c) => c.field === field);
      const cell = column ? row.cells[field] : undefined;
      if (cell === undefined && valueAt(defaults, keys) !== undefined) {
        // The value came from the tape's defaults: say so once, in the deal file.
        once({ severity: 'error', file, path: formatPath([...tapePath, 'defaults', ...keys]), message: d.message });
      } else if (column) {
        let message = d.message.replace(/^is required/, 'is empty');
        const aliases = VALUE_ALIASES[field];
        if (aliases && message.startsWith('must be one of ')) {
          // One Chinese name for each value, the first the tape accepts.
          const names = [...new Map(Object.entries(aliases).map(([cn, en]) => [en, cn] as const).reverse()).values()].reverse();
          message = message.replace(' (got ', `, or in Chinese ${names.join(', ')} (got `);
        }
        rowDiagnostics.push({ severity: 'error', file: tapeFile, line: row.line, column: column.index + 1, columnName: column.header, message });
      } else if (d.message.startsWith('is required')) {
        const aliases = Object.entries(HEADER_ALIASES).filter(([, f]) => f === field).map(([h]) => h);
        once({
          severity: 'error',
          file: tapeFile,
          line: headerLine,
          message: `no column for ${field}${aliases.length ? ` (or ${aliases.join(', ')})` : ''}, which ${tape.type} assets require; add the column, or set ${field} in ${formatPath([...tapePath, 'defaults'])}`,
        });
      } else {
        rowDiagnostics.push({ severity: 'error', file: tapeFile, line: row.line, message: `${d.path}: ${d.message}` });
      }
    }
    // Left to right along the row, as the reader sees it.
    rowDiagnostics.sort((a, b) => (a.column ?? Infinity) - (b.column ?? Infinity));
    for (const d of rowDiagnostics) rowErrors.add(d);
  };
  const visit = {
    onHeader: (c: TapeColumn[], line: number) => {
      columns = c;
      headerLine = line;
    },
    onRow,
    onRowError: (d: Diagnostic) => {
      anyError = true;
      rowErrors.add(d);
    },
  };
  const summary = reading(() =>
    sheet ? readSheetTape(sheet, tapeFile, tape.type, fields, defaults, visit, tape.headerRow) : readTapeRows(chunks!, tape.encoding, tapeFile, tape.type, fields, defaults, visit),
  );
  if (!summary) return { diagnostics };
  diagnostics.push(...summary.diagnostics);
  if (summary.failed) return { diagnostics };
  diagnostics.push(...rowErrors.diagnostics());
  return anyError ? { diagnostics } : { diagnostics, read: { index: tapeIndex, assets: tapeAssets, file: tapeFile, columns, lines: tapeLines.done() } };
}

/**
 * One value for each text a column repeats (an industry, a date, a rate): a tape of a million
 * rows holds a few hundred distinct industries and dates, and a parsed asset's fields are never
 * changed, so rows can share them (strings, decimals, lists of IP types). A column with more
 * than {@link SharedValues.MAX} distinct texts (ids, names, balances) stops being tabled.
 */
class SharedValues {
  static readonly MAX = 4096;
  private readonly byField = new Map<string, { keys: string[]; values: Map<string, unknown> }>();

  /** Replaces each field of `asset` read from a cell by the value first parsed from the same text. */
  share(asset: Record<string, unknown>, cells: Record<string, string>): void {
    for (const field in cells) {
      let table = this.byField.get(field);
      if (!table) this.byField.set(field, (table = { keys: field.split('.'), values: new Map() }));
      let holder: Record<string, unknown> | undefined = asset;
      for (let k = 0; k < table.keys.length - 1 && holder; k++) holder = holder[table.keys[k]!] as Record<string, unknown> | undefined;
      const key = table.keys[table.keys.length - 1]!;
      const value = holder?.[key];
      if (value === undefined || value === null || typeof value !== 'object' && typeof value !== 'string') continue;
      const text = cells[field]!;
      const seen = table.values.get(text);
      if (seen !== undefined) {
        holder![key] = seen;
        continue;
      }
      // A parsed decimal's digit array has room for 16 digits more than it holds (it grew by
      // push); a copy holds just its digits, a fifth of the memory of a kept balance.
      const kept = value instanceof Decimal ? new Decimal(value) : value;
      if (kept !== value) holder![key] = kept;
      if (table.values.size < SharedValues.MAX) table.values.set(text, kept);
    }
  }
}

/** The text a tape row's cell had at a path of the asset (`ip.types[0]` → the ip.types cell). */
function cellAt(cells: Record<string, string>, path: readonly PropertyKey[]): string | undefined {
  for (let k = path.length; k > 0; k--) {
    const keys = path.slice(0, k);
    if (keys.some((x) => typeof x !== 'string')) continue;
    const cell = cells[keys.join('.')];
    // Cut: the cell of a file that is not a tape must not be echoed whole.
    if (cell !== undefined) return shownText(cell);
  }
  return undefined;
}

/** `ip.types[0]` → `ip.types`: the tape column a JSON path belongs to. */
function fieldOfPath(path: string): string {
  return path.replace(/\[\d+\].*$/, '');
}
