/**
 * Which tapes are workbooks, and the sheet a deal file chooses of one: read from the tape's
 * bytes in a worker (./xlsxBridge.ts), or given already read (a program's own tape reader).
 * What the deal file says wrongly of it (a sheet it does not have, `sheet` on a CSV tape) is
 * said in the deal file.
 */
import type { TapeSpec } from '../schema/deal.js';
import { formatPath, type Diagnostic } from '../validate/diagnostics.js';
import { sheetFile } from '../util/sheetRef.js';
import { readSheetSync } from './xlsxBridge.js';
import type { SheetData, SheetResult } from './xlsxSheet.js';

/**
 * The largest workbook read: exceljs holds a whole workbook in memory, some 20 times its
 * compressed size; a larger tape is CSV, which is streamed (up to the tape limit).
 */
export const MAX_WORKBOOK_BYTES = 64 * 1024 * 1024;

/** A workbook's bytes, or undefined past {@link MAX_WORKBOOK_BYTES}. */
function workbookBytes(chunks: () => Iterable<Uint8Array>): Buffer | undefined {
  const parts: Uint8Array[] = [];
  let size = 0;
  for (const chunk of chunks()) {
    size += chunk.length;
    if (size > MAX_WORKBOOK_BYTES) return undefined;
    // A copy: a streamed tape's chunks are one buffer read into again.
    parts.push(new Uint8Array(chunk));
  }
  return Buffer.concat(parts);
}

/** True for a tape path that names an `.xlsx` workbook. */
export function isWorkbookPath(path: string): boolean {
  return /\.xlsx$/i.test(path);
}

/** The deal file's errors about a tape's workbook settings: `.xls`, or `sheet`/`headerRow` on a CSV tape. */
export function workbookSettingErrors(tape: TapeSpec, tapeIndex: number, file: string, workbook: boolean): Diagnostic[] {
  const at = (key: string) => formatPath(['pool', 'tapes', tapeIndex, key]);
  if (/\.xls$/i.test(tape.path)) {
    return [{ severity: 'error', file, path: at('path'), message: `${tape.path} is an Excel 97–2003 workbook (.xls), which ipabs does not read: save it as an Excel Workbook (.xlsx) or as CSV` }];
  }
  if (workbook) return [];
  return (['sheet', 'headerRow'] as const)
    .filter((k) => tape[k] !== undefined)
    .map((k) => ({ severity: 'error' as const, file, path: at(k), message: `is for .xlsx tapes; ${tape.path} is read as CSV (remove ${k}, or give an .xlsx tape)` }));
}

/**
 * The chosen sheet of a workbook tape, and its name in messages (`x.xlsx!Sheet1`), or the
 * deal file's error saying why there is none. `chunks` gives the workbook's bytes (it may throw
 * the reading's own errors); `given` is a sheet already read.
 */
export function workbookSheet(
  tape: TapeSpec,
  tapeIndex: number,
  file: string,
  tapeFile: string,
  chunks: () => Iterable<Uint8Array>,
  given?: SheetResult,
): { sheet: SheetData; sheetFile: string } | { diagnostics: Diagnostic[] } {
  const bytes = given ? undefined : workbookBytes(chunks);
  const got: SheetResult =
    given ?? (bytes ? readSheetSync(bytes, tape.sheet) : { error: `larger than ${MAX_WORKBOOK_BYTES / 1024 / 1024} MiB, the most read from a workbook (exceljs holds it whole in memory): save the sheet as CSV, which is streamed` });
  if ('data' in got) return { sheet: got.data, sheetFile: sheetFile(tapeFile, got.data.sheet) };
  const key = got.sheets !== undefined ? 'sheet' : 'path';
  return { diagnostics: [{ severity: 'error', file, path: formatPath(['pool', 'tapes', tapeIndex, key]), message: `tape ${tapeFile}: ${got.error}` }] };
}
